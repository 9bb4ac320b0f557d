import { describe, expect, it } from 'vitest';
import type { Namespace, Node } from '../../model/k8s';
import { forbidden, invalid, required, type FieldError } from '../field-errors';
import { validateNamespace, validateNode } from './node';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { makeNamespace, makeNode } from './test-builders-slices';

const node = (mutate: (n: Node) => void) => makeNode('node-a', mutate);
const expectedInvalid = (field: string, value: string, msgs: string[]): FieldError[] => msgs.map((m) => invalid(field, value, m));
const cidrMessage = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

describe('validateNode accepts', () => {
  it.each<[string, Node]>([
    ['a kubeadm node', node(() => {})],
    ['a dotted name', makeNode('ip-10-0-1-5.ec2.internal')],
    ['a node without a pod CIDR yet', node((n) => { n.spec = {}; })],
    ['a dual-stack node', node((n) => { n.spec = { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24', 'fd00:10:244:1::/64'] }; })],
    ['podCIDR alone (converted to podCIDRs)', node((n) => { n.spec = { podCIDR: '10.244.1.0/24' }; })],
    ['a tainted control-plane node', node((n) => { n.spec!.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]; })],
    ['one key tainted with two effects', node((n) => {
      n.spec!.taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }, { key: 'dedicated', value: 'db', effect: 'NoExecute' }];
    })],
    ['an InternalIP and an ExternalIP', node((n) => { n.status!.addresses!.push({ type: 'ExternalIP', address: '203.0.113.10' }); })],
  ])('%s', (_, input) => {
    expect(validateNode(input)).toEqual([]);
  });
});

describe('validateNode refuses', () => {
  it.each<[string, Node, FieldError[]]>([
    ['a name that is not a DNS subdomain', makeNode('Node_A'), expectedInvalid('metadata.name', 'Node_A', isDNS1123Subdomain('Node_A'))],
    ['a namespace (nodes are cluster-scoped)', node((n) => { n.metadata.namespace = 'default'; }),
      [forbidden('metadata.namespace', 'not allowed on this type')]],
    ['a taint key that is not a qualified name (reported under metadata.taints, verbatim)',
      node((n) => { n.spec!.taints = [{ key: 'no schedule', effect: 'NoSchedule' }]; }),
      expectedInvalid('metadata.taints[0].key', 'no schedule', isQualifiedName('no schedule'))],
    ['a taint value that is not a label value (messages joined by ";")',
      node((n) => { n.spec!.taints = [{ key: 'gpu', value: 'nvidia a100', effect: 'NoSchedule' }]; }),
      [invalid('metadata.taints[0].value', 'nvidia a100', isValidLabelValue('nvidia a100').join(';'))]],
    ['a taint without an effect', node((n) => { n.spec!.taints = [{ key: 'gpu', effect: '' }]; }),
      [required('metadata.taints[0].effect')]],
    ['a taint effect the API does not know', node((n) => { n.spec!.taints = [{ key: 'gpu', effect: 'NoAdmit' }]; }),
      [{ field: 'metadata.taints[0].effect', type: 'NotSupported', value: 'NoAdmit',
        message: 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' }]],
    ['one key and effect tainted twice', node((n) => {
      n.spec!.taints = [{ key: 'gpu', value: 'a', effect: 'NoSchedule' }, { key: 'gpu', value: 'b', effect: 'NoSchedule' }];
    }), [{ field: 'metadata.taints[1]', type: 'Duplicate', value: { key: 'gpu', value: 'b', effect: 'NoSchedule' },
      message: 'taints must be unique by key and effect pair' }]],
    ['a pod CIDR that is not a CIDR', node((n) => { n.spec = { podCIDR: '10.244.1.0' }; }),
      [invalid('spec.podCIDRs[0]', '10.244.1.0', cidrMessage)]],
    ['a podCIDR that differs from podCIDRs[0] wins', node((n) => { n.spec = { podCIDR: '10.244.1.0/33', podCIDRs: ['10.244.1.0/24'] }; }),
      [invalid('spec.podCIDRs[0]', '10.244.1.0/33', cidrMessage)]],
    ['two IPv4 pod CIDRs', node((n) => { n.spec = { podCIDRs: ['10.244.1.0/24', '10.245.1.0/24'] }; }),
      [invalid('spec.podCIDRs', ['10.244.1.0/24', '10.245.1.0/24'], 'may specify no more than one CIDR for each IP family')]],
    ['one pod CIDR listed twice', node((n) => { n.spec = { podCIDRs: ['fd00::/64', 'fd00::/64'] }; }), [
      invalid('spec.podCIDRs', ['fd00::/64', 'fd00::/64'], 'may specify no more than one CIDR for each IP family'),
      { field: 'spec.podCIDRs[1]', type: 'Duplicate', value: 'fd00::/64', message: '' },
    ]],
    ['an address listed twice (the kubelet status-update rule)', node((n) => { n.status!.addresses!.push({ type: 'InternalIP', address: '192.168.1.10' }); }),
      [{ field: 'status.addresses[2]', type: 'Duplicate', value: { type: 'InternalIP', address: '192.168.1.10' }, message: '' }]],
  ])('%s', (_, input, errors) => {
    expect(validateNode(input)).toEqual(errors);
  });

  it('never throws on odd values', () => {
    const odd = { metadata: { name: 'n' }, spec: { taints: [null], podCIDRs: [null] }, status: { addresses: [null] } };
    expect(() => validateNode(odd as never)).not.toThrow();
  });
});

describe('validateNamespace', () => {
  it.each<[string, Namespace]>([
    ['accepts a DNS-label name', makeNamespace('team-a')],
    ['accepts the default namespace', makeNamespace('default')],
  ])('%s', (_, input) => {
    expect(validateNamespace(input)).toEqual([]);
  });

  it.each<[string, Namespace, FieldError[]]>([
    ['refuses a dotted name (namespaces are DNS labels)', makeNamespace('team.a'), expectedInvalid('metadata.name', 'team.a', isDNS1123Label('team.a'))],
    ['refuses a namespace on a namespace', makeNamespace('team-a', (n) => { n.metadata.namespace = 'default'; }),
      [forbidden('metadata.namespace', 'not allowed on this type')]],
  ])('%s', (_, input, errors) => {
    expect(validateNamespace(input)).toEqual(errors);
  });
});
