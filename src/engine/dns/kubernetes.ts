// The backend of CoreDNS's `kubernetes` plugin (coredns/coredns plugin/kubernetes: kubernetes.go
// Services/Records/findServices/findPods, parse.go parseRequest, reverse.go, ns.go,
// object/endpoint.go), over the loaded cluster instead of an informer cache. It turns a
// question into the plugin's intermediate "services" (a host that is an address or a name, a
// port, a TTL and the owner name an SRV target takes) or a name error (NXDOMAIN). The record
// builders in lookup.ts then follow CoreDNS's plugin/backend_lookup.go.

import type { ClusterModel, DNSSpec } from '../model/cluster';
import type { EndpointSlice, Service } from '../model/k8s';
import { canonicalIP, parseIP, type IP } from '../net/ip';
import { findDNSService } from './kube-dns';
import { addressFromReverse, isReverse, labels, trimZone } from './names';
import type { RRType } from './types';
import { LABEL_SERVICE_NAME } from '../model/k8s';

/** msg.Service: what the backend found. `owner` is msg.Domain(Key), absolute. */
export interface Entry {
  readonly host: string;
  readonly port: number;
  readonly ttl: number;
  readonly owner: string;
  readonly text?: string;
}

export type Found = { readonly entries: readonly Entry[]; readonly nameError: boolean };
const found = (entries: readonly Entry[]): Found => ({ entries, nameError: false });
const nameError: Found = { entries: [], nameError: true };

/** The plugin instance: its options and the cluster it watches. */
export interface Backend {
  readonly cluster: ClusterModel;
  readonly dns: DNSSpec;
  /** The zones it serves, absolute: the configured ones, then in-addr.arpa. and ip6.arpa. */
  readonly zones: readonly string[];
  /** The DNS Service's addresses (nsAddrs). */
  readonly serverIPs: readonly IP[];
}

/** request.Request: the name as asked, lower-cased, its type, and the zone in the asker's case. */
export interface Question {
  readonly qname: string;
  readonly name: string;
  readonly qtype: RRType;
  readonly zone: string;
}

export const question = (qname: string, qtype: RRType, zone: string): Question => ({ qname, name: qname.toLowerCase(), qtype, zone });

/** DNSSchemaVersion of the Kubernetes DNS specification. */
const SCHEMA_VERSION = '1.1.0';
const TXT_VERSION_TTL = 28800;
const DEFAULT_NS = 'ns.dns.';

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const isIP = (host: string): boolean => parseIP(host) !== undefined;
export const primaryZone = (b: Backend): string => b.zones.find((z) => isReverse(z) === 0) ?? b.zones[0]!;

interface RecordRequest { podOrSvc: string; namespace: string; service: string; endpoint: string; port: string; protocol: string }

/** parseRequest: `[_port._proto.|endpoint.]service.namespace.(svc|pod).zone`; undefined: an invalid name. */
function parseRequest(name: string, zone: string): RecordRequest | undefined {
  const r: RecordRequest = { podOrSvc: '', namespace: '', service: '', endpoint: '', port: '', protocol: '' };
  const base = trimZone(name, zone.toLowerCase());
  if (base === '' || base === 'svc' || base === 'pod') return r;
  const segs = labels(base);
  let last = segs.length - 1;
  r.podOrSvc = segs[last]!;
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') return undefined;
  if (--last < 0) return r;
  r.namespace = segs[last]!;
  if (--last < 0) return r;
  r.service = segs[last]!;
  if (--last < 0) return r;
  const strip = (s: string): string => s.replace(/^_/, '');
  if (last === 0) r.endpoint = segs[0]!;
  else if (last === 1) { r.protocol = strip(segs[1]!); r.port = strip(segs[0]!); } else return undefined;
  return r;
}

/** configuredNamespace && filteredNamespaceExists: listed (or no list) and the Namespace exists. */
function namespaceExposed(b: Backend, ns: string): boolean {
  const configured = b.dns.namespaces.length === 0 || b.dns.namespaces.includes(ns);
  return configured && b.cluster.namespaces.some((n) => n.metadata.name === ns);
}

/** One address of an EndpointSlice endpoint as CoreDNS keeps it (object.EndpointAddress). */
interface Address { ip: string; hostname: string; targetRefName: string }
interface Subset { addresses: Address[]; ports: { port: number; name: string; protocol: string }[] }

