// ClusterIP allocation as the API server's Service registry does it (kubernetes/kubernetes
// pkg/registry/core/service/storage/alloc.go: initIPFamilyFields, allocClusterIPs, allocIPs;
// pkg/registry/core/service/ipallocator: the range and its error texts).
// - One pool per family over that family's service CIDRs. The network address is never
//   handed out, nor an IPv4 range's broadcast address.
// - IPs a Service asks for are reserved by the caller first, in document order; the rest are
//   handed out in order from the bottom of the range (the real allocator picks at random from
//   the upper part of the range). The first address is never handed out: on every real
//   cluster the apiserver's bootstrap controller holds it for default/kubernetes (a scenario
//   may still ask for it explicitly, e.g. by defining that Service). No kube-dns .10 is implied.
// - A failure refuses the whole Service, with the registry's words:
//   `spec.clusterIPs: Invalid value: ["1.1.1.1"]: failed to allocate IP 1.1.1.1: the provided IP
//   (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12`.
//   A full range, an internal error in the API server, is reported on spec.clusterIPs too.

import type { IPFamily, ParsedCIDR } from '../net/ip';
import { canonicalIP, cidrAddress, cidrContains, cidrSize, formatCIDR, parseCIDR, parseIP } from '../net/ip';
import type { IPFamilyName, Service } from '../model/k8s';
import type { FieldError } from '../manifests/field-errors';
import { invalid } from '../manifests/field-errors';

export interface IPPool {
  family: IPFamily;
  cidrs: ParsedCIDR[];
  used: Set<string>;
  /** The cluster's primary family: the one its own `kubernetes` Service lives in. */
  primary: boolean;
}
export type IPPools = Map<IPFamilyName, IPPool>;

export const familyName = (f: IPFamily): IPFamilyName => (f === 4 ? 'IPv4' : 'IPv6');
const lastHost = (c: ParsedCIDR): bigint => (c.family === 4 ? cidrSize(c) - 2n : cidrSize(c) - 1n);

/** Pools keyed by family, in the order of the CIDRs given (the first is the default family). */
export function createIPPools(cidrs: readonly string[]): IPPools {
  const pools: IPPools = new Map();
  for (const text of cidrs) {
    const cidr = parseCIDR(text);
    if (!cidr) continue;
    const name = familyName(cidr.family);
    const pool = pools.get(name) ?? { family: cidr.family, cidrs: [], used: new Set<string>(), primary: pools.size === 0 };
    pool.cidrs.push(cidr);
    pools.set(name, pool);
  }
  return pools;
}

/** Reserves a requested IP; returns the allocator's error text when it cannot. */
export function reserveIP(pool: IPPool, text: string): string | undefined {
  const ip = parseIP(text);
  const inRange = ip && pool.cidrs.some((c) => cidrContains(c, ip) && ip.value > c.base && ip.value <= c.base + lastHost(c));
  if (!inRange) {
    const range = pool.cidrs.map(formatCIDR).join(', ');
    return `the provided IP (${text}) is not in the valid range. The range of valid IPs is ${range}`;
  }
  const canonical = canonicalIP(text)!;
  if (pool.used.has(canonical)) return 'provided IP is already allocated';
  pool.used.add(canonical);
  return undefined;
}

/** The offset of the first address: the apiserver's own `kubernetes` Service holds it. */
const KUBERNETES_SERVICE_OFFSET = 1n;

/** The lowest free address of the pool, reserved; undefined when the range is full. */
export function nextIP(pool: IPPool): string | undefined {
  for (const [i, cidr] of pool.cidrs.entries()) {
    for (let n = i === 0 && pool.primary ? KUBERNETES_SERVICE_OFFSET + 1n : 1n; n <= lastHost(cidr); n++) {
      const ip = cidrAddress(cidr, n);
      if (!pool.used.has(ip)) {
        pool.used.add(ip);
        return ip;
      }
    }
  }
  return undefined;
}

export const releaseIP = (pools: IPPools, ip: string): void => {
  const family = parseIP(ip)?.family;
  if (family) pools.get(familyName(family))?.used.delete(canonicalIP(ip)!);
};

export const isHeadless = (svc: Service): boolean => (svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP) === 'None';
export const needsClusterIP = (svc: Service): boolean => svc.spec.type !== 'ExternalName' && !isHeadless(svc);

