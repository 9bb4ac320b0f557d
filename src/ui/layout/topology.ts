// The topology's geometry: where the outside world, the cluster boundary, its Services
// (virtual addresses), its nodes and their pods go for a given width. Pure, so it is tested
// in node; React draws from it. Nodes flow into as many columns as fit (one on a phone),
// pods stack inside their node, grouped by namespace.

import type { ClusterModel, Service } from '../../engine';
import { nodeRow, podRow, serviceExternalIP } from '../format/cluster-rows';

export interface Box { x: number; y: number; w: number; h: number }
export interface HostBox extends Box { id: string; name: string; ip: string }
export interface PodBox extends HostBox { namespace: string; ready: boolean }
export interface NodeBox extends HostBox { zone: string; pods: PodBox[] }
export interface ServiceBox extends Box { id: string; name: string; lines: string[] }

export interface TopologyLayout {
  width: number;
  height: number;
  outside: HostBox;
  clients: HostBox[];
  cluster: Box & { name: string };
  services: ServiceBox[];
  nodes: NodeBox[];
}

export const GAP = 16;
const PAD = 12;
const BAND_H = 64;
const SERVICE_W = 230;
const SERVICE_H = 64;
const NODE_MIN_W = 230;
const NODE_HEAD_H = 52;
const POD_H = 40;
const POD_GAP = 6;
const CLIENT_W = 170;

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

function layoutNodes(c: ClusterModel, x0: number, y0: number, width: number): { nodes: NodeBox[]; height: number } {
  const cols = Math.max(1, Math.min(c.nodes.length, Math.floor((width + GAP) / (NODE_MIN_W + GAP))));
  const w = (width - GAP * (cols - 1)) / cols;
  const podsOf = (name: string) => c.pods.filter((p) => p.spec.nodeName === name)
    .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const heights = c.nodes.map((n) => NODE_HEAD_H + Math.max(1, podsOf(n.metadata.name ?? '').length) * (POD_H + POD_GAP) + PAD - POD_GAP);
  const nodes: NodeBox[] = [];
  let y = y0;
  for (let row = 0; row * cols < c.nodes.length; row++) {
    const rowNodes = c.nodes.slice(row * cols, row * cols + cols);
    const h = Math.max(...heights.slice(row * cols, row * cols + cols));
    rowNodes.forEach((n, i) => {
      const r = nodeRow(n);
      const x = x0 + i * (w + GAP);
      const pods = podsOf(r.name).map((p, k) => {
        const pr = podRow(p);
        return {
          id: `pod/${pr.name}`, name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? 'default', ip: pr.ip, ready: pr.ready,
          x: x + PAD, y: y + NODE_HEAD_H + k * (POD_H + POD_GAP), w: w - 2 * PAD, h: POD_H,
        };
      });
      nodes.push({ id: `node/${r.name}`, name: r.name, ip: r.internalIP, zone: r.zone, pods, x, y, w, h });
    });
    y += h + GAP;
  }
  return { nodes, height: y - y0 - (nodes.length > 0 ? GAP : 0) };
}

export function layoutTopology(c: ClusterModel, width: number): TopologyLayout {
  const w = Math.max(300, Math.round(width));
  const inner = w - 2 * PAD;
  // The outside world: external clients on the left, the network they share on the right.
  const clientFlow = flow(c.spec.clients, 0, Math.max(CLIENT_W, inner - CLIENT_W - GAP), CLIENT_W, BAND_H - 2 * PAD);
  const clients = clientFlow.boxes.map((b) => ({ ...b, x: b.x, y: b.y, id: `client/${b.item.name}`, name: b.item.name, ip: b.item.ip }));
  // With no clients the band only says where the outside is.
  const bandH = clients.length === 0 ? 36 : Math.max(BAND_H, clientFlow.height + 2 * PAD) - PAD;
  const outside: HostBox = { id: 'outside', name: 'outside', ip: 'the internet / LAN', x: 0, y: 0, w, h: bandH };
  for (const cl of clients) { cl.x += PAD + 0; cl.y += PAD; }
  const clusterY = bandH + GAP;
  const svcFlow = flow(c.services, PAD, inner, SERVICE_W, SERVICE_H);
  const services = svcFlow.boxes.map((b) => ({
    x: b.x, y: clusterY + 36 + b.y, w: b.w, h: b.h,
    id: `svc/${b.item.metadata.namespace ?? 'default'}/${b.item.metadata.name ?? ''}`,
    name: `${b.item.metadata.namespace ?? 'default'}/${b.item.metadata.name ?? ''}`, lines: serviceLines(b.item),
  }));
  const nodesY = clusterY + 36 + svcFlow.height + (services.length > 0 ? GAP + 8 : 0);
  const { nodes, height: nodesH } = layoutNodes(c, PAD, nodesY, inner);
  const clusterH = nodesY - clusterY + nodesH + PAD;
  return {
    width: w, height: clusterY + clusterH, outside, clients, services, nodes,
    cluster: { x: 0, y: clusterY, w, h: clusterH, name: c.name },
  };
}

export interface Point { x: number; y: number }

const centre = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** Where a hop's host is drawn: pods and clients at their box, nodes at their header. */
export function anchorOf(l: TopologyLayout, host: string): Point {
  for (const n of l.nodes) {
    if (n.id === host) return { x: n.x + n.w / 2, y: n.y + NODE_HEAD_H / 2 };
    const pod = n.pods.find((p) => p.id === host);
    if (pod) return centre(pod);
  }
  const client = l.clients.find((cl) => cl.id === host);
  if (client) return centre(client);
  // `outside` and `remote/...` hosts: the network beyond the cluster.
  return { x: l.outside.x + l.outside.w - 90, y: l.outside.y + l.outside.h / 2 };
}

/** The packet's path so far: the anchors of the hosts it visited, in order, repeats folded. */
export function trailOf(l: TopologyLayout, hosts: readonly string[]): Point[] {
  const points: Point[] = [];
  hosts.forEach((h, i) => {
    if (i > 0 && hosts[i - 1] === h) return;
    points.push(anchorOf(l, h));
  });
  return points;
}
