// The topology's geometry: where the outside world, the cluster boundary, its Services
// (virtual addresses), its nodes and their pods go for a given width. Pure, so it is tested
// in node; React draws from it. Nodes and their namespace groups: node-groups.ts.

import type { ClusterModel, Service } from '../../engine';
import { serviceExternalIP } from '../format/cluster-rows';
import { GAP, layoutNodes, NODE_HEAD_H, PAD, type GroupBox, type NodeBox } from './node-groups';

export { GAP, GROUP_LIMIT, groupId, type GroupBox, type NodeBox, type PodBox } from './node-groups';

export interface Box { x: number; y: number; w: number; h: number }
export interface HostBox extends Box { id: string; name: string; ip: string }
export interface ServiceBox extends Box { id: string; name: string; lines: string[]; dns: boolean }

export interface TopologyLayout {
  width: number;
  height: number;
  outside: HostBox;
  clients: HostBox[];
  cluster: Box & { name: string };
  services: ServiceBox[];
  nodes: NodeBox[];
}

const BAND_H = 64;
const SERVICE_W = 230;
const SERVICE_H = 64;
const CLIENT_W = 170;
const NO_GROUPS: ReadonlySet<string> = new Set();

function serviceLines(s: Service): string[] {
  const type = s.spec.type ?? 'ClusterIP';
  const ports = (s.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}` : `${p.port}`)).join(',');
  const ip = type === 'ExternalName' ? (s.spec.externalName ?? '') : (s.spec.clusterIP ?? '');
  const external = serviceExternalIP(s);
  return [`${type} ${ip}`, `ports ${ports}${type === 'LoadBalancer' ? ` · LB ${external}` : ''}`];
}

/** Boxes of fixed size, left to right, wrapping; returns them and the height used. */
function flow<T>(items: T[], x0: number, width: number, w: number, h: number): { boxes: (Box & { item: T })[]; height: number } {
  const cols = Math.max(1, Math.floor((width + GAP) / (w + GAP)));
  const bw = cols === 1 ? width : w;
  const boxes = items.map((item, i) => ({ item, x: x0 + (i % cols) * (bw + GAP), y: Math.floor(i / cols) * (h + GAP), w: bw, h }));
  return { boxes, height: items.length === 0 ? 0 : Math.ceil(items.length / cols) * (h + GAP) - GAP };
}

/** `expanded`: the IDs of namespace groups opened (groupId). */
export function layoutTopology(c: ClusterModel, width: number, expanded: ReadonlySet<string> = NO_GROUPS): TopologyLayout {
  const w = Math.max(300, Math.round(width));
  const inner = w - 2 * PAD;
  // The outside world: external clients on the left, the network they share on the right.
  const clientFlow = flow(c.spec.clients, 0, Math.max(CLIENT_W, inner - CLIENT_W - GAP), CLIENT_W, BAND_H - 2 * PAD);
  const clients = clientFlow.boxes.map((b) => ({ ...b, x: b.x + PAD, y: b.y + PAD, id: `client/${b.item.name}`, name: b.item.name, ip: b.item.ip }));
  // With no clients the band only says where the outside is.
  const bandH = clients.length === 0 ? 36 : Math.max(BAND_H, clientFlow.height + 2 * PAD) - PAD;
  const outside: HostBox = { id: 'outside', name: 'outside', ip: 'the internet / LAN', x: 0, y: 0, w, h: bandH };
  const clusterY = bandH + GAP;
  const svcFlow = flow(c.services, PAD, inner, SERVICE_W, SERVICE_H);
  const services = svcFlow.boxes.map((b) => {
    const name = `${b.item.metadata.namespace ?? 'default'}/${b.item.metadata.name ?? ''}`;
    return { x: b.x, y: clusterY + 36 + b.y, w: b.w, h: b.h, id: `svc/${name}`, name, lines: serviceLines(b.item), dns: name === 'kube-system/kube-dns' };
  });
  const nodesY = clusterY + 36 + svcFlow.height + (services.length > 0 ? GAP + 8 : 0);
  const { nodes, height: nodesH } = layoutNodes(c, PAD, nodesY, inner, expanded);
  const clusterH = nodesY - clusterY + nodesH + PAD;
  return {
    width: w, height: clusterY + clusterH, outside, clients, services, nodes,
    cluster: { x: 0, y: clusterY, w, h: clusterH, name: c.name },
  };
}

export interface Point { x: number; y: number }

const centre = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** The collapsed group a pod is hidden in, if it is. */
export const hiddenIn = (l: TopologyLayout, host: string): GroupBox | undefined =>
  l.nodes.flatMap((n) => n.groups).find((g) => g.collapsed && g.podIds.includes(host));

/** Where a hop's host is drawn: pods and clients at their box (or their collapsed group's), nodes at their header. */
export function anchorOf(l: TopologyLayout, host: string): Point {
  for (const n of l.nodes) {
    if (n.id === host) return { x: n.x + n.w / 2, y: n.y + NODE_HEAD_H / 2 };
    const pod = n.pods.find((p) => p.id === host);
    if (pod) return centre(pod);
    const group = n.groups.find((g) => g.collapsed && g.podIds.includes(host));
    if (group) return centre(group);
  }
  const client = l.clients.find((cl) => cl.id === host);
  if (client) return centre(client);
  // `outside` and `remote/...` hosts: the network beyond the cluster.
  return { x: l.outside.x + l.outside.w - 90, y: l.outside.y + l.outside.h / 2 };
}

/** The node whose InternalIP is `ip` (an overlay's tunnel end). */
export const nodeByIP = (l: TopologyLayout, ip: string): NodeBox | undefined => l.nodes.find((n) => n.ip === ip);

/** The packet's path so far: the anchors of the hosts it visited, in order, repeats folded. */
export function trailOf(l: TopologyLayout, hosts: readonly string[]): Point[] {
  const points: Point[] = [];
  hosts.forEach((h, i) => {
    if (i > 0 && hosts[i - 1] === h) return;
    points.push(anchorOf(l, h));
  });
  return points;
}
