// CoreDNS kubernetes plugin behaviour, as tables (cases learned from coredns/coredns
// plugin/kubernetes handler_test.go, and the Kubernetes DNS specification): each case asks
// the server one question and pins the rcode and the sections, one record per line.

import { describe, expect, it } from 'vitest';
import { createDnsServer } from './server';
import { renderRecord } from './render';
import { makeDNSCluster, pod, webIP } from './test-fixtures';
import type { DnsResponse } from './types';

const lines = (r: DnsResponse): string[] => [
  r.rcode,
  ...r.answer.map((x) => `an ${renderRecord(x).replaceAll('\t', ' ')}`),
  ...r.authority.map((x) => `ns ${renderRecord(x).replaceAll('\t', ' ')}`),
  ...r.additional.map((x) => `ad ${renderRecord(x).replaceAll('\t', ' ')}`),
];

const SOA = 'ns cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5';
const Z = 'default.svc.cluster.local.';

interface Case { readonly name: string; readonly q: string; readonly type: string; readonly want: readonly string[] }

function table(server: ReturnType<typeof createDnsServer>, cases: readonly Case[]): void {
  it.each(cases)('$name', (c) => expect(lines(server.query(c.q, c.type))).toEqual(c.want));
}

describe('Services (CoreDNS defaults: pods insecure, ttl 5)', () => {
  table(createDnsServer(makeDNSCluster()), [
    { name: 'ClusterIP Service: A is its ClusterIP', q: `web.${Z}`, type: 'A', want: ['NOERROR', `an web.${Z} 5 IN A ${webIP}`] },
    { name: 'ClusterIP Service: AAAA on a single-stack Service is NODATA', q: `web.${Z}`, type: 'AAAA', want: ['NOERROR', SOA] },
    { name: 'the query case is kept in owner names and the SOA', q: 'WEB.Default.SVC.Cluster.Local.', type: 'A', want: ['NOERROR', `an WEB.Default.SVC.Cluster.Local. 5 IN A ${webIP}`] },
    { name: 'a name without the trailing dot is absolute', q: `web.${Z.slice(0, -1)}`, type: 'A', want: ['NOERROR', `an web.${Z} 5 IN A ${webIP}`] },
    { name: 'ClusterIP with no endpoints still answers (ignore empty_service off)', q: `empty.${Z}`, type: 'A', want: ['NOERROR', `an empty.${Z} 5 IN A 10.96.0.101`] },
    { name: 'an unknown Service is NXDOMAIN with the SOA', q: `nope.${Z}`, type: 'A', want: ['NXDOMAIN', SOA] },
    { name: 'an unknown namespace is NXDOMAIN', q: 'web.nons.svc.cluster.local.', type: 'A', want: ['NXDOMAIN', SOA] },
    { name: 'a namespace alone is NODATA', q: Z, type: 'A', want: ['NOERROR', SOA] },
    { name: 'svc.zone alone is NODATA', q: 'svc.cluster.local.', type: 'A', want: ['NOERROR', SOA] },
    { name: 'a label that is neither svc nor pod is NXDOMAIN', q: 'web.default.foo.cluster.local.', type: 'A', want: ['NXDOMAIN', SOA] },
    { name: 'too many labels is NXDOMAIN', q: `a.b.c.web.${Z}`, type: 'A', want: ['NXDOMAIN', SOA] },
    { name: 'MX on an existing name is NODATA', q: `web.${Z}`, type: 'MX', want: ['NOERROR', SOA] },
    { name: 'an unserved type (HINFO) on an existing name is NODATA', q: `web.${Z}`, type: 'HINFO', want: ['NOERROR', SOA] },
    { name: 'ANY on an existing name is NODATA (a fake A lookup decides)', q: `web.${Z}`, type: 'ANY', want: ['NOERROR', SOA] },
    { name: 'ANY on a missing name is NXDOMAIN', q: `nope.${Z}`, type: 'ANY', want: ['NXDOMAIN', SOA] },
    { name: 'TXT on a Service is NODATA', q: `web.${Z}`, type: 'TXT', want: ['NOERROR', SOA] },
    { name: 'TXT on a missing name is NXDOMAIN', q: `nope.${Z}`, type: 'TXT', want: ['NXDOMAIN', SOA] },
    { name: 'CNAME on a ClusterIP Service is NODATA', q: `web.${Z}`, type: 'CNAME', want: ['NOERROR', SOA] },
    { name: 'SOA below the apex is NODATA, even for a missing name (handler.go answers SOA only at the apex)', q: `nope.${Z}`, type: 'SOA', want: ['NOERROR', SOA] },
    { name: 'AXFR is refused', q: 'cluster.local.', type: 'AXFR', want: ['REFUSED'] },
  ]);
});