/** object.EndpointSliceToEndpoints: ready endpoints only (an unset condition is ready); port -1 when there are none. */
function subsetOf(slice: EndpointSlice): Subset {
  const ports = (slice.ports ?? []).map((p) => ({ port: p.port ?? -1, name: p.name ?? '', protocol: p.protocol ?? '' }));
  const addresses = slice.endpoints.filter((e) => e.conditions?.ready !== false).flatMap((e) => e.addresses.map((ip) => ({
    ip, hostname: e.hostname ?? '', targetRefName: e.targetRef?.name && e.targetRef.name.length < 64 ? e.targetRef.name : '',
  })));
  return { addresses, ports: ports.length > 0 ? ports : [{ port: -1, name: '', protocol: '' }] };
}

/** The EndpointSlices of a Service, by the kubernetes.io/service-name label (CoreDNS's EpIndex). */
function subsetsOf(b: Backend, svc: Service): Subset[] {
  return b.cluster.endpointSlices.filter((s) => s.addressType !== 'FQDN' && s.metadata.namespace === svc.metadata.namespace &&
    s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name).map(subsetOf);
}

/** endpointHostname: the hostname, else (endpoint_pod_names) the pod's name, else the address with dashes. */
export function endpointHostname(a: Address, endpointPodNames: boolean): string {
  if (a.hostname) return a.hostname;
  if (endpointPodNames && a.targetRefName) return a.targetRefName;
  return a.ip.replace(/[.:]/g, '-');
}

const matchPortAndProtocol = (rPort: string, port: string, rProto: string, proto: string): boolean =>
  (rPort === '' || eq(rPort, port)) && (rProto === '' || eq(rProto, proto));

const isHeadless = (svc: Service): boolean => svc.spec.clusterIP === 'None';

function externalName(b: Backend, r: RecordRequest, svc: Service, owner: string): Entry[] {
  if (r.endpoint || r.port || r.protocol) return [];
  const host = svc.spec.externalName ?? '';
  return host && !isIP(host) ? [{ host, port: 0, ttl: b.dns.ttl, owner }] : [];
}

function endpointEntries(b: Backend, r: RecordRequest, svc: Service, owner: string): Entry[] | undefined {
  const out: Entry[] = [];
  let any = false;
  for (const subset of subsetsOf(b, svc)) {
    for (const a of subset.addresses) {
      const hostname = endpointHostname(a, b.dns.endpointPodNames);
      if (r.endpoint && !eq(r.endpoint, hostname)) continue;
      for (const p of subset.ports) {
        if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
        any = true;
        out.push({ host: a.ip, port: p.port, ttl: b.dns.ttl, owner: `${hostname}.${owner}` });
      }
    }
  }
  return any ? out : undefined;
}

