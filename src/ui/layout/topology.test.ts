import { describe, expect, it } from 'vitest';
import type { ClusterModel, Node, Pod } from '../../engine';
import { makeCluster } from '../test-scenarios';
import { anchorOf, GROUP_LIMIT, groupId, hiddenIn, layoutTopology, nodeOf, trailOf, type Box } from './topology';

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w + 0.01 && inner.y + inner.h <= outer.y + outer.h + 0.01;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A cluster of `n` nodes with `perNode` pods each, built from the nodeport scenario's first node and pod. */
function makeBigCluster(n: number, perNode: number): ClusterModel {
  const base = makeCluster('nodeport');
  const node0 = base.nodes[0]!;
  const pod0 = base.pods[0]!;
  const nodes: Node[] = Array.from({ length: n }, (_, i) => ({ ...node0, metadata: { ...node0.metadata, name: `node-${i}` } }));
  const pods: Pod[] = nodes.flatMap((nd, i) => Array.from({ length: perNode }, (_, k) => ({
    ...pod0, metadata: { ...pod0.metadata, name: `web-${i}-${k}` }, spec: { ...pod0.spec, nodeName: nd.metadata.name! },
  })));
  return { ...base, nodes, pods };
}

describe('layoutTopology', () => {
  const nodeport = makeCluster('nodeport');

  it('puts every node inside the cluster boundary and every pod inside its node', () => {
    const l = layoutTopology(nodeport, 1000);
    expect(l.nodes.map((n) => n.name)).toEqual(['node-a', 'node-b']);
    for (const n of l.nodes) {
      expect(inside(n, l.cluster)).toBe(true);
      for (const p of n.pods) expect(inside(p, n)).toBe(true);
    }
    expect(l.nodes.flatMap((n) => n.pods).map((p) => p.ip).sort()).toEqual(nodeport.pods.map((p) => p.status!.podIP!).sort());
    expect(l.clients.map((c) => c.id)).toEqual(['client/laptop']);
    expect(inside(l.clients[0]!, l.outside)).toBe(true);
    expect(overlap(l.outside, l.cluster)).toBe(false);
  });

  it('shows the node facts: name, IP and zone; pods with IP and readiness', () => {
    const [a] = layoutTopology(nodeport, 1000).nodes;
    expect(a).toMatchObject({ id: 'node/node-a', ip: '192.168.1.10', zone: 'zone-a' });
    expect(a!.pods[0]).toMatchObject({ namespace: 'default', ready: true });
  });

  it('Services are virtual addresses inside the boundary, with their ClusterIP and ports', () => {
    const l = layoutTopology(nodeport, 1000);
    expect(l.services).toHaveLength(1);
    expect(l.services[0]!.lines.join(' ')).toContain(nodeport.services[0]!.spec.clusterIP!);
    expect(l.services[0]!.lines.join(' ')).toContain('80:30080');
    expect(inside(l.services[0]!, l.cluster)).toBe(true);
  });

  it.each([2, 3, 5, 10])('keeps %i nodes apart and inside the width, on a laptop and on a phone', (n) => {
    for (const width of [1000, 340]) {
      const l = layoutTopology(makeBigCluster(n, 3), width);
      expect(l.nodes).toHaveLength(n);
      for (const [i, a] of l.nodes.entries()) {
        expect(a.x + a.w).toBeLessThanOrEqual(l.width);
        expect(a.w).toBeGreaterThanOrEqual(Math.min(230, width - 24));
        for (const b of l.nodes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
      }
      expect(l.height).toBeGreaterThan(0);
    }
  });

  it('uses one column on a phone, several on a laptop', () => {
    const big = makeBigCluster(4, 1);
    expect(new Set(layoutTopology(big, 340).nodes.map((n) => n.x)).size).toBe(1);
    expect(new Set(layoutTopology(big, 1000).nodes.map((n) => n.x)).size).toBeGreaterThan(1);
  });

  it('anchors hosts at their boxes; outside and remote hosts on the outside band', () => {
    const l = layoutTopology(nodeport, 1000);
    const pod = l.nodes[1]!.pods[0]!;
    const p = anchorOf(l, pod.id);
    expect(p.x).toBeGreaterThan(pod.x);
    expect(p.y).toBeGreaterThan(pod.y);
    expect(inside({ ...anchorOf(l, 'node/node-a'), w: 0, h: 0 }, l.nodes[0]!)).toBe(true);
    expect(inside({ ...anchorOf(l, 'outside'), w: 0, h: 0 }, l.outside)).toBe(true);
    expect(anchorOf(l, 'remote/10.0.0.9')).toEqual(anchorOf(l, 'outside'));
    // Without clients the band is one line: the router is left of its label ("outside the cluster", at the right).
    const bare = layoutTopology(makeCluster('clusterip'), 1000);
    expect(inside({ ...anchorOf(bare, 'outside'), w: 0, h: 0 }, bare.outside)).toBe(true);
    expect(anchorOf(bare, 'outside').x).toBeLessThan(bare.width - 150);
  });

  it('folds repeated hosts in the trail', () => {
    const l = layoutTopology(nodeport, 1000);
    expect(trailOf(l, ['client/laptop', 'outside', 'outside', 'node/node-a', 'node/node-a'])).toHaveLength(3);
  });

  it('collapses a namespace with many pods on a node to a count, and expands it on request', () => {
    const big = makeBigCluster(2, GROUP_LIMIT + 3);
    const l = layoutTopology(big, 1000);
    const [a] = l.nodes;
    expect(a!.pods).toHaveLength(0);
    expect(a!.groups).toEqual([expect.objectContaining({ namespace: 'default', count: GROUP_LIMIT + 3, collapsed: true })]);
    const hidden = a!.groups[0]!.podIds[2]!;
    expect(hiddenIn(l, hidden)?.id).toBe(groupId('node-0', 'default'));
    const g = a!.groups[0]!;
    expect(anchorOf(l, hidden)).toEqual({ x: g.x + g.w / 2, y: g.y + g.h / 2 });

    const open = layoutTopology(big, 1000, new Set([groupId('node-0', 'default')]));
    expect(open.nodes[0]!.pods).toHaveLength(GROUP_LIMIT + 3);
    expect(open.nodes[0]!.groups[0]!.collapsed).toBe(false);
    for (const p of open.nodes[0]!.pods) expect(inside(p, open.nodes[0]!)).toBe(true);
    expect(open.nodes[1]!.groups[0]!.collapsed).toBe(true);
    expect(hiddenIn(open, hidden)).toBeUndefined();
  });

  it('50 nodes and 500 pods: every node laid out, apart, no taller than a collapsed node needs', () => {
    const l = layoutTopology(makeBigCluster(50, 10), 1200);
    expect(l.nodes).toHaveLength(50);
    for (const [i, a] of l.nodes.entries()) {
      expect(inside(a, l.cluster)).toBe(true);
      expect(a.h).toBeLessThan(120);
      for (const b of l.nodes.slice(i + 1, i + 6)) expect(overlap(a, b)).toBe(false);
    }
    expect(l.nodes.reduce((n, x) => n + x.groups.reduce((m, g) => m + g.count, 0), 0)).toBe(500);
  });

  it('nodeOf: the node box a host is drawn in, pods hidden in a group included', () => {
    const l = layoutTopology(makeBigCluster(2, GROUP_LIMIT + 1), 1000);
    const hidden = l.nodes[1]!.groups[0]!.podIds[0]!;
    expect(nodeOf(l, hidden)).toBe('node/node-1');
    expect(nodeOf(l, 'node/node-0')).toBe('node/node-0');
    expect(nodeOf(l, 'client/laptop')).toBeUndefined();
  });
});

describe('load balancers in the topology', () => {
  it('a cloud load balancer is a box outside the cluster, under the clients, named with its style and IP; the packet is drawn at it', () => {
    for (const width of [1000, 340]) {
      const l = layoutTopology(makeCluster('loadbalancer'), width);
      expect(l.lbs).toHaveLength(1);
      const [lb] = l.lbs;
      expect(lb).toMatchObject({ id: 'lb/default/web', kind: 'lb', title: 'lb/default/web' });
      expect(lb!.lines.join(' ')).toContain('generic · pass-through to nodes');
      expect(lb!.label).toContain('198.51.100.1');
      expect(inside(lb!, l.outside)).toBe(true);
      expect(overlap(lb!, l.cluster)).toBe(false);
      expect(lb!.y).toBeGreaterThanOrEqual(l.clients[0]!.y + l.clients[0]!.h);
      expect(lb!.x + lb!.w).toBeLessThanOrEqual(l.width);
      expect(inside({ ...anchorOf(l, 'lb/default/web'), w: 0, h: 0 }, lb!)).toBe(true);
      expect(anchorOf(l, 'lb/default/web')).not.toEqual(anchorOf(l, 'outside'));
    }
  });

  it('AWS: the NLB says where it sends packets', () => {
    expect(layoutTopology(makeCluster('loadbalancer-aws-nlb'), 1000).lbs[0]!.lines[0]).toBe('AWS NLB · to node ports');
    expect(layoutTopology(makeCluster('loadbalancer-pod-ip'), 1000).lbs[0]!.lines[0]).toBe('AWS NLB · to pod IPs');
  });

  it('MetalLB layer 2: no load balancer box; the elected node carries the IP', () => {
    const l = layoutTopology(makeCluster('metallb-l2'), 1000);
    expect(l.lbs.map((b) => b.kind)).toEqual(['l2', 'l2']);
    expect(l.lbs[0]!.title).toMatch(/^no load balancer/);
    expect(l.nodes.map((n) => [n.name, n.announces])).toEqual([['node-a', ['198.51.100.1']], ['node-b', ['198.51.100.2']]]);
    expect(l.lbs.map((b) => b.lines[0])).toEqual(['198.51.100.1: node-a answers ARP', '198.51.100.2: node-b answers ARP']);
    for (const n of l.nodes) for (const p of n.pods) expect(p.y).toBeGreaterThanOrEqual(n.y + n.headH);
  });

  it('a Service with no cloud provider shows its load balancer as <pending>', () => {
    const l = layoutTopology(makeCluster('loadbalancer-pending'), 1000);
    expect(l.lbs.map((b) => [b.kind, b.title])).toEqual([['pending', 'load balancer <pending>']]);
    expect(l.lbs[0]!.label).toContain('<pending>');
  });

  it('no LoadBalancer Services, no load balancer row', () => {
    expect(layoutTopology(makeCluster('nodeport'), 1000).lbs).toEqual([]);
  });
});