describe('SRV', () => {
  table(createDnsServer(makeDNSCluster()), [
    { name: 'a named port: one record, weight 100, the Service name as target, its address as extra', q: `_http._tcp.web.${Z}`, type: 'SRV',
      want: ['NOERROR', `an _http._tcp.web.${Z} 5 IN SRV 0 100 80 web.${Z}`, `ad web.${Z} 5 IN A ${webIP}`] },
    { name: 'protocol is matched: _dns._udp', q: `_dns._udp.web.${Z}`, type: 'SRV', want: ['NOERROR', `an _dns._udp.web.${Z} 5 IN SRV 0 100 53 web.${Z}`, `ad web.${Z} 5 IN A ${webIP}`] },
    { name: 'a port with the wrong protocol is NXDOMAIN', q: `_dns._tcp.web.${Z}`, type: 'SRV', want: ['NXDOMAIN', SOA] },
    { name: 'SRV on the Service name: every port, weight split', q: `web.${Z}`, type: 'SRV',
      want: ['NOERROR', `an web.${Z} 5 IN SRV 0 50 80 web.${Z}`, `an web.${Z} 5 IN SRV 0 50 53 web.${Z}`, `ad web.${Z} 5 IN A ${webIP}`] },
    { name: 'headless: one record per ready endpoint, targets its hostname', q: `_http._tcp.kafka.${Z}`, type: 'SRV',
      want: ['NOERROR', `an _http._tcp.kafka.${Z} 5 IN SRV 0 100 8080 kafka-0.kafka.${Z}`, `ad kafka-0.kafka.${Z} 5 IN A 10.244.2.3`] },
    { name: 'ExternalName has no SRV (CoreDNS drops it): NODATA', q: `db.${Z}`, type: 'SRV', want: ['NOERROR', SOA] },
    { name: 'ExternalName with a port label is NXDOMAIN', q: `_x._tcp.db.${Z}`, type: 'SRV', want: ['NXDOMAIN', SOA] },
  ]);
});

describe('headless Services and endpoint names', () => {
  table(createDnsServer(makeDNSCluster()), [
    { name: 'headless A: ready endpoints only (kafka-1 is not ready)', q: `kafka.${Z}`, type: 'A', want: ['NOERROR', `an kafka.${Z} 5 IN A 10.244.2.3`] },
    { name: 'StatefulSet pod name: hostname.subdomain', q: `kafka-0.kafka.${Z}`, type: 'A', want: ['NOERROR', `an kafka-0.kafka.${Z} 5 IN A 10.244.2.3`] },
    { name: 'a not-ready pod has no name', q: `kafka-1.kafka.${Z}`, type: 'A', want: ['NXDOMAIN', SOA] },
    { name: 'publishNotReadyAddresses publishes the not-ready pod', q: `zk.${Z}`, type: 'A', want: ['NOERROR', `an zk.${Z} 5 IN A 10.244.1.4`] },
    { name: 'and its hostname', q: `zk-0.zk.${Z}`, type: 'A', want: ['NOERROR', `an zk-0.zk.${Z} 5 IN A 10.244.1.4`] },
    { name: 'an endpoint without hostname is named by its dashed address', q: `10-244-1-2.web.${Z}`, type: 'A', want: ['NOERROR', `an 10-244-1-2.web.${Z} 5 IN A 10.244.1.2`] },
    { name: 'the pod name is not an endpoint name without endpoint_pod_names', q: `web-a.web.${Z}`, type: 'A', want: ['NXDOMAIN', SOA] },
  ]);
  table(createDnsServer(makeDNSCluster({ endpointPodNames: true })), [
    { name: 'endpoint_pod_names: the pod name names the endpoint', q: `web-a.web.${Z}`, type: 'A', want: ['NOERROR', `an web-a.web.${Z} 5 IN A 10.244.1.2`] },
  ]);
  table(createDnsServer(makeDNSCluster({ ignoreEmptyService: true })), [
    { name: 'ignore empty_service: a ClusterIP Service without ready endpoints is NXDOMAIN', q: `empty.${Z}`, type: 'A', want: ['NXDOMAIN', SOA] },
    { name: 'ignore empty_service leaves Services with endpoints alone', q: `web.${Z}`, type: 'A', want: ['NOERROR', `an web.${Z} 5 IN A ${webIP}`] },
  ]);
  table(createDnsServer(makeDNSCluster({ namespaces: ['kube-system'] })), [
    { name: 'namespaces: a namespace not listed is NXDOMAIN', q: `web.${Z}`, type: 'A', want: ['NXDOMAIN', SOA] },
  ]);
  table(createDnsServer(makeDNSCluster({ ttl: 30 })), [
    { name: 'ttl applies to records; the SOA TTL is min(ttl, 300)', q: `nope.${Z}`, type: 'A', want: ['NXDOMAIN', 'ns cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30'] },
  ]);
});

