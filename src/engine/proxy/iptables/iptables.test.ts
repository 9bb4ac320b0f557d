// Feature tables for the iptables backend on a kubeadm-like cluster: which rules kube-proxy's
// syncProxyRules would write for each Service shape and each kube-proxy setting.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, ProxyConfig } from '../../model/cluster';
import type { EndpointSlice, Service } from '../../model/k8s';
import type { CIDR } from '../../net/ip';
import { makeCluster, makeEndpointSlice, makeNode, makeService } from '../test-builders';
import { portProtoHash, servicePortEndpointChainName } from './names';
import type { IptablesOptions } from './proxier-config';
import { rulesForNode } from './ruleset';
import { renderRestoreInput, syncProxyRules } from './sync';

const nodeA = 'node-a';
const nodeAIP = '192.168.1.10';
const podA = '10.244.1.5';
const podB = '10.244.2.7';

function cluster(services: Service[], slices: EndpointSlice[], proxy: Partial<ProxyConfig> = {}): ClusterModel {
  return makeCluster((c) => {
    c.proxy = { ...c.proxy, ...proxy };
    c.nodes = [
      makeNode(nodeA, (n) => {
        n.metadata.labels = { 'topology.kubernetes.io/zone': 'zone-a' };
        n.spec = { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] };
        n.status!.addresses = [{ type: 'InternalIP', address: nodeAIP }];
      }),
      makeNode('node-b', (n) => { n.status!.addresses = [{ type: 'InternalIP', address: '192.168.1.11' }]; }),
    ];
    c.services = services;
    c.endpointSlices = slices;
  });
}

const web = (fill: (s: Service) => void = () => {}): Service => makeService('default', 'web', (s) => {
  s.spec.clusterIP = '10.96.0.20';
  s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }];
  fill(s);
});

const webSlice = (endpoints: EndpointSlice['endpoints'], fill: (e: EndpointSlice) => void = () => {}): EndpointSlice =>
  makeEndpointSlice('default', 'web', 1, (e) => {
    e.endpoints = endpoints;
    e.ports = [{ name: 'http', port: 8080, protocol: 'TCP' }];
    fill(e);
  });

const onA = (ip: string): EndpointSlice['endpoints'][number] => ({ addresses: [ip], nodeName: nodeA });
const onB = (ip: string): EndpointSlice['endpoints'][number] => ({ addresses: [ip], nodeName: 'node-b' });

const restore = (c: ClusterModel, options?: IptablesOptions, family: 4 | 6 = 4): string =>
  renderRestoreInput(syncProxyRules(c, nodeA, family, options));

const hash = portProtoHash('default/web:http', 'tcp');
const SVC = `KUBE-SVC-${hash}`, SVL = `KUBE-SVL-${hash}`, EXT = `KUBE-EXT-${hash}`, FW = `KUBE-FW-${hash}`;
const sep = (endpoint: string): string => servicePortEndpointChainName('default/web:http', 'tcp', endpoint);

