// The kubehops.dev/v1alpha1 Cluster kind: the cluster-wide settings Kubernetes keeps in
// flags rather than objects, defaulted as kubeadm sets a cluster up and validated as the
// components that own them would: the service CIDRs as the ServiceCIDR API and kube-apiserver
// (cmd/kube-apiserver/app/options/validation.go, maxCIDRBits 20) check them, the pod CIDRs
// against kubeadm's node masks (cmd/kubeadm/app/apis/kubeadm/validation), the node-port range
// as apimachinery's utilnet.ParsePortRange reads it. DNS settings live in ./cluster-dns.

import { CLOUD_PROVIDERS, CNI_MODELS, type ClusterSpec, type ExternalClient } from '../model/cluster';
import { NODE_CIDR_MASK } from '../control/node-ipam';
import { bitsOf, formatCIDR, formatIP, type CIDR, type IP, type ParsedCIDR } from '../net/ip';
import { FieldPath, duplicate, invalid, required, type FieldError } from './field-errors';
import { checkTypes } from './schema';
import { defaultDNSSpec, readDNSSpec, readEnum, type RawDNS } from './cluster-dns';
import { isDNS1123Subdomain } from './validation/names';
import { validateStrictCIDR, validateStrictIP } from './validation/ip-strict';

export { readProxyConfig } from './proxy-config';

/** kube-apiserver's maxCIDRBits: a service CIDR holds at most 2^20 addresses. */
const MAX_SERVICE_CIDR_BITS = 20;
/** kubeadm's MinimumAddressesInServiceSubnet. */
const MIN_SERVICE_ADDRESSES = 10;
/** kubeadm's PodSubnetNodeMaskMaxDiff. */
const POD_SUBNET_NODE_MASK_MAX_DIFF = 16;

interface RawSpec {
  serviceCIDRs?: string[] | null;
  podCIDRs?: string[] | null;
  serviceNodePortRange?: string | null;
  cni?: { model?: string | null } | null;
  cloud?: { provider?: string | null } | null;
  dns?: RawDNS | null;
  clients?: ({ name?: string | null; ip?: string | null } | null)[] | null;
}

/** A kubeadm cluster's settings: what a scenario without a Cluster document runs on. */
export function defaultClusterSpec(): ClusterSpec {
  return {
    serviceCIDRs: ['10.96.0.0/12' as CIDR],
    podCIDRs: ['10.244.0.0/16' as CIDR],
    serviceNodePortRange: { min: 30000, max: 32767 },
    cni: { model: 'direct' },
    cloud: { provider: 'none' },
    dns: defaultDNSSpec(),
    clients: [],
  };
}


/** Service CIDR size, as kube-apiserver and kubeadm bound it. */
function serviceCIDRSize(at: FieldPath, text: string, cidr: ParsedCIDR): FieldError[] {
  const bits = bitsOf(cidr.family);
  const hostBits = bits - cidr.prefix;
  if (hostBits > MAX_SERVICE_CIDR_BITS) {
    return [invalid(at, text, `specified service subnet is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAX_SERVICE_CIDR_BITS}`)];
  }
  const size = 2 ** hostBits;
  return size < MIN_SERVICE_ADDRESSES
    ? [invalid(at, text, `subnet with ${size} address(es) is too small, the minimum is ${MIN_SERVICE_ADDRESSES}`)]
    : [];
}

/** A pod CIDR must hold whole node CIDRs, and not too many of them (kubeadm). */
function podCIDRSize(at: FieldPath, text: string, cidr: ParsedCIDR): FieldError[] {
  const nodeMask = NODE_CIDR_MASK[cidr.family];
  if (cidr.prefix > nodeMask) {
    return [invalid(at, text, `the size of pod subnet with mask ${cidr.prefix} is smaller than the size of node subnet with mask ${nodeMask}`)];
  }
  if (nodeMask - cidr.prefix > POD_SUBNET_NODE_MASK_MAX_DIFF) {
    return [invalid(at, text, `pod subnet mask (${cidr.prefix}) and node-mask (${nodeMask}) difference is greater than ${POD_SUBNET_NODE_MASK_MAX_DIFF}`)];
  }
  return [];
}

/** One or two CIDRs, one per family, the first primary (the ServiceCIDR API's rules). */
function readCIDRs(
  values: string[] | null | undefined, at: FieldPath, size: typeof serviceCIDRSize, errors: FieldError[],
): CIDR[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length > 2) {
    errors.push(invalid(at, values, 'may only hold up to 2 values'));
    return undefined;
  }
  const parsed = values.map((v, i) => {
    const r = validateStrictCIDR(at.index(i), v);
    errors.push(...r.errors, ...(r.cidr ? size(at.index(i), v, r.cidr) : []));
    return r.cidr;
  });
  const [first, second] = parsed;
  if (first && second && first.family === second.family) {
    errors.push(invalid(at, values, 'may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64'));
  }
  return parsed.every((c) => c) ? parsed.map((c) => formatCIDR(c!)) : undefined;
}

