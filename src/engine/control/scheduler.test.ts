import { describe, expect, it } from 'vitest';
import type { Node } from '../model/k8s';
import { schedulePods } from './scheduler';
import { makeNode, makePod, sourced } from './test-builders';

const ready = (n: Node) => {
  n.status = { conditions: [{ type: 'Ready', status: 'True' }] };
  n.metadata.labels = { 'kubernetes.io/hostname': n.metadata.name!, disk: 'hdd' };
};
const nodeA = makeNode('node-a', ready);
const nodeB = makeNode('node-b', ready);
const ssdNode = makeNode('node-c', (n) => { ready(n); n.metadata.labels!.disk = 'ssd'; });
const cordoned = makeNode('node-d', (n) => { ready(n); n.spec = { unschedulable: true }; });
const notReady = makeNode('node-e', (n) => { ready(n); n.status = { conditions: [{ type: 'Ready', status: 'False' }] }; });
const tainted = makeNode('node-f', (n) => { ready(n); n.spec = { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] }; });

const placed = (pods: ReturnType<typeof schedulePods>) => Object.fromEntries(pods.map((p) => [p.object.metadata.name, p.object.spec.nodeName]));

describe('scheduler', () => {
  it('spreads to the node with fewest pods, then by node name, in pod name order', () => {
    const pods = sourced([makePod('x', 'p3'), makePod('x', 'p1'), makePod('x', 'p2'), makePod('x', 'bound', (p) => { p.spec.nodeName = 'node-a'; })]);
    expect(placed(schedulePods(pods, [nodeB, nodeA]))).toEqual({ p1: 'node-b', p2: 'node-a', p3: 'node-b', bound: 'node-a' });
  });

  it.each([
    ['cordoned', cordoned],
    ['not Ready', notReady],
    ['NoSchedule-tainted', tainted],
  ])('never picks a %s node', (_title, node) => {
    expect(placed(schedulePods(sourced([makePod('x', 'p')]), [node, nodeA]))).toEqual({ p: 'node-a' });
  });

  it('counts pods placed by a nodeSelector when spreading pods without one', () => {
    const pods = sourced([
      makePod('x', 'b1'),
      makePod('x', 'b2', (p) => { p.spec.nodeSelector = { disk: 'ssd' }; }),
      makePod('x', 'b3'),
    ]);
    // b1 takes node-a (tie, by name); b2 must go to node-c; then both hold one pod, so b3 ties to node-a.
    expect(placed(schedulePods(pods, [nodeA, ssdNode]))).toEqual({ b1: 'node-a', b2: 'node-c', b3: 'node-a' });
  });

  it('honours nodeSelector, and leaves a pod nothing fits unscheduled', () => {
    const ssd = makePod('x', 'ssd', (p) => { p.spec.nodeSelector = { disk: 'ssd' }; });
    const gpu = makePod('x', 'gpu', (p) => { p.spec.nodeSelector = { gpu: 'yes' }; });
    expect(placed(schedulePods(sourced([ssd, gpu]), [nodeA, ssdNode]))).toEqual({ ssd: 'node-c', gpu: undefined });
  });
});
