// The topology's geometry: where the outside world (its clients, then the cloud's load
// balancers), the cluster boundary, its Services (virtual addresses), its nodes and their pods
// go for a given width. Pure, so it is tested in node; React draws from it. Nodes and their
// namespace groups: node-groups.ts; load balancers: load-balancers.ts.

import type { ClusterModel, Service } from '../../engine';
import { serviceExternalIP } from '../format/cluster-rows';
import { planLbBoxes, type LbBox } from './load-balancers';
import { GAP, layoutNodes, NODE_HEAD_H, PAD, type GroupBox, type NodeBox } from './node-groups';

export { GAP, GROUP_LIMIT, groupId, type GroupBox, type NodeBox, type PodBox } from './node-groups';
export type { LbBox, LbKind } from './load-balancers';

export interface Box { x: number; y: number; w: number; h: number }
export interface HostBox extends Box { id: string; name: string; ip: string }
export interface ServiceBox extends Box { id: string; name: string; lines: string[]; dns: boolean }

export interface TopologyLayout {
  width: number;
  height: number;
  outside: HostBox;
  clients: HostBox[];
  /** The cloud's load balancers (and <pending> ones), in the outside band under the clients. */
  lbs: LbBox[];
  cluster: Box & { name: string };
  services: ServiceBox[];
  nodes: NodeBox[];
}

const SERVICE_W = 230;
const SERVICE_H = 64;
const SERVICE_GAP = 48;
const CLIENT_W = 170;
const CLIENT_H = 40;
const LB_W = 270;
const LB_H = 62;
/** Room on the band's right for its label and the router the outside's hops are drawn at. */
const ROUTER_W = 150;
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
  // The outside world: external clients on the left, the router they share on the right, and
  // under them the load balancers they reach the nodes through.
  const clientFlow = flow(c.spec.clients, 0, Math.max(CLIENT_W, inner - ROUTER_W - GAP), CLIENT_W, CLIENT_H);
  const clients = clientFlow.boxes.map((b) => ({ ...b, x: b.x + PAD, y: b.y + PAD, id: `client/${b.item.name}`, name: b.item.name, ip: b.item.ip }));
  const plan = planLbBoxes(c);
  const lbY = PAD + (clients.length > 0 ? clientFlow.height + GAP : 22);
  // One load balancer a row (beside each stays free for the packet's label); MetalLB's notes, never visited, side by side.
  const lbFlow = flow(plan.boxes.filter((b) => b.kind !== 'l2'), PAD, Math.min(inner, LB_W), LB_W, LB_H);
  const noteY = lbY + (lbFlow.height > 0 ? lbFlow.height + GAP : 0);
  const noteFlow = flow(plan.boxes.filter((b) => b.kind === 'l2'), PAD, inner, LB_W, LB_H);
  const lbs: LbBox[] = [
    ...lbFlow.boxes.map(({ item, ...b }) => ({ ...item, ...b, y: lbY + b.y })),
    ...noteFlow.boxes.map(({ item, ...b }) => ({ ...item, ...b, y: noteY + b.y })),
  ];
  const lbBottom = noteFlow.height > 0 ? noteY + noteFlow.height : lbY + lbFlow.height;
  // With neither the band only says where the outside is.
  const bandH = lbs.length > 0 ? lbBottom + PAD : clients.length > 0 ? clientFlow.height + 2 * PAD : 36;
  const outside: HostBox = { id: 'outside', name: 'outside', ip: 'the internet / LAN', x: 0, y: 0, w, h: bandH };
  const clusterY = bandH + GAP;
  const svcFlow = flow(c.services, PAD, inner, SERVICE_W, SERVICE_H);
  const services = svcFlow.boxes.map((b) => {
    const name = `${b.item.metadata.namespace ?? 'default'}/${b.item.metadata.name ?? ''}`;
    return { x: b.x, y: clusterY + 36 + b.y, w: b.w, h: b.h, id: `svc/${name}`, name, lines: serviceLines(b.item), dns: name === 'kube-system/kube-dns' };
  });
  // Below the Services, room for the packet's three-line label above a node's header.
  const nodesY = clusterY + 36 + svcFlow.height + (services.length > 0 ? SERVICE_GAP : 0);
  const { nodes, height: nodesH } = layoutNodes(c, PAD, nodesY, inner, expanded, plan.announces);
  const clusterH = nodesY - clusterY + nodesH + PAD;
  return {
    width: w, height: clusterY + clusterH, outside, clients, lbs, services, nodes,
    cluster: { x: 0, y: clusterY, w, h: clusterH, name: c.name },
  };
}

export interface Point { x: number; y: number }

const END_INSET = 24;
const centre = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** The collapsed group a pod is hidden in, if it is. */
export const hiddenIn = (l: TopologyLayout, host: string): GroupBox | undefined =>
  l.nodes.flatMap((n) => n.groups).find((g) => g.collapsed && g.podIds.includes(host));

/** Where the outside's router is drawn: the band's right, under its label level with the clients; left of the label without them. */
export const routerOf = (l: TopologyLayout): Point => (l.clients.length > 0
  ? { x: l.outside.x + l.outside.w - ROUTER_W / 2, y: l.outside.y + PAD + CLIENT_H / 2 + 6 }
  : { x: l.outside.x + l.outside.w - ROUTER_W - 16, y: l.outside.y + 18 });

/** Where a hop's host is drawn: pods, clients and load balancers at their box (pods hidden in a group at the group's), nodes at their header. */
export function anchorOf(l: TopologyLayout, host: string): Point {
  for (const n of l.nodes) {
    if (n.id === host) return { x: n.x + n.w / 2, y: n.y + NODE_HEAD_H / 2 };
    const pod = n.pods.find((p) => p.id === host);
    if (pod) return centre(pod);
    const group = n.groups.find((g) => g.collapsed && g.podIds.includes(host));
    if (group) return centre(group);
  }
  // Clients and load balancers at their box's right end, clear of their text.
  const box = l.clients.find((cl) => cl.id === host) ?? l.lbs.find((b) => b.id === host);
  if (box) return { x: box.x + box.w - END_INSET, y: box.y + box.h / 2 };
  // `outside` and `remote/...` hosts: the network beyond the cluster.
  return routerOf(l);
}

/** The box a node, pod or collapsed group's pod is drawn in. */
export function boxOfHost(l: TopologyLayout, host: string): Box | undefined {
  for (const n of l.nodes) {
    if (n.id === host) return n;
    const inside = n.pods.find((p) => p.id === host) ?? n.groups.find((g) => g.collapsed && g.podIds.includes(host));
    if (inside) return inside;
  }
  return undefined;
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

const owners = new WeakMap<TopologyLayout, ReadonlyMap<string, string>>();

/** The node box a host is drawn in (the node itself, its pods, the pods in its groups), remembered per layout. */
export function nodeOf(l: TopologyLayout, host: string): string | undefined {
  let m = owners.get(l);
  if (!m) {
    const map = new Map<string, string>();
    for (const n of l.nodes) {
      map.set(n.id, n.id);
      for (const p of n.pods) map.set(p.id, n.id);
      for (const g of n.groups) for (const p of g.podIds) map.set(p, n.id);
    }
    owners.set(l, map);
    m = map;
  }
  return m.get(host);
}