describe('ExternalName and upstream names', () => {
  table(createDnsServer(makeDNSCluster()), [
    { name: 'A follows the CNAME through the upstream resolver', q: `db.${Z}`, type: 'A', want: ['NOERROR', `an db.${Z} 5 IN CNAME db.example.com.`, 'an db.example.com. 300 IN A 192.0.2.50'] },
    { name: 'CNAME query returns the CNAME alone', q: `db.${Z}`, type: 'CNAME', want: ['NOERROR', `an db.${Z} 5 IN CNAME db.example.com.`] },
    { name: 'a target upstream does not know leaves the CNAME alone', q: `gone.${Z}`, type: 'A', want: ['NOERROR', `an gone.${Z} 5 IN CNAME gone.example.com.`] },
    { name: 'an upstream name (listed without trailing dot)', q: 'db.example.com', type: 'A', want: ['NOERROR', 'an db.example.com. 300 IN A 192.0.2.50'] },
    { name: 'an upstream CNAME (listed with trailing dot) is followed', q: 'www.example.com.', type: 'A', want: ['NOERROR', 'an www.example.com. 300 IN CNAME db.example.com.', 'an db.example.com. 300 IN A 192.0.2.50'] },
    { name: 'an upstream name listed with other types only is NODATA', q: 'db.example.com', type: 'AAAA', want: ['NOERROR'] },
    { name: 'an upstream TXT', q: 'txt.example.com', type: 'TXT', want: ['NOERROR', 'an txt.example.com. 300 IN TXT "hello"'] },
    { name: 'an unlisted name is NXDOMAIN', q: 'nope.example.com', type: 'A', want: ['NXDOMAIN'] },
  ]);
});

describe('pods modes', () => {
  const name = '10-244-1-10.default.pod.cluster.local.';
  const cases = (mode: string, answered: boolean, unknownIP: boolean): Case[] => [
    { name: `${mode}: a pod's own address`, q: name, type: 'A', want: answered ? ['NOERROR', `an ${name} 5 IN A 10.244.1.10`] : ['NXDOMAIN', SOA] },
    { name: `${mode}: an address no pod has`, q: '1-2-3-4.default.pod.cluster.local.', type: 'A', want: unknownIP ? ['NOERROR', 'an 1-2-3-4.default.pod.cluster.local. 5 IN A 1.2.3.4'] : ['NXDOMAIN', SOA] },
    { name: `${mode}: a pod's address in another namespace`, q: '10-244-1-10.kube-system.pod.cluster.local.', type: 'A', want: unknownIP ? ['NOERROR', 'an 10-244-1-10.kube-system.pod.cluster.local. 5 IN A 10.244.1.10'] : ['NXDOMAIN', SOA] },
    { name: `${mode}: not an address`, q: 'client.default.pod.cluster.local.', type: 'A', want: ['NXDOMAIN', SOA] },
  ];
  describe('insecure', () => table(createDnsServer(makeDNSCluster({ pods: 'insecure' })), cases('insecure', true, true)));
  describe('verified', () => table(createDnsServer(makeDNSCluster({ pods: 'verified' })), cases('verified', true, false)));
  describe('disabled', () => table(createDnsServer(makeDNSCluster({ pods: 'disabled' })), cases('disabled', false, false)));
});