const atoi = (s: string): number => {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
};

/** utilnet.ParsePortRange: "N-M", "N+K" or "N"; its error text when it refuses. */
export function parsePortRange(text: string): { min: number; max: number } | { error: string } | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const hyphen = value.indexOf('-');
  const plus = value.indexOf('+');
  let low: number, high: number;
  try {
    if (hyphen >= 0 && plus >= 0) return { error: `unable to parse port range: ${value}` };
    if (hyphen >= 0) [low, high] = [atoi(value.slice(0, hyphen)), atoi(value.slice(hyphen + 1))];
    else if (plus >= 0) [low, high] = [atoi(value.slice(0, plus)), atoi(value.slice(0, plus)) + atoi(value.slice(plus + 1))];
    else low = high = atoi(value);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (low > 65535 || high > 65535) return { error: `the port range cannot be greater than 65535: ${value}` };
  if (high < low) return { error: `end port cannot be less than start port: ${value}` };
  if (low < 1) return { error: 'must be between 1 and 65535, inclusive' };
  return { min: low, max: high };
}

function readPortRange(text: string | null | undefined, at: FieldPath, errors: FieldError[]): ClusterSpec['serviceNodePortRange'] | undefined {
  const range = text == null ? undefined : parsePortRange(text);
  if (range && 'error' in range) {
    errors.push(invalid(at, text, range.error));
    return undefined;
  }
  return range;
}

function readClients(raw: RawSpec['clients'], at: FieldPath, errors: FieldError[]): ExternalClient[] {
  const clients: ExternalClient[] = [];
  const names = new Set<string>();
  const ips = new Set<string>();
  (raw ?? []).forEach((c, i) => {
    const item = at.index(i);
    const name = c?.name ?? '';
    if (name === '') errors.push(required(item.child('name'), ''));
    else if (names.has(name)) errors.push(duplicate(item.child('name'), name));
    else errors.push(...isDNS1123Subdomain(name).map((m) => invalid(item.child('name'), name, m)));
    names.add(name);
    const ipText = c?.ip ?? '';
    if (ipText === '') return void errors.push(required(item.child('ip'), ''));
    const { ip, errors: ipErrors } = validateStrictIP(item.child('ip'), ipText);
    errors.push(...ipErrors);
    if (!ip) return;
    const canonical = formatIP(ip);
    if (ips.has(canonical)) errors.push(duplicate(item.child('ip'), ipText));
    ips.add(canonical);
    clients.push({ name, ip: canonical as IP });
  });
  return clients;
}

/**
 * Reads a Cluster document (undefined: none in the scenario) into a ClusterSpec with every
 * default filled. Any error refuses the document as a whole, as the API server refuses an
 * object: the errors come back with the default spec.
 */
export function readClusterSpec(obj: unknown | undefined): { spec: ClusterSpec; errors: FieldError[] } {
  const defaults = defaultClusterSpec();
  if (obj === undefined) return { spec: defaults, errors: [] };
  const typed = checkTypes('Cluster', obj);
  if (typed.errors.length > 0) return { spec: defaults, errors: typed.errors };
  const raw: RawSpec = (obj as { spec?: RawSpec | null }).spec ?? {};
  const at = FieldPath.root('spec');
  const errors: FieldError[] = [];
  const spec: ClusterSpec = {
    serviceCIDRs: readCIDRs(raw.serviceCIDRs, at.child('serviceCIDRs'), serviceCIDRSize, errors) ?? defaults.serviceCIDRs,
    podCIDRs: readCIDRs(raw.podCIDRs, at.child('podCIDRs'), podCIDRSize, errors) ?? defaults.podCIDRs,
    serviceNodePortRange: readPortRange(raw.serviceNodePortRange, at.child('serviceNodePortRange'), errors)
      ?? defaults.serviceNodePortRange,
    cni: { model: readEnum(raw.cni?.model, CNI_MODELS, defaults.cni.model, at.child('cni').child('model'), errors) },
    cloud: {
      provider: readEnum(raw.cloud?.provider, CLOUD_PROVIDERS, defaults.cloud.provider, at.child('cloud').child('provider'), errors),
    },
    dns: readDNSSpec(raw.dns, at.child('dns'), errors),
    clients: readClients(raw.clients, at.child('clients'), errors),
  };
  return errors.length > 0 ? { spec: defaults, errors } : { spec, errors };
}
