import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../model/k8s';
import { assignPodAddresses } from './pod-ipam';
import { makeNode, makePod, sourced } from './test-builders';
import { renderFieldError } from '../manifests/field-errors';

const nodeIP = '10.0.0.10';
const nodeA: Node = makeNode('node-a', (n) => {
  n.spec = { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] };
  n.status = { addresses: [{ type: 'InternalIP', address: nodeIP }] };
});
const dualNode: Node = makeNode('node-d', (n) => {
  n.spec = { podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24', 'fd00:10:244:2::/64'] };
  n.status = { addresses: [{ type: 'InternalIP', address: '10.0.0.11' }] };
});
const on = (node: string, adjust?: (p: Pod) => void) => (p: Pod) => { p.spec.nodeName = node; adjust?.(p); };
const ips = (pods: { object: Pod }[]) => Object.fromEntries(pods.map((p) => [p.object.metadata.name, p.object.status?.podIPs?.map((i) => i.ip)]));

describe('pod IPAM (host-local over the node pod CIDR)', () => {
  it('hands out .2, .3 ... in namespace/name order, skipping addresses pods already have', () => {
    const pods = sourced([
      makePod('b', 'web', on('node-a')),
      makePod('a', 'web', on('node-a')),
      makePod('a', 'fixed', on('node-a', (p) => { p.status = { podIP: '10.244.1.3' }; })),
    ]);
    const out = assignPodAddresses(pods, [nodeA]).pods.map((p) => [p.object.metadata.namespace, p.object.metadata.name, p.object.status?.podIP]);
    expect(out).toEqual([['a', 'fixed', '10.244.1.3'], ['a', 'web', '10.244.1.2'], ['b', 'web', '10.244.1.4']]);
  });

  it('gives dual-stack pods one address per node pod CIDR', () => {
    expect(ips(assignPodAddresses(sourced([makePod('a', 'p', on('node-d'))]), [dualNode]).pods)).toEqual({ p: ['10.244.2.2', 'fd00:10:244:2::2'] });
  });

  it('gives hostNetwork pods the node address', () => {
    const pod = makePod('a', 'agent', on('node-a', (p) => { p.spec.hostNetwork = true; }));
    expect(ips(assignPodAddresses(sourced([pod]), [nodeA]).pods)).toEqual({ agent: [nodeIP] });
  });

  it('fills the kubelet status: hostIP, Running, Ready True unless given', () => {
    const given = makePod('a', 'slow', on('node-a', (p) => { p.status = { conditions: [{ type: 'Ready', status: 'False' }] }; }));
    const [fast, slow] = assignPodAddresses(sourced([makePod('a', 'fast', on('node-a')), given]), [nodeA]).pods.map((p) => p.object.status);
    expect(fast).toEqual({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], hostIP: nodeIP });
    expect(slow?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
  });

  it('leaves unscheduled pods, and pods given phase Pending, without an address', () => {
    const pods = sourced([makePod('a', 'nowhere'), makePod('a', 'pending', on('node-a', (p) => { p.status = { phase: 'Pending' }; }))]);
    const out = assignPodAddresses(pods, [nodeA]).pods.map((p) => p.object.status);
    expect(out.map((s) => [s?.phase, s?.podIP])).toEqual([['Pending', undefined], ['Pending', undefined]]);
  });

  it('refuses the later document of two pods given one address, and drops it', () => {
    const first = makePod('a', 'first', on('node-a', (p) => { p.status = { podIP: '10.244.1.9' }; }));
    const second = makePod('a', 'second', on('node-a', (p) => { p.status = { podIP: '10.244.1.9' }; }));
    const { pods, errors } = assignPodAddresses([{ doc: 5, object: first }, { doc: 2, object: second }], [nodeA]);
    expect(pods.map((p) => p.object.metadata.name)).toEqual(['second']);
    expect(errors.map((e) => [e.doc, renderFieldError(e.error)])).toEqual([
      [5, 'status.podIP: Invalid value: "10.244.1.9": address already in use by pod a/second'],
    ]);
  });
});
