import { describe, expect, it } from 'vitest';
import type { CIDR } from '../net/ip';
import { allocateNodePodCIDRs } from './node-ipam';
import { completeNodes, nodeInternalIPs } from './nodes';
import { makeNode, makeSpec } from './test-builders';

const clusterCIDR = '10.244.0.0/16' as CIDR;
const dualStack = ['10.244.0.0/16' as CIDR, 'fd00:10:244::/56' as CIDR];

describe('node IPAM range allocator', () => {
  it.each([
    {
      title: 'cuts /24s in node-name order',
      nodes: [makeNode('worker-b'), makeNode('worker-a')],
      cidrs: [clusterCIDR],
      want: { 'worker-a': ['10.244.0.0/24'], 'worker-b': ['10.244.1.0/24'] },
    },
    {
      title: 'skips subnets nodes already declare',
      nodes: [makeNode('a'), makeNode('b', (n) => { n.spec = { podCIDR: '10.244.0.0/24' }; })],
      cidrs: [clusterCIDR],
      want: { a: ['10.244.1.0/24'], b: ['10.244.0.0/24'] },
    },
    {
      title: 'a declared /23 occupies two /24s',
      nodes: [makeNode('a'), makeNode('z', (n) => { n.spec = { podCIDRs: ['10.244.0.0/23'] }; })],
      cidrs: [clusterCIDR],
      want: { a: ['10.244.2.0/24'], z: ['10.244.0.0/23'] },
    },
    {
      title: 'dual-stack nodes get a /24 and a /64',
      nodes: [makeNode('a'), makeNode('b')],
      cidrs: dualStack,
      want: { a: ['10.244.0.0/24', 'fd00:10:244::/64'], b: ['10.244.1.0/24', 'fd00:10:244:1::/64'] },
    },
    {
      title: 'a full cluster CIDR leaves later nodes without one',
      nodes: [makeNode('a'), makeNode('b')],
      cidrs: ['10.244.0.0/24' as CIDR],
      want: { a: ['10.244.0.0/24'], b: undefined },
    },
  ])('$title', ({ nodes, cidrs, want }) => {
    const out = allocateNodePodCIDRs(nodes, cidrs);
    const got = Object.fromEntries(out.map((n) => [n.metadata.name, n.spec?.podCIDRs]));
    expect(got).toEqual(want);
    for (const n of out) expect(n.spec?.podCIDR).toBe(n.spec?.podCIDRs?.[0]);
  });
});

describe('kubelet node defaults', () => {
  it('invents InternalIPs in name order outside every cluster range, skipping taken ones', () => {
    const nodes = [
      makeNode('b'),
      makeNode('a'),
      makeNode('c', (n) => { n.status = { addresses: [{ type: 'InternalIP', address: '10.0.0.11' }] }; }),
    ];
    const out = completeNodes(nodes, makeSpec());
    expect(out.map((n) => [n.metadata.name, nodeInternalIPs(n)])).toEqual([
      ['a', ['10.0.0.10']], ['b', ['10.0.0.12']], ['c', ['10.0.0.11']],
    ]);
  });

  it('moves to the next node network when the first overlaps the pod CIDR', () => {
    const spec = makeSpec((s) => { s.podCIDRs = ['10.0.0.0/8' as CIDR]; });
    expect(nodeInternalIPs(completeNodes([makeNode('a')], spec)[0]!)).toEqual(['172.16.0.10']);
  });

  it('gives dual-stack clusters an address of each family', () => {
    const spec = makeSpec((s) => { s.podCIDRs = dualStack; });
    expect(nodeInternalIPs(completeNodes([makeNode('a')], spec)[0]!)).toEqual(['10.0.0.10', 'fd00:10::a']);
  });

  it('adds Ready True and the kubelet labels, but keeps what is given', () => {
    const notReady = makeNode('a', (n) => {
      n.metadata.labels = { 'kubernetes.io/os': 'windows' };
      n.status = { conditions: [{ type: 'Ready', status: 'False' }] };
    });
    const [a, b] = completeNodes([notReady, makeNode('b')], makeSpec());
    expect(a!.status?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
    expect(a!.metadata.labels?.['kubernetes.io/os']).toBe('windows');
    expect(b!.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(b!.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'b', 'kubernetes.io/os': 'linux' });
  });
});