describe('ClusterIP', () => {
  const text = restore(cluster([web()], [webSlice([onA(podA), onB(podB), onB('10.244.2.8')])]));

  it('spreads over the endpoints with kube-proxy probabilities', () => {
    expect(text).toContain(`-A ${SVC} -m comment --comment "default/web:http -> 10.244.1.5:8080" -m statistic --mode random --probability 0.3333333333 -j ${sep('10.244.1.5:8080')}`);
    expect(text).toContain(`-A ${SVC} -m comment --comment "default/web:http -> 10.244.2.7:8080" -m statistic --mode random --probability 0.5000000000 -j ${sep('10.244.2.7:8080')}`);
    expect(text).toContain(`-A ${SVC} -m comment --comment "default/web:http -> 10.244.2.8:8080" -j ${sep('10.244.2.8:8080')}`);
  });

  it('DNATs to the named target port and masquerades hairpin traffic', () => {
    expect(text).toContain(`-A ${sep('10.244.1.5:8080')} -m comment --comment default/web:http -s 10.244.1.5 -j KUBE-MARK-MASQ`);
    expect(text).toContain(`-A ${sep('10.244.1.5:8080')} -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080`);
  });

  it('masquerades ClusterIP traffic from outside the cluster CIDR', () => {
    expect(text).toContain(`-A ${SVC} -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ`);
  });

  it('handles UDP, SCTP and unnamed ports', () => {
    const dns = makeService('kube-system', 'dns', (s) => {
      s.spec.clusterIP = '10.96.0.10';
      s.spec.ports = [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'sig', port: 3868, protocol: 'SCTP' }];
    });
    const single = makeService('default', 'one', (s) => { s.spec.clusterIP = '10.96.0.30'; s.spec.ports = [{ port: 80 }]; });
    const t = restore(cluster([dns, single], [
      makeEndpointSlice('kube-system', 'dns', 1, (e) => {
        e.endpoints = [{ addresses: [podA] }];
        e.ports = [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'sig', port: 3868, protocol: 'SCTP' }];
      }),
      makeEndpointSlice('default', 'one', 1, (e) => { e.endpoints = [{ addresses: [podB] }]; e.ports = [{ name: '', port: 80, protocol: 'TCP' }]; }),
    ]));
    expect(t).toContain(`-m comment --comment "kube-system/dns:dns cluster IP" -m udp -p udp -d 10.96.0.10 --dport 53 -j KUBE-SVC-${portProtoHash('kube-system/dns:dns', 'udp')}`);
    expect(t).toContain('-m comment --comment "kube-system/dns:sig cluster IP" -m sctp -p sctp -d 10.96.0.10 --dport 3868');
    expect(t).toContain(`-m comment --comment default/one -m tcp -p tcp -j DNAT --to-destination ${podB}:80`);
  });

  it('REJECTs in filter when there are no endpoints', () => {
    const t = restore(cluster([web((s) => { s.spec.type = 'NodePort'; s.spec.ports![0]!.nodePort = 30080; s.spec.externalIPs = ['203.0.113.9']; })], []));
    expect(t).toContain('-A KUBE-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j REJECT');
    expect(t).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 203.0.113.9 --dport 80 -j REJECT');
    expect(t).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT');
    expect(t).not.toContain(SVC);
  });

  it('skips headless and ExternalName Services', () => {
    const headless = makeService('default', 'db', (s) => { s.spec.clusterIP = 'None'; s.spec.ports = [{ port: 5432 }]; });
    const ext = makeService('default', 'out', (s) => { s.spec.type = 'ExternalName'; s.spec.externalName = 'example.com'; });
    expect(restore(cluster([headless, ext], []))).not.toContain('default/');
  });
});

describe('session affinity', () => {
  it('checks and sets the recent list with the timeout', () => {
    const t = restore(cluster([web((s) => { s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 600 } }; })],
      [webSlice([onA(podA)])]));
    const chain = sep(`${podA}:8080`);
    expect(t).toContain(`-A ${SVC} -m comment --comment "default/web:http -> ${podA}:8080" -m recent --name ${chain} --rcheck --seconds 600 --reap -j ${chain}`);
    expect(t).toContain(`-A ${chain} -m comment --comment default/web:http -m recent --name ${chain} --set -m tcp -p tcp -j DNAT --to-destination ${podA}:8080`);
  });
});