/** findServices: ExternalName, headless/endpoint and ClusterIP answers; NXDOMAIN when nothing matched. */
function findServices(b: Backend, r: RecordRequest, zone: string): Found {
  if (!namespaceExposed(b, r.namespace)) return nameError;
  if (r.service === '') return found([]);
  let ok = false;
  const entries: Entry[] = [];
  const services = b.cluster.services.filter((s) => eq(s.metadata.namespace ?? '', r.namespace) && eq(s.metadata.name ?? '', r.service));
  for (const svc of services) {
    const owner = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}`;
    const external = svc.spec.type === 'ExternalName';
    if (b.dns.ignoreEmptyService && !external && !isHeadless(svc) && subsetsOf(b, svc).every((s) => s.addresses.length === 0)) continue;
    if (external) {
      const e = externalName(b, r, svc, owner);
      ok ||= e.length > 0;
      entries.push(...e);
      continue;
    }
    if (isHeadless(svc) || r.endpoint) {
      const e = endpointEntries(b, r, svc, owner);
      if (e) { ok = true; entries.push(...e); }
      continue;
    }
    for (const p of svc.spec.ports ?? []) {
      if (!matchPortAndProtocol(r.port, p.name ?? '', r.protocol, p.protocol ?? 'TCP')) continue;
      ok = true;
      for (const ip of svc.spec.clusterIPs ?? [svc.spec.clusterIP ?? '']) entries.push({ host: ip, port: p.port, ttl: b.dns.ttl, owner });
    }
  }
  return ok ? found(entries) : nameError;
}

/** findPods: `a-b-c-d.ns.pod.zone`; insecure answers any address, verified only a pod's own in that namespace. */
function findPods(b: Backend, r: RecordRequest, zone: string): Found {
  if (b.dns.pods === 'disabled' || !namespaceExposed(b, r.namespace)) return nameError;
  const podname = r.service;
  if (podname === '') return found([]);
  const dashes = podname.split('-').length - 1;
  const ip = dashes === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
  const entry = { host: ip, port: 0, ttl: b.dns.ttl, owner: `${podname}.${r.namespace}.pod.${zone}` };
  if (b.dns.pods === 'insecure') return isIP(ip) ? found([entry]) : nameError;
  const pods = b.cluster.pods.filter((p) => p.status?.podIP === ip && eq(p.metadata.namespace ?? '', r.namespace));
  return pods.length > 0 ? found(pods.map(() => entry)) : nameError;
}

/** Records: the name's request, refused for reverse names and unexposed namespaces. */
export function records(b: Backend, q: Question): Found {
  const r = parseRequest(q.name, q.zone);
  if (!r) return nameError;
  if (r.podOrSvc === '') return found([]);
  if (isReverse(q.name) > 0) return nameError;
  if (!namespaceExposed(b, r.namespace)) return nameError;
  return r.podOrSvc === 'pod' ? findPods(b, r, q.zone) : findServices(b, r, q.zone);
}

/** nsAddrs: the DNS Service's ClusterIPs under its own name in `zone`, or ns.dns.<zone>. */
export function nsAddrs(b: Backend, zone: string): { name: string; ip: IP }[] {
  const svc = findDNSService(b.cluster);
  const name = svc ? `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}` : `${DEFAULT_NS}${zone}`;
  return b.serverIPs.map((ip) => ({ name, ip }));
}

const isDefaultNS = (name: string, zone: string): boolean => name.indexOf(DEFAULT_NS) === 0 && name.indexOf(zone) === DEFAULT_NS.length;

/** Kubernetes.Services: TXT dns-version, NS, ns.dns.<zone>, then Records (SRV without ExternalNames). */
export function services(b: Backend, q: Question): Found {
  if (q.qtype === 'TXT') {
    const segs = labels(trimZone(q.name, q.zone.toLowerCase()));
    if (segs.length === 1 && segs[0] === 'dns-version') return found([{ host: '', port: 0, ttl: TXT_VERSION_TTL, owner: q.qname, text: SCHEMA_VERSION }]);
    return records(b, q).entries.length > 0 ? found([]) : nameError;
  }
  if (q.qtype === 'NS') return found(nsAddrs(b, q.zone).map((ns) => ({ host: ns.ip, port: 0, ttl: b.dns.ttl, owner: ns.name })));
  if (isDefaultNS(q.name, q.zone)) {
    const family = q.qtype === 'A' ? 4 : q.qtype === 'AAAA' ? 6 : 0;
    return found(nsAddrs(b, q.zone).filter((ns) => parseIP(ns.ip)?.family === family).map((ns) => ({ host: ns.ip, port: 0, ttl: b.dns.ttl, owner: q.qname })));
  }
  const result = records(b, q);
  if (q.qtype !== 'SRV') return result;
  return { ...result, entries: result.entries.filter((e) => isIP(e.host)) };
}

/** Kubernetes.Reverse: the Service whose ClusterIP it is, else every endpoint with that address. */
export function reverse(b: Backend, q: Question): Found {
  const ip = addressFromReverse(q.name);
  if (!ip) {
    const r = records(b, q);
    return r.nameError ? r : found([]);
  }
  const exposed = (ns: string | undefined): boolean => b.dns.namespaces.length === 0 || namespaceExposed(b, ns ?? '');
  const zone = primaryZone(b);
  const svc = b.cluster.services.find((s) => exposed(s.metadata.namespace) &&
    (s.spec.clusterIPs ?? [s.spec.clusterIP ?? '']).some((c) => canonicalIP(c) === ip));
  if (svc) return found([{ host: `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}`, port: 0, ttl: b.dns.ttl, owner: '' }]);
  const entries: Entry[] = [];
  for (const slice of b.cluster.endpointSlices) {
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!service || !exposed(slice.metadata.namespace)) continue;
    for (const a of subsetOf(slice).addresses) {
      if (canonicalIP(a.ip) !== ip) continue;
      const host = `${endpointHostname(a, b.dns.endpointPodNames)}.${service}.${slice.metadata.namespace}.svc.${zone}`;
      entries.push({ host, port: 0, ttl: b.dns.ttl, owner: '' });
    }
  }
  return entries.length > 0 ? found(entries) : nameError;
}
