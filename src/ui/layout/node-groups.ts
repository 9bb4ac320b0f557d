// Nodes and their pods, grouped by namespace. A namespace with more pods on a node than
// GROUP_LIMIT is collapsed to one row with its count (a toggle) unless it was expanded, so
// 50 nodes and 500 pods stay readable; an expanded big group keeps its toggle row on top.
// Nodes flow into as many columns as fit (one on a phone); a row is as tall as its tallest.
// A node that answers ARP for MetalLB IPs says so in its header, one line taller.

import type { ClusterModel, Pod } from '../../engine';
import { nodeRow, podRow } from '../format/cluster-rows';
import type { Box, HostBox } from './topology';

export interface PodBox extends HostBox { namespace: string; ready: boolean; dns: boolean }
/** A namespace's pods on one node, when there are enough to collapse. */
export interface GroupBox extends Box { id: string; namespace: string; count: number; collapsed: boolean; podIds: string[] }
export interface NodeBox extends HostBox {
  zone: string; pods: PodBox[]; groups: GroupBox[];
  /** The header's height: taller when the node announces IPs. */
  headH: number;
  /** MetalLB layer 2: the load balancer IPs this node answers ARP for. */
  announces: string[];
}

export const GAP = 16;
export const PAD = 12;
export const NODE_HEAD_H = 52;
const ANNOUNCE_H = 16;
export const NODE_MIN_W = 230;
const POD_H = 40;
const ROW_H = 30;
const POD_GAP = 6;
/** A namespace with more pods than this on one node is collapsed to a count. */
export const GROUP_LIMIT = 4;

const ns = (p: Pod) => p.metadata.namespace ?? 'default';
const isDNS = (p: Pod) => ns(p) === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-dns';
export const groupId = (node: string, namespace: string) => `group/${node}/${namespace}`;

type Row = { kind: 'pod'; pod: Pod } | { kind: 'group'; namespace: string; pods: Pod[]; collapsed: boolean };

function rowsOf(pods: Pod[], node: string, expanded: ReadonlySet<string>): Row[] {
  const byNs = new Map<string, Pod[]>();
  for (const p of pods) byNs.set(ns(p), [...(byNs.get(ns(p)) ?? []), p]);
  return [...byNs.entries()].flatMap(([namespace, list]): Row[] => {
    if (list.length <= GROUP_LIMIT) return list.map((pod) => ({ kind: 'pod', pod }));
    const collapsed = !expanded.has(groupId(node, namespace));
    const head: Row = { kind: 'group', namespace, pods: list, collapsed };
    return collapsed ? [head] : [head, ...list.map((pod): Row => ({ kind: 'pod', pod }))];
  });
}

const rowH = (r: Row) => (r.kind === 'pod' ? POD_H : ROW_H);
const heightOf = (rows: Row[], headH: number) => headH + (rows.length === 0 ? POD_H : rows.reduce((h, r) => h + rowH(r) + POD_GAP, 0)) + PAD - POD_GAP;

function placeRows(rows: Row[], node: string, x: number, y: number, w: number, headH: number): { pods: PodBox[]; groups: GroupBox[] } {
  const pods: PodBox[] = [];
  const groups: GroupBox[] = [];
  let at = y + headH;
  for (const r of rows) {
    const box = { x: x + PAD, y: at, w: w - 2 * PAD, h: rowH(r) };
    if (r.kind === 'group') {
      const podIds = r.pods.map((p) => `pod/${ns(p)}/${p.metadata.name ?? ''}`);
      groups.push({ ...box, id: groupId(node, r.namespace), namespace: r.namespace, count: r.pods.length, collapsed: r.collapsed, podIds });
    } else {
      const pr = podRow(r.pod);
      pods.push({ ...box, id: `pod/${pr.name}`, name: r.pod.metadata.name ?? '', namespace: ns(r.pod), ip: pr.ip, ready: pr.ready, dns: isDNS(r.pod) });
    }
    at += rowH(r) + POD_GAP;
  }
  return { pods, groups };
}

/** `announces`: node host (`node/NAME`) -> the MetalLB IPs it answers ARP for. */
export function layoutNodes(
  c: ClusterModel, x0: number, y0: number, width: number, expanded: ReadonlySet<string>, announces: Readonly<Record<string, string[]>> = {},
): { nodes: NodeBox[]; height: number } {
  const cols = Math.max(1, Math.min(c.nodes.length, Math.floor((width + GAP) / (NODE_MIN_W + GAP))));
  const w = (width - GAP * (cols - 1)) / cols;
  const podsByNode = new Map<string, Pod[]>();
  for (const p of c.pods) podsByNode.set(p.spec.nodeName ?? '', [...(podsByNode.get(p.spec.nodeName ?? '') ?? []), p]);
  const heads = c.nodes.map((n) => {
    const name = n.metadata.name ?? '';
    const pods = [...(podsByNode.get(name) ?? [])].sort((a, b) => ns(a).localeCompare(ns(b)) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const ips = announces[`node/${name}`] ?? [];
    return { rows: rowsOf(pods, name, expanded), ips, headH: NODE_HEAD_H + (ips.length > 0 ? ANNOUNCE_H : 0) };
  });
  const nodes: NodeBox[] = [];
  let y = y0;
  for (let row = 0; row * cols < c.nodes.length; row++) {
    const h = Math.max(...heads.slice(row * cols, row * cols + cols).map((d) => heightOf(d.rows, d.headH)));
    c.nodes.slice(row * cols, row * cols + cols).forEach((n, i) => {
      const r = nodeRow(n);
      const x = x0 + i * (w + GAP);
      const { rows, ips, headH } = heads[row * cols + i]!;
      nodes.push({
        id: `node/${r.name}`, name: r.name, ip: r.internalIP, zone: r.zone, x, y, w, h, headH, announces: ips, ...placeRows(rows, r.name, x, y, w, headH),
      });
    });
    y += h + GAP;
  }
  return { nodes, height: y - y0 - (nodes.length > 0 ? GAP : 0) };
}
