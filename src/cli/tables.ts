// kubectl's table printers (k8s.io/kubernetes pkg/printers/internalversion/printers.go) for
// the kinds kubehops loads, without the AGE column, which a simulated cluster does not have.

import type { EndpointSlice, Node, Pod, Service } from '../engine';

export interface Table {
  readonly headers: string[];
  readonly rows: string[][];
}

/** Left-aligned columns separated by three spaces, as kubectl's tabwriter pads them. */
export function renderTable(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('');
  return [line(t.headers), ...t.rows.map(line)].join('\n');
}

export function nodeRow(n: Node, wide: boolean): string[] {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const status = [ready ? 'Ready' : 'NotReady', n.spec?.unschedulable ? 'SchedulingDisabled' : ''].filter(Boolean).join(',');
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).sort();
  const row = [n.metadata.name ?? '', status, roles.join(',') || '<none>'];
  if (!wide) return row;
  const addr = (type: string): string => n.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
  return [...row, addr('InternalIP'), addr('ExternalIP'), n.spec?.podCIDR ?? '<none>'];
}
export const nodeHeaders = (wide: boolean): string[] =>
  ['NAME', 'STATUS', 'ROLES', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'POD-CIDR'] : [])];

export function podRow(p: Pod, wide: boolean): string[] {
  const containers = p.spec.containers.length;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const status = p.metadata.deletionTimestamp ? 'Terminating' : p.status?.phase ?? 'Pending';
  const row = [p.metadata.name ?? '', `${ready ? containers : 0}/${containers}`, status, '0'];
  return wide ? [...row, p.status?.podIP ?? '<none>', p.spec.nodeName ?? '<none>'] : row;
}
export const podHeaders = (wide: boolean): string[] =>
  ['NAME', 'READY', 'STATUS', 'RESTARTS', ...(wide ? ['IP', 'NODE'] : [])];

function clusterIPText(s: Service): string {
  if (s.spec.type === 'ExternalName') return '<none>';
  const ip = s.spec.clusterIP;
  return ip === undefined || ip === '' ? '<none>' : ip;
}

function externalIPText(s: Service): string {
  const external = s.spec.externalIPs ?? [];
  const ingress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
  switch (s.spec.type) {
    case 'ExternalName': return s.spec.externalName ?? '<none>';
    case 'LoadBalancer': {
      const all = [...ingress, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    default: return external.length ? external.join(',') : '<none>';
  }
}

function portsText(s: Service): string {
  const ports = (s.spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`);
  return ports.length ? ports.join(',') : '<none>';
}

export function serviceRow(s: Service, wide: boolean): string[] {
  const row = [s.metadata.name ?? '', s.spec.type ?? 'ClusterIP', clusterIPText(s), externalIPText(s), portsText(s)];
  if (!wide) return row;
  const selector = Object.entries(s.spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  return [...row, selector || '<none>'];
}
export const serviceHeaders = (wide: boolean): string[] =>
  ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', ...(wide ? ['SELECTOR'] : [])];

/** kubectl shows the first three addresses and counts the rest. */
function endpointsText(slice: EndpointSlice): string {
  const addresses = slice.endpoints.flatMap((e) => e.addresses);
  if (addresses.length === 0) return '<none>';
  const shown = addresses.slice(0, 3).join(',');
  return addresses.length > 3 ? `${shown} + ${addresses.length - 3} more...` : shown;
}

export function endpointSliceRow(slice: EndpointSlice): string[] {
  const ports = (slice.ports ?? []).map((p) => (p.port === undefined ? '<unset>' : String(p.port)));
  return [slice.metadata.name ?? '', slice.addressType, ports.length ? ports.join(',') : '<unset>', endpointsText(slice)];
}
export const endpointSliceHeaders = (): string[] => ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS'];
