// An IPv6 single-stack cluster (kube-proxy's IPv6 cases of TestNodePorts): the same flows as
// IPv4 through ip6tables, endpoints written [ip]:port; ::1 never accepts NodePorts (kube-proxy
// adds `! -d ::1/128`, IPv6 has no route_localnet).

import { describe, it } from 'vitest';
import { loadFlows, makeClusterDoc, makeNode, makePod, makeService } from './builders';
import { checkFlow, type FlowCase } from './check';

const nodeA6 = 'fd00:192:168::10';
const nodeB6 = 'fd00:192:168::11';
const bridgeA6 = 'fd00:10:244:1::1';
const webA6 = 'fd00:10:244:1::2';
const webB6 = 'fd00:10:244:2::2';
const podA6 = 'fd00:10:244:1::10';
const client6 = '2001:db8:ff::10';
const svcIP6 = 'fd00:10:96::10';
const nodePort = 30080;
const webA = `[${webA6}]:8080`;
const webB = `[${webB6}]:8080`;
const both = { [webA]: 0.5, [webB]: 0.5 };

const ctx = loadFlows([
  makeClusterDoc({ serviceCIDRs: ['fd00:10:96::/108'], podCIDRs: ['fd00:10:244::/56'], clients: [{ name: 'laptop', ip: client6 }] }),
  makeNode('node-a', nodeA6, 'fd00:10:244:1::/64'),
  makeNode('node-b', nodeB6, 'fd00:10:244:2::/64'),
  makePod('default', 'web-a', { node: 'node-a', ip: webA6, app: 'web' }),
  makePod('default', 'web-b', { node: 'node-b', ip: webB6, app: 'web' }),
  makePod('default', 'client-a', { node: 'node-a', ip: podA6, app: 'client' }),
  makeService('default', 'web', (s) => { s.spec.clusterIP = svcIP6; s.spec.type = 'NodePort'; s.spec.ports[0].nodePort = nodePort; }),
]);

describe('IPv6 single-stack', () => {
  it.each<FlowCase>([
    { name: 'a pod reaches every endpoint of the ClusterIP, unmasqueraded', from: 'pod/default/client-a', to: 'svc/default/web:80', expect: { reach: both, masq: false, seen: podA6 } },
    { name: 'the node is masqueraded (ClusterCIDR detection of the IPv6 pod CIDR)', from: 'node/node-a', to: `[${svcIP6}]:80`, expect: { reach: both, masq: true, seen: { [webA]: bridgeA6, [webB]: nodeA6 } } },
    { name: 'an outside client reaches the NodePort, masqueraded', from: `${client6}@node/node-a`, to: `[${nodeA6}]:${nodePort}`, expect: { reach: both, masq: true, seen: { [webA]: bridgeA6, [webB]: nodeA6 } } },
    { name: 'hairpin is masqueraded to the bridge address', from: 'pod/default/web-a', to: 'svc/default/web:80', expect: { reach: both, masq: { [webA]: true, [webB]: false }, seen: { [webA]: bridgeA6, [webB]: webA6 } } },
    { name: '::1 does not accept NodePorts: the kernel finds no socket', from: '::1@node/node-a', to: `[::1]:${nodePort}`, expect: { verdict: 'rejected', component: 'kernel' } },
  ])('$name', (c) => checkFlow(ctx, c));
});
