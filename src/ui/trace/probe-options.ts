// The choices of the From and To comboboxes, in the CLI's words (`pod/NS/NAME`,
// `svc/NS/NAME:PORT`, `IP:PORT`), each labelled with the address it stands for; and the
// Service a destination belongs to, which the what-if toggles act on.

import { canonicalIP, LABEL_SERVICE_NAME, type ClusterModel, type EndpointSlice, type Service } from '../../engine';
import { nodeRow, podRow } from '../format/cluster-rows';

export interface ProbeOption {
  readonly value: string;
  readonly label: string;
  readonly group: string;
}


const qualified = (m: { namespace?: string; name?: string }) => `${m.namespace ?? 'default'}/${m.name ?? ''}`;
const endpoint = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

export function sourceOptions(c: ClusterModel): ProbeOption[] {
  return [
    ...c.pods.map((p) => ({ value: `pod/${qualified(p.metadata)}`, label: `pod/${qualified(p.metadata)} (${podRow(p).ip})`, group: 'Pods' })),
    ...c.nodes.map((n) => ({ value: `node/${n.metadata.name}`, label: `node/${n.metadata.name} (${nodeRow(n).internalIP})`, group: 'Nodes' })),
    ...c.spec.clients.map((cl) => ({ value: `client/${cl.name}`, label: `client/${cl.name} (${cl.ip})`, group: 'External clients' })),
  ];
}

/** The node's InternalIPs. */
const nodeIPs = (c: ClusterModel): { name: string; ip: string }[] =>
  c.nodes.flatMap((n) => (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => ({ name: n.metadata.name ?? '', ip: a.address })));

const ingressIPs = (s: Service): string[] =>
  (s.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));

const isHeadless = (s: Service) => s.spec.clusterIP === 'None';
const hasClusterIP = (s: Service) => s.spec.type !== 'ExternalName' && !!s.spec.clusterIP && !isHeadless(s);

function serviceOptions(c: ClusterModel, s: Service): ProbeOption[] {
  const name = qualified(s.metadata);
  const out: ProbeOption[] = [];
  for (const p of s.spec.ports ?? []) {
    if (hasClusterIP(s)) {
      out.push({ value: `svc/${name}:${p.port}`, label: `svc/${name}:${p.port} (${endpoint(s.spec.clusterIP!, p.port)})`, group: 'Service ClusterIPs' });
    }
    for (const ip of ingressIPs(s)) out.push({ value: endpoint(ip, p.port), label: `LoadBalancer ${name}:${p.port} (${endpoint(ip, p.port)})`, group: 'Load balancer IPs' });
    for (const ip of s.spec.externalIPs ?? []) out.push({ value: endpoint(ip, p.port), label: `externalIP ${name}:${p.port} (${endpoint(ip, p.port)})`, group: 'External IPs' });
    if (p.nodePort) {
      for (const n of nodeIPs(c)) {
        out.push({ value: endpoint(n.ip, p.nodePort), label: `NodePort ${name}:${p.port} on ${n.name} (${endpoint(n.ip, p.nodePort)})`, group: 'NodePorts' });
      }
    }
  }
  return out;
}

/** The endpoints of headless Services: a client reaches them by the pods' own IPs. */
function headlessOptions(c: ClusterModel, s: Service): ProbeOption[] {
  const name = qualified(s.metadata);
  return slicesOfService(c, s).flatMap((slice) => slice.endpoints.flatMap((ep) => ep.addresses.flatMap((ip) => (slice.ports ?? []).flatMap((p) =>
    p.port === undefined ? [] : [{ value: endpoint(ip, p.port), label: `headless ${name} -> ${ep.targetRef?.name ?? ip} (${endpoint(ip, p.port)})`, group: 'Headless endpoints' }],
  ))));
}

/** The EndpointSlices the EndpointSlice controller publishes for a Service (by its service-name label). */
export const slicesOfService = (c: ClusterModel, s: Service): EndpointSlice[] => c.endpointSlices.filter((e) =>
  e.metadata.namespace === (s.metadata.namespace ?? 'default') && e.metadata.labels?.[LABEL_SERVICE_NAME] === s.metadata.name);

/** Every Service address a packet can be sent to, then `extra` (a scenario's probes) not already listed. */
export function destinationOptions(c: ClusterModel, extra: readonly string[] = []): ProbeOption[] {
  const out = c.services.flatMap((s) => (isHeadless(s) ? headlessOptions(c, s) : serviceOptions(c, s)));
  const seen = new Set(out.map((o) => o.value));
  for (const value of extra) {
    if (seen.has(value)) continue;
    seen.add(value);
    const label = value.startsWith('svc/') ? value
      : canonicalIP(splitEndpoint(value)?.ip ?? '') ? `address ${value}` : `DNS name ${value} (resolved from the source)`;
    out.push({ value, label, group: 'Other addresses' });
  }
  return out.filter((o, i) => out.findIndex((x) => x.value === o.value) === i);
}

const splitEndpoint = (to: string): { ip: string; port: number } | null => {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(to);
  return m ? { ip: m[1]!, port: Number(m[2]) } : null;
};

/** The Service a destination addresses: by name, virtual IP, node port, or one of its endpoints. */
export function serviceForDestination(c: ClusterModel, to: string): Service | undefined {
  const byName = /^svc\/([^/]+)\/([^:]+):\d+$/.exec(to);
  if (byName) return c.services.find((s) => s.metadata.namespace === byName[1] && s.metadata.name === byName[2]);
  const ep = splitEndpoint(to);
  if (!ep) return undefined;
  const ports = (s: Service) => s.spec.ports ?? [];
  const isNode = nodeIPs(c).some((n) => n.ip === ep.ip);
  return c.services.find((s) => {
    const virtual = [...(s.spec.clusterIPs ?? [s.spec.clusterIP ?? '']), ...ingressIPs(s), ...(s.spec.externalIPs ?? [])];
    if (virtual.includes(ep.ip) && ports(s).some((p) => p.port === ep.port)) return true;
    if (isNode && ports(s).some((p) => p.nodePort === ep.port)) return true;
    return slicesOfService(c, s).some((sl) => sl.endpoints.some((e) => e.addresses.includes(ep.ip)) && (sl.ports ?? []).some((p) => p.port === ep.port));
  });
}

export const serviceKey = (s: Service): string => qualified(s.metadata);