describe('traffic policies', () => {
  const lb = (policy: 'Local' | 'Cluster') => web((s) => {
    Object.assign(s.spec, { type: 'LoadBalancer', externalTrafficPolicy: policy, healthCheckNodePort: 32000 });
    s.spec.ports![0]!.nodePort = 30080;
    s.status = { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } };
  });

  it('externalTrafficPolicy Local: short-circuits pods and the node, sends the rest to local endpoints', () => {
    const t = restore(cluster([lb('Local')], [webSlice([onA(podA), onB(podB)])]));
    expect(t).toContain(`-A ${EXT} -m comment --comment "pod traffic for default/web:http external destinations" -s 10.244.0.0/16 -j ${SVC}`);
    expect(t).toContain(`-A ${EXT} -m comment --comment "masquerade LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
    expect(t).toContain(`-A ${EXT} -j ${SVL}`);
    expect(t).toContain(`-A ${SVL} -m comment --comment "default/web:http -> ${podA}:8080" -j ${sep(`${podA}:8080`)}`);
    expect(t).toContain('-A KUBE-NODEPORTS -m comment --comment "default/web:http health check node port" -m tcp -p tcp --dport 32000 -j ACCEPT');
  });

  it('externalTrafficPolicy Local without local endpoints: DROP external traffic, keep the short-circuit', () => {
    const t = restore(cluster([lb('Local')], [webSlice([onB(podB)])]));
    expect(t).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:http has no local endpoints" -m tcp -p tcp -d 198.51.100.7 --dport 80 -j DROP');
    expect(t).toContain(`-A ${EXT} -m comment --comment "route LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j ${SVC}`);
    expect(t).not.toContain(`-A ${EXT} -j`);
    expect(t).not.toContain(`:${SVL}`);
  });

  it('externalTrafficPolicy Cluster: masquerade, no health-check port', () => {
    const t = restore(cluster([lb('Cluster')], [webSlice([onB(podB)])]));
    expect(t).toContain(`-A ${EXT} -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ`);
    expect(t).toContain(`-A ${EXT} -j ${SVC}`);
    expect(t).not.toContain('health check node port');
  });

  it('internalTrafficPolicy Local: ClusterIP to local endpoints only, DROP when there are none', () => {
    const itp = web((s) => { s.spec.internalTrafficPolicy = 'Local'; });
    const withLocal = restore(cluster([itp], [webSlice([onA(podA), onB(podB)])]));
    expect(withLocal).toContain(`-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j ${SVL}`);
    expect(withLocal).not.toContain(`${podB}:8080`);
    const without = restore(cluster([itp], [webSlice([onB(podB)])]));
    expect(without).toContain('-A KUBE-SERVICES -m comment --comment "default/web:http has no local endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j DROP');
  });

  it('ignores ingress IPs in Proxy mode', () => {
    const proxyMode = lb('Cluster');
    proxyMode.status = { loadBalancer: { ingress: [{ ip: '198.51.100.7', ipMode: 'Proxy' }] } };
    expect(restore(cluster([proxyMode], [webSlice([onB(podB)])]))).not.toContain('198.51.100.7');
  });

  it('loadBalancerSourceRanges: KUBE-FW- chain, DROP in KUBE-PROXY-FIREWALL, node-sourced VIP allowed', () => {
    const t = restore(cluster([web((s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.ports![0]!.nodePort = 30080;
      s.spec.loadBalancerSourceRanges = ['203.0.113.0/24', '192.168.1.0/24'];
      s.status = { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } };
    })], [webSlice([onB(podB)])]));
    expect(t).toContain(`-A KUBE-SERVICES -m comment --comment "default/web:http loadbalancer IP" -m tcp -p tcp -d 198.51.100.7 --dport 80 -j ${FW}`);
    expect(t).toContain(`-A ${FW} -m comment --comment "default/web:http loadbalancer IP" -s 203.0.113.0/24 -j ${EXT}`);
    expect(t).toContain(`-A ${FW} -m comment --comment "default/web:http loadbalancer IP" -s 198.51.100.7 -j ${EXT}`);
    expect(t).toContain(`-A KUBE-PROXY-FIREWALL -m comment --comment "default/web:http traffic not accepted by ${FW}" -m tcp -p tcp -d 198.51.100.7 --dport 80 -j DROP`);
  });
});