describe('zone apex, reverse zones and the server', () => {
  const server = createDnsServer(makeDNSCluster());
  table(server, [
    { name: 'NS at the apex: the kube-dns Service, its address as extra', q: 'cluster.local.', type: 'NS',
      want: ['NOERROR', 'an cluster.local. 5 IN NS kube-dns.kube-system.svc.cluster.local.', 'ad kube-dns.kube-system.svc.cluster.local. 5 IN A 10.96.0.10'] },
    { name: 'SOA at the apex', q: 'cluster.local.', type: 'SOA', want: ['NOERROR', SOA.replace(/^ns/, 'an')] },
    { name: 'A at the apex is NODATA', q: 'cluster.local.', type: 'A', want: ['NOERROR', SOA] },
    { name: 'ns.dns.<zone> is the DNS server address', q: 'ns.dns.cluster.local.', type: 'A', want: ['NOERROR', 'an ns.dns.cluster.local. 5 IN A 10.96.0.10'] },
    { name: 'dns-version TXT', q: 'dns-version.cluster.local.', type: 'TXT', want: ['NOERROR', 'an dns-version.cluster.local. 28800 IN TXT "1.1.0"'] },
    { name: 'PTR of a ClusterIP', q: '100.0.96.10.in-addr.arpa.', type: 'PTR', want: ['NOERROR', `an 100.0.96.10.in-addr.arpa. 5 IN PTR web.${Z}`] },
    { name: 'PTR of the synthesized kube-dns', q: '10.0.96.10.in-addr.arpa.', type: 'PTR', want: ['NOERROR', 'an 10.0.96.10.in-addr.arpa. 5 IN PTR kube-dns.kube-system.svc.cluster.local.'] },
    { name: 'PTR of a headless endpoint with hostname', q: '3.2.244.10.in-addr.arpa.', type: 'PTR', want: ['NOERROR', `an 3.2.244.10.in-addr.arpa. 5 IN PTR kafka-0.kafka.${Z}`] },
    { name: 'PTR of an endpoint without hostname: its dashed address', q: '2.1.244.10.in-addr.arpa.', type: 'PTR', want: ['NOERROR', `an 2.1.244.10.in-addr.arpa. 5 IN PTR 10-244-1-2.web.${Z}`] },
    { name: 'PTR of an unknown address falls through to upstream (kubeadm): NXDOMAIN without SOA', q: '9.9.9.9.in-addr.arpa.', type: 'PTR', want: ['NXDOMAIN'] },
    { name: 'the reverse apex is served: NODATA with its SOA', q: 'in-addr.arpa.', type: 'A',
      want: ['NOERROR', 'ns in-addr.arpa. 5 IN SOA ns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 1 7200 1800 86400 5'] },
  ]);
  it('uses the kube-system/kube-dns ClusterIP when the scenario has one', () => {
    const dnsSvc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { clusterIP: '10.96.0.53', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } };
    const r = createDnsServer(makeDNSCluster({}, [dnsSvc])).query('ns.dns.cluster.local.', 'A');
    expect(lines(r)).toEqual(['NOERROR', 'an ns.dns.cluster.local. 5 IN A 10.96.0.53']);
  });
  it('takes the next free address when the tenth is used', () => {
    const taken = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ten', namespace: 'default' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 1 }] } };
    expect(createDnsServer(makeDNSCluster({}, [taken])).backend.serverIPs).toEqual(['10.96.0.11']);
  });
  it('fallthrough sends name errors of the cluster zone to upstream', () => {
    const r = createDnsServer(makeDNSCluster({ fallthrough: true, upstream: [{ name: `nope.${Z}`, type: 'A', data: '192.0.2.9' }] })).query(`nope.${Z}`, 'A');
    expect(lines(r)).toEqual(['NOERROR', `an nope.${Z} 300 IN A 192.0.2.9`]);
  });
  it('a headless Service with no ready endpoint is NXDOMAIN', () => {
    const c = makeDNSCluster({}, [pod('solo', 'node-a', '10.244.1.20', { app: 'solo' }, {}, false),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'solo', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'solo' }, ports: [{ port: 1 }] } }]);
    expect(lines(createDnsServer(c).query(`solo.${Z}`, 'A'))).toEqual(['NXDOMAIN', SOA]);
  });
});
