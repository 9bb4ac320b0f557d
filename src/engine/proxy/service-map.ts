// kube-proxy's ServicePortMap for one IP family: each Service port as the proxier sees it.
// Follows pkg/proxy/servicechangetracker.go (serviceToServiceMap), pkg/proxy/serviceport.go
// (newBaseServiceInfo) and pkg/api/v1/service/util.go (traffic-policy helpers).

import type { ClusterModel } from '../model/cluster';
import type { IPFamilyName, Protocol, Service } from '../model/k8s';
import { canonicalIP, formatCIDR, parseCIDR, type CIDR, type IP, type IPFamily } from '../net/ip';

/** One Service port, for one IP family (kube-proxy's BaseServicePortInfo). */
export interface ServicePortInfo {
  /** ServicePortName.String(): `ns/name:port`, or `ns/name` when the port has no name. */
  readonly name: string;
  /** Matches endpoints: ServicePortName with its protocol. */
  readonly key: string;
  readonly namespace: string;
  readonly serviceName: string;
  readonly portName: string;
  readonly protocol: Protocol;
  readonly clusterIP: IP;
  readonly port: number;
  /** 0 when the port has no node port. */
  readonly nodePort: number;
  readonly externalIPs: readonly IP[];
  /** status.loadBalancer.ingress IPs of this family in VIP mode. */
  readonly loadBalancerVIPs: readonly IP[];
  readonly loadBalancerSourceRanges: readonly CIDR[];
  /** 0 unless the Service needs a health check (LoadBalancer with externalTrafficPolicy Local). */
  readonly healthCheckNodePort: number;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  readonly sessionAffinityClientIP: boolean;
  /** sessionAffinityConfig.clientIP.timeoutSeconds; 0 without ClientIP affinity. */
  readonly stickyMaxAgeSeconds: number;
}

export const familyName = (family: IPFamily): IPFamilyName => (family === 4 ? 'IPv4' : 'IPv6');

export const servicePortName = (namespace: string, name: string, port: string): string =>
  `${namespace}/${name}${port === '' ? '' : `:${port}`}`;

export const servicePortKey = (name: string, protocol: Protocol): string => `${name}/${protocol}`;

/** apiservice.ExternallyAccessible. */
function externallyAccessible(svc: Service): boolean {
  const type = svc.spec.type ?? 'ClusterIP';
  return type === 'LoadBalancer' || type === 'NodePort' ||
    (type === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0);
}

const externalPolicyLocal = (svc: Service): boolean =>
  externallyAccessible(svc) && svc.spec.externalTrafficPolicy === 'Local';

/** proxyutil.GetClusterIPByFamily, tolerating Services without ipFamilies. */
export function clusterIPForFamily(svc: Service, family: IPFamily): IP | undefined {
  const families = svc.spec.ipFamilies ?? [];
  if (families.length === 0) {
    const ip = svc.spec.clusterIP;
    if (!ip || ip === 'None') return undefined;
    const canonical = canonicalIP(ip);
    return canonical && (canonical.includes(':') ? 6 : 4) === family ? canonical : undefined;
  }
  const index = families.indexOf(familyName(family));
  const ip = index >= 0 ? svc.spec.clusterIPs?.[index] : undefined;
  return ip ? canonicalIP(ip) : undefined;
}

/** proxyutil.ShouldSkipService: headless and ExternalName Services get no rules. */
const shouldSkip = (svc: Service): boolean =>
  !svc.spec.clusterIP || svc.spec.clusterIP === 'None' || svc.spec.type === 'ExternalName';

function ipsOfFamily(ips: readonly string[] | undefined, family: IPFamily): IP[] {
  const out: IP[] = [];
  for (const text of ips ?? []) {
    const ip = canonicalIP(text.trim());
    if (ip && (ip.includes(':') ? 6 : 4) === family) out.push(ip);
  }
  return out;
}

function rangesOfFamily(ranges: readonly string[] | undefined, family: IPFamily): CIDR[] {
  const out: CIDR[] = [];
  for (const text of ranges ?? []) {
    const cidr = parseCIDR(text.trim());
    if (cidr && cidr.family === family) out.push(formatCIDR(cidr));
  }
  return out;
}

/** Ingress IPs kube-proxy programs: VIP mode (the default) and of this family. */
function loadBalancerVIPs(svc: Service, family: IPFamily): IP[] {
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).filter((i) => i.ip && i.ipMode !== 'Proxy');
  return ipsOfFamily(ingress.map((i) => i.ip!), family);
}

function portsOf(svc: Service, family: IPFamily, clusterIP: IP): ServicePortInfo[] {
  const namespace = svc.metadata.namespace ?? 'default';
  const serviceName = svc.metadata.name ?? '';
  const affinity = svc.spec.sessionAffinity === 'ClientIP';
  const needsHealthCheck = svc.spec.type === 'LoadBalancer' && externalPolicyLocal(svc);
  return (svc.spec.ports ?? []).map((p) => {
    const protocol = p.protocol ?? 'TCP';
    const name = servicePortName(namespace, serviceName, p.name ?? '');
    return {
      name, key: servicePortKey(name, protocol), namespace, serviceName, portName: p.name ?? '', protocol,
      clusterIP, port: p.port, nodePort: p.nodePort ?? 0,
      externalIPs: ipsOfFamily(svc.spec.externalIPs, family),
      loadBalancerVIPs: loadBalancerVIPs(svc, family),
      loadBalancerSourceRanges: rangesOfFamily(svc.spec.loadBalancerSourceRanges, family),
      healthCheckNodePort: needsHealthCheck ? svc.spec.healthCheckNodePort ?? 0 : 0,
      externalPolicyLocal: externalPolicyLocal(svc),
      internalPolicyLocal: svc.spec.internalTrafficPolicy === 'Local',
      sessionAffinityClientIP: affinity,
      stickyMaxAgeSeconds: affinity ? svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 : 0,
    };
  });
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every proxied Service port of one family. kube-proxy keeps them in a Go map (random
 * iteration order); kubehops sorts them by ServicePortName, then protocol.
 */
export function buildServicePortMap(cluster: ClusterModel, family: IPFamily): ServicePortInfo[] {
  const ports: ServicePortInfo[] = [];
  for (const svc of cluster.services) {
    if (shouldSkip(svc)) continue;
    const clusterIP = clusterIPForFamily(svc, family);
    if (clusterIP) ports.push(...portsOf(svc, family, clusterIP));
  }
  return ports.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.protocol, b.protocol));
}

/** ExternallyAccessible for one port: reachable other than by its ClusterIP. */
export const portExternallyAccessible = (p: ServicePortInfo): boolean =>
  p.nodePort !== 0 || p.loadBalancerVIPs.length > 0 || p.externalIPs.length > 0;

/** The port ever sends traffic to "Cluster" endpoints (short-circuiting needs them too). */
export const usesClusterEndpoints = (p: ServicePortInfo): boolean =>
  !p.internalPolicyLocal || portExternallyAccessible(p);

/** The port ever sends traffic to "Local" endpoints. */
export const usesLocalEndpoints = (p: ServicePortInfo): boolean =>
  p.internalPolicyLocal || (p.externalPolicyLocal && portExternallyAccessible(p));
