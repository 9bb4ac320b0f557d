// The pod resolver: the kubelet's resolv.conf per dnsPolicy, and glibc's search order
// (resolv/res_query.c __res_context_search) with getaddrinfo's A+AAAA per name.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../model/k8s';
import { podResolvConf, renderResolvConf } from './resolv-conf';
import { resolveFromPod, search } from './resolver';
import { makeDNSCluster, pod } from './test-fixtures';

const cluster = makeDNSCluster();
const client = cluster.pods.find((p) => p.metadata.name === 'client')!;
const withSpec = (spec: Partial<Pod['spec']>): Pod => ({ ...client, spec: { ...client.spec, ...spec } });
const Z = 'default.svc.cluster.local';

describe('resolv.conf per dnsPolicy', () => {
  it.each([
    { name: 'ClusterFirst (default): cluster DNS, the three search domains, ndots:5', spec: {}, want: `search ${Z} svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5` },
    { name: 'ClusterFirstWithHostNet on the host network: the cluster', spec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' as const }, want: `search ${Z} svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5` },
    { name: 'ClusterFirst on the host network falls back to Default', spec: { hostNetwork: true }, want: "# from the node's /etc/resolv.conf (its resolver answers as the cluster's upstream)" },
    { name: 'None with dnsConfig', spec: { dnsPolicy: 'None' as const, dnsConfig: { nameservers: ['192.0.2.53'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } },
      want: 'search corp.example\nnameserver 192.0.2.53\noptions edns0 ndots:2' },
    { name: 'ClusterFirst with dnsConfig: appended, options merged', spec: { dnsConfig: { searches: ['corp.example', Z], options: [{ name: 'ndots', value: '1' }] } },
      want: `search ${Z} svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:1` },
  ])('$name', ({ spec, want }) => expect(renderResolvConf(podResolvConf(cluster, withSpec(spec)))).toBe(want));
});

describe('search order (glibc __res_context_search)', () => {
  const conf = podResolvConf(cluster, client);
  const order = (name: string, ndots?: number): string[] => {
    const tried: string[] = [];
    const c = ndots === undefined ? conf : { ...conf, options: [`ndots:${ndots}`] };
    search(name, c, (n) => { tried.push(n); return { ok: false, herrno: 'HOST_NOT_FOUND' }; });
    return tried;
  };
  it.each([
    { name: 'a short name: every search domain, then as is', q: 'web', want: [`web.${Z}`, 'web.svc.cluster.local', 'web.cluster.local', 'web'] },
    { name: 'name.ns: search domains first (fewer than 5 dots)', q: 'web.default', want: [`web.default.${Z}`, 'web.default.svc.cluster.local', 'web.default.cluster.local', 'web.default'] },
    { name: 'an FQDN without trailing dot still walks the search list first', q: `web.${Z}`, want: [`web.${Z}.${Z}`, `web.${Z}.svc.cluster.local`, `web.${Z}.cluster.local`, `web.${Z}`] },
    { name: 'a trailing dot: only the name itself', q: `web.${Z}.`, want: [`web.${Z}.`] },
    { name: 'five dots or more: as is first, then the search list', q: 'a.b.c.d.e.f', want: ['a.b.c.d.e.f', `a.b.c.d.e.f.${Z}`, 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local'] },
    { name: 'ndots:1 (dnsConfig) makes api.example.com absolute first', q: 'api.example.com', ndots: 1, want: ['api.example.com', `api.example.com.${Z}`, 'api.example.com.svc.cluster.local', 'api.example.com.cluster.local'] },
  ])('$name', ({ q, ndots, want }) => expect(order(q, ndots)).toEqual(want));

  it('NODATA does not stop the search, and is the reported failure', () => {
    const tried: string[] = [];
    const r = search('web', conf, (n) => { tried.push(n); return { ok: false, herrno: n === `web.${Z}` ? 'NO_DATA' : 'HOST_NOT_FOUND' }; });
    expect(tried).toHaveLength(4);
    expect(r).toEqual({ ok: false, herrno: 'NO_DATA' });
  });
  it('the first answer with records stops it', () => {
    const tried: string[] = [];
    search('web', conf, (n) => { tried.push(n); return n === 'web.svc.cluster.local' ? { ok: true, answers: [] } : { ok: false, herrno: 'HOST_NOT_FOUND' }; });
    expect(tried).toEqual([`web.${Z}`, 'web.svc.cluster.local']);
  });
});

describe('resolving from a pod (getaddrinfo, AF_UNSPEC)', () => {
  const summary = (name: string, p: Pod = client, types?: ('A' | 'AAAA')[]) => {
    const r = resolveFromPod(cluster, p, name, types);
    return { queries: r.queries.map((q) => `${q.qtype} ${q.qname} ${q.rcode}`), result: r.result };
  };
  it('a short Service name: A and AAAA for the first candidate, found there', () => {
    expect(summary('web')).toEqual({
      queries: [`A web.${Z}. NOERROR`, `AAAA web.${Z}. NOERROR`],
      result: { status: 'found', name: `web.${Z}.`, addresses: ['10.96.0.100'] },
    });
  });
  it('name.ns is found on the second search domain', () => {
    expect(summary('web.default').queries).toEqual([
      `A web.default.${Z}. NXDOMAIN`, `AAAA web.default.${Z}. NXDOMAIN`, 'A web.default.svc.cluster.local. NOERROR', 'AAAA web.default.svc.cluster.local. NOERROR',
    ]);
  });
  it('an external name costs four lookups (eight queries) before the absolute one', () => {
    const s = summary('db.example.com');
    expect(s.queries).toHaveLength(8);
    expect(s.result).toEqual({ status: 'found', name: 'db.example.com.', addresses: ['192.0.2.50'] });
  });
  it('an ExternalName Service resolves through its CNAME', () => {
    expect(summary('db').result).toEqual({ status: 'found', name: `db.${Z}.`, addresses: ['192.0.2.50'] });
  });
  it('--type AAAA on a single-stack Service: NODATA everywhere', () => {
    expect(summary('web', client, ['AAAA']).result.status).toBe('NO_DATA');
  });
  it('an unknown name: HOST_NOT_FOUND', () => {
    expect(summary('nothing').result).toEqual({ status: 'HOST_NOT_FOUND', name: '', addresses: [] });
  });
  it('a Default-policy pod asks the node resolver, which knows no cluster names', () => {
    const r = resolveFromPod(cluster, withSpec({ dnsPolicy: 'Default' }), 'web');
    expect(r.queries.every((q) => q.server === 'upstream')).toBe(true);
    expect(r.result.status).toBe('HOST_NOT_FOUND');
  });
  it('a StatefulSet pod by name', () => {
    const other = makeDNSCluster({}, [pod('x', 'node-b', '10.244.2.50', { app: 'x' })]);
    const p = other.pods.find((q) => q.metadata.name === 'x')!;
    expect(resolveFromPod(other, p, 'kafka-0.kafka').result.addresses).toEqual(['10.244.2.3']);
  });
});