describe('endpoint conditions', () => {
  it('falls back to serving-terminating endpoints and ignores other families and duplicates', () => {
    const t = restore(cluster([web()], [
      webSlice([{ addresses: [podA], conditions: { ready: false, serving: true, terminating: true } },
        { addresses: [podB], conditions: { ready: false, serving: false, terminating: true } }]),
      webSlice([{ addresses: [podA], conditions: { ready: false, serving: false, terminating: true } }], (e) => { e.metadata.name = 'web-2'; }),
      webSlice([{ addresses: ['fd00::5'] }], (e) => { e.metadata.name = 'web-v6'; e.addressType = 'IPv6'; }),
    ]));
    expect(t).toContain(`-A ${SVC} -m comment --comment "default/web:http -> ${podA}:8080" -j ${sep(`${podA}:8080`)}`);
    expect(t).not.toContain(podB);
    expect(t).not.toContain('fd00::5');
  });

  it('uses only same-zone endpoints when every endpoint carries a zone hint', () => {
    const t = restore(cluster([web()], [webSlice([
      { ...onB(podB), hints: { forZones: [{ name: 'zone-a' }] } },
      { ...onB('10.244.2.8'), hints: { forZones: [{ name: 'zone-b' }] } },
    ])]));
    expect(t).toContain(`${podB}:8080`);
    expect(t).not.toContain('10.244.2.8');
  });
});