/** spec.clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy filled as initIPFamilyFields fills them. */
export function initIPFamilyFields(svc: Service, pools: IPPools): { service: Service; errors: FieldError[] } {
  if (svc.spec.type === 'ExternalName') return { service: svc, errors: [] };
  const spec = { ...svc.spec };
  const clusterIPs = spec.clusterIPs?.length ? [...spec.clusterIPs] : spec.clusterIP ? [spec.clusterIP] : [];
  const selectorless = Object.keys(spec.selector ?? {}).length === 0;
  const headless = clusterIPs[0] === 'None';
  spec.ipFamilyPolicy ??= headless && selectorless ? 'RequireDualStack' : 'SingleStack';
  const families = [...(spec.ipFamilies ?? [])];
  const errors: FieldError[] = [];
  clusterIPs.forEach((ip, i) => {
    const f = parseIP(ip)?.family;
    if (!f || i < families.length) return;
    if (pools.has(familyName(f))) families.push(familyName(f));
    else errors.push(invalid(`spec.clusterIPs[${i}]`, clusterIPs, `${familyName(f)} is not configured on this cluster`));
  });
  const dualWanted = spec.ipFamilyPolicy !== 'SingleStack';
  if (!(headless && selectorless)) {
    if (spec.ipFamilyPolicy === 'RequireDualStack' && pools.size < 2) {
      errors.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
    }
    families.forEach((f, i) => {
      if (!pools.has(f)) errors.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
    });
  }
  const defaultFamily = [...pools.keys()][0] ?? 'IPv4';
  if (families.length === 0) families.push(defaultFamily);
  const wantsSecond = headless && selectorless ? dualWanted : dualWanted && pools.size === 2;
  if (wantsSecond && families.length === 1) families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
  spec.ipFamilies = families;
  if (clusterIPs.length > 0) {
    spec.clusterIPs = clusterIPs;
    spec.clusterIP = clusterIPs[0];
  }
  return { service: { ...svc, spec }, errors };
}

/** Reserves the ClusterIPs the Service asks for; on failure nothing stays reserved. */
export function reserveClusterIPs(svc: Service, pools: IPPools): { reserved: string[]; errors: FieldError[] } {
  if (!needsClusterIP(svc)) return { reserved: [], errors: [] };
  const asked = svc.spec.clusterIPs ?? [];
  const reserved: string[] = [];
  for (const ip of asked) {
    if (ip === '') continue;
    const family = parseIP(ip)?.family;
    const pool = family && pools.get(familyName(family));
    const err = pool ? reserveIP(pool, ip) : `${family ? familyName(family) : 'IP family'} is not configured on this cluster`;
    if (err !== undefined) {
      reserved.forEach((r) => releaseIP(pools, r));
      return { reserved: [], errors: [invalid('spec.clusterIPs', asked, `failed to allocate IP ${ip}: ${err}`)] };
    }
    reserved.push(canonicalIP(ip)!);
  }
  return { reserved, errors: [] };
}

/** Fills every ClusterIP the Service still lacks, one per family, from the pools. */
export function allocateClusterIPs(svc: Service, pools: IPPools): { service: Service; allocated: string[]; errors: FieldError[] } {
  if (!needsClusterIP(svc)) return { service: svc, allocated: [], errors: [] };
  const families = svc.spec.ipFamilies ?? [];
  const clusterIPs = families.map((_, i) => svc.spec.clusterIPs?.[i] ?? '');
  const allocated: string[] = [];
  for (let i = 0; i < families.length; i++) {
    if (clusterIPs[i] !== '') continue;
    const pool = pools.get(families[i]!);
    const ip = pool && nextIP(pool);
    if (!ip) {
      allocated.forEach((a) => releaseIP(pools, a));
      return { service: svc, allocated: [], errors: [invalid('spec.clusterIPs', svc.spec.clusterIPs ?? [], 'failed to allocate a serviceIP: range is full')] };
    }
    clusterIPs[i] = ip;
    allocated.push(ip);
  }
  const canonical = clusterIPs.map((ip) => canonicalIP(ip) ?? ip);
  return { service: { ...svc, spec: { ...svc.spec, clusterIP: canonical[0], clusterIPs: canonical } }, allocated, errors: [] };
}