describe('kube-proxy settings', () => {
  const basic = (proxy: Partial<ProxyConfig>, options?: IptablesOptions): string =>
    restore(cluster([web((s) => { s.spec.type = 'NodePort'; s.spec.ports![0]!.nodePort = 30080; })], [webSlice([onA(podA)])], proxy), options);

  it.each([
    ['ClusterCIDR', {}, '! -s 10.244.0.0/16', '-s 10.244.0.0/16'],
    ['NodeCIDR', { detectLocalMode: 'NodeCIDR' }, '! -s 10.244.1.0/24', '-s 10.244.1.0/24'],
    ['BridgeInterface', { detectLocalMode: 'BridgeInterface', bridgeInterface: 'cbr0' }, '! -i cbr0', '-i cbr0'],
    ['InterfaceNamePrefix', { detectLocalMode: 'InterfaceNamePrefix', interfaceNamePrefix: 'veth' }, '! -i veth+', '-i veth+'],
  ] as const)('detects local traffic by %s', (_mode, proxy, notLocal, local) => {
    const t = restore(cluster([web((s) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Local'; s.spec.ports![0]!.nodePort = 30080; })],
      [webSlice([onA(podA)])], proxy as Partial<ProxyConfig>));
    expect(t).toContain(`--dport 80 ${notLocal} -j KUBE-MARK-MASQ`);
    expect(t).toContain(`"pod traffic for default/web:http external destinations" ${local} -j ${SVC}`);
  });

  it('without a local-traffic detector writes no masquerade or pod short-circuit rule', () => {
    const t = restore(cluster([web((s) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Local'; s.spec.ports![0]!.nodePort = 30080; })],
      [webSlice([onA(podA)])], { clusterCIDRs: [] }));
    expect(t).not.toContain('cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 ! -s');
    expect(t).not.toContain('pod traffic for');
  });

  it('masqueradeAll masquerades every ClusterIP connection', () => {
    expect(basic({ masqueradeAll: true })).toContain(`-A ${SVC} -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j KUBE-MARK-MASQ`);
  });

  it('localhostNodePorts: localnet guard and accounting rule; off: loopback excluded', () => {
    const on = basic({});
    expect(on).toContain('-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections"');
    expect(on).toContain(`-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp -d 127.0.0.0/8 --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${EXT}`);
    const off = basic({ localhostNodePorts: false });
    expect(off).not.toContain('KUBE-FIREWALL');
    expect(off).not.toContain('127.0.0.0/8 --dport');
    expect(off).toContain('-m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS');
  });

  it.each([
    [['192.168.1.0/24'], ['-d 192.168.1.10 -j KUBE-NODEPORTS'], false],
    [['127.0.0.0/8', '192.168.0.0/16'], ['-d 127.0.0.1 -j KUBE-NODEPORTS', '-d 192.168.1.10 -j KUBE-NODEPORTS'], true],
    [['primary'], ['-d 192.168.1.10 -j KUBE-NODEPORTS'], false],
  ])('nodePortAddresses %j', (addresses, expected, guard) => {
    const t = basic({ nodePortAddresses: addresses });
    for (const e of expected) expect(t).toContain(e);
    expect(t).not.toContain('--dst-type LOCAL -j KUBE-NODEPORTS');
    expect(t.includes(':KUBE-FIREWALL')).toBe(guard);
  });

  it('masquerade mark from masqueradeBit, --random-fully, nfacct and tcp_be_liberal', () => {
    const t = basic({ masqueradeBit: 12 });
    expect(t).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x00001000');
    expect(t).toContain('-j MASQUERADE --random-fully');
    const plain = basic({}, { randomFully: false, nfacct: false, conntrackTCPLiberal: true });
    expect(plain).toContain('"kubernetes service traffic requiring SNAT" -j MASQUERADE\n');
    expect(plain).not.toContain('nfacct');
    expect(plain).not.toContain('INVALID');
  });

  it('drops per-endpoint comments above 1000 endpoints', () => {
    const many = Array.from({ length: 1001 }, (_, i) => onB(`10.244.${2 + Math.floor(i / 250)}.${1 + (i % 250)}`));
    const t = restore(cluster([web()], [webSlice(many)]));
    expect(t).toContain(`-A ${sep('10.244.2.1:8080')} -s 10.244.2.1 -j KUBE-MARK-MASQ`);
    expect(t).toContain('-m statistic --mode random --probability 0.0009990010 -j');
  });
});

describe('IPv6 and dual-stack', () => {
  const dual = (): ClusterModel => {
    const c = cluster([web((s) => {
      s.spec.type = 'NodePort';
      s.spec.ipFamilies = ['IPv4', 'IPv6'];
      s.spec.clusterIPs = ['10.96.0.20', 'fd00:96::20'];
      s.spec.ports![0]!.nodePort = 30080;
    })], [webSlice([onA(podA)]), webSlice([onA('fd00:10:244:1::5')], (e) => { e.metadata.name = 'web-v6'; e.addressType = 'IPv6'; })],
    { clusterCIDRs: ['10.244.0.0/16' as CIDR, 'fd00:10:244::/56' as CIDR] });
    c.nodes[0]!.status!.addresses!.push({ type: 'InternalIP', address: 'fd00:1::10' });
    return c;
  };

  it('prints the IPv4 set, then the IPv6 set under # ip6tables', () => {
    const text = rulesForNode(dual(), nodeA);
    const [v4, v6] = text.split('# ip6tables\n');
    expect(v4).toContain('--to-destination 10.244.1.5:8080');
    expect(v6).toContain('ip6tables -t nat -I PREROUTING');
    expect(v6).toContain('-d fd00:96::20 --dport 80');
    expect(v6).toContain('! -s fd00:10:244::/56 -j KUBE-MARK-MASQ');
    expect(v6).toContain('-j DNAT --to-destination [fd00:10:244:1::5]:8080');
    expect(v6).toContain('-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS');
    expect(v6).not.toContain('127.0.0.0/8');
    expect(v6).not.toContain(':KUBE-FIREWALL');
  });

  it('names IPv6 endpoint chains from [ip]:port', () => {
    expect(rulesForNode(dual(), nodeA)).toContain(`:${sep('[fd00:10:244:1::5]:8080')} - [0:0]`);
  });

  it('a single-stack node prints one set', () => {
    expect(rulesForNode(cluster([web()], [webSlice([onA(podA)])]), nodeA)).not.toContain('# ip6tables');
  });
});
