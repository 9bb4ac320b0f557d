import { describe, expect, it } from 'vitest';
import { renderFieldError } from './field-errors';
import { readClusterSpec } from './cluster-config';
import type { DNSSpec } from '../model/cluster';

const read = (dns: Record<string, unknown>) => {
  const { spec, errors } = readClusterSpec({ apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster', spec: { dns } });
  return { dns: spec.dns, errors: errors.map(renderFieldError) };
};

const record = (type: string, data: string, name = 'api.example.com') => ({ upstream: [{ name, type, data }] });

describe('readClusterSpec: spec.dns, valid', () => {
  const cases: { name: string; dns: Record<string, unknown>; expected: Partial<DNSSpec> }[] = [
    { name: 'zones, trailing dot dropped', dns: { zones: ['cluster.local.', 'in-addr.arpa'] }, expected: { zones: ['cluster.local', 'in-addr.arpa'] } },
    { name: 'pods verified', dns: { pods: 'verified' }, expected: { pods: 'verified' } },
    { name: 'ttl 0', dns: { ttl: 0 }, expected: { ttl: 0 } },
    { name: 'ttl 3600', dns: { ttl: 3600 }, expected: { ttl: 3600 } },
    { name: 'namespaces', dns: { namespaces: ['default', 'kube-system'] }, expected: { namespaces: ['default', 'kube-system'] } },
    { name: 'switches', dns: { ignoreEmptyService: true, endpointPodNames: true, fallthrough: true },
      expected: { ignoreEmptyService: true, endpointPodNames: true, fallthrough: true } },
    { name: 'A', dns: record('A', '192.0.2.10'), expected: { upstream: [{ name: 'api.example.com', type: 'A', data: '192.0.2.10' }] } },
    { name: 'AAAA', dns: record('AAAA', '2001:db8::10'), expected: { upstream: [{ name: 'api.example.com', type: 'AAAA', data: '2001:db8::10' }] } },
    { name: 'CNAME', dns: record('CNAME', 'edge.example.net.'), expected: { upstream: [{ name: 'api.example.com', type: 'CNAME', data: 'edge.example.net.' }] } },
    { name: 'MX', dns: record('MX', '10 mail.example.com'), expected: { upstream: [{ name: 'api.example.com', type: 'MX', data: '10 mail.example.com' }] } },
    { name: 'SRV', dns: record('SRV', '0 5 5060 sip.example.com', '_sip._udp.example.com'),
      expected: { upstream: [{ name: '_sip._udp.example.com', type: 'SRV', data: '0 5 5060 sip.example.com' }] } },
    { name: 'TXT', dns: record('TXT', 'v=spf1 -all'), expected: { upstream: [{ name: 'api.example.com', type: 'TXT', data: 'v=spf1 -all' }] } },
    { name: 'PTR', dns: record('PTR', 'api.example.com', '10.2.0.192.in-addr.arpa'),
      expected: { upstream: [{ name: '10.2.0.192.in-addr.arpa', type: 'PTR', data: 'api.example.com' }] } },
    { name: 'NS', dns: record('NS', 'ns1.example.com', 'example.com'), expected: { upstream: [{ name: 'example.com', type: 'NS', data: 'ns1.example.com' }] } },
    { name: 'record ttl', dns: { upstream: [{ name: 'a.example.com', type: 'A', data: '192.0.2.1', ttl: 60 }] },
      expected: { upstream: [{ name: 'a.example.com', type: 'A', data: '192.0.2.1', ttl: 60 }] } },
  ];
  it.each(cases)('$name', ({ dns, expected }) => {
    const result = read(dns);
    expect(result.errors).toEqual([]);
    expect(result.dns).toMatchObject(expected);
  });
});

describe('readClusterSpec: spec.dns, invalid', () => {
  const cases: { name: string; dns: Record<string, unknown>; errors: string[] }[] = [
    { name: 'zone not a DNS subdomain', dns: { zones: ['Cluster.Local'] },
      errors: ["spec.dns.zones[0]: Invalid value: \"Cluster.Local\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"] },
    { name: 'zone twice', dns: { zones: ['cluster.local', 'cluster.local.'] }, errors: ['spec.dns.zones[1]: Duplicate value: "cluster.local."'] },
    { name: 'pods mode', dns: { pods: 'on' },
      errors: ['spec.dns.pods: Unsupported value: "on": supported values: "disabled", "insecure", "verified"'] },
    { name: 'ttl too long', dns: { ttl: 3601 }, errors: ['spec.dns.ttl: Invalid value: 3601: must be between 0 and 3600, inclusive'] },
    { name: 'ttl negative', dns: { ttl: -1 }, errors: ['spec.dns.ttl: Invalid value: -1: must be between 0 and 3600, inclusive'] },
    { name: 'namespace not a label', dns: { namespaces: ['kube_system'] },
      errors: ["spec.dns.namespaces[0]: Invalid value: \"kube_system\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"] },
    { name: 'record without a name', dns: { upstream: [{ type: 'A', data: '192.0.2.1' }] }, errors: ['spec.dns.upstream[0].name: Required value'] },
    { name: 'record name not a DNS name', dns: record('A', '192.0.2.1', 'a..example.com'),
      errors: ["spec.dns.upstream[0].name: Invalid value: \"a..example.com\": must be a DNS name: dot-separated labels of letters, digits, '-' or '_', each 1 to 63 characters and not starting or ending with '-', at most 253 characters in all"] },
    { name: 'record without a type', dns: { upstream: [{ name: 'a.example.com', data: '192.0.2.1' }] }, errors: ['spec.dns.upstream[0].type: Required value'] },
    { name: 'unsupported type', dns: record('SOA', 'ns1.example.com'),
      errors: ['spec.dns.upstream[0].type: Unsupported value: "SOA": supported values: "A", "AAAA", "CNAME", "TXT", "MX", "SRV", "PTR", "NS"'] },
    { name: 'record without data', dns: { upstream: [{ name: 'a.example.com', type: 'A' }] }, errors: ['spec.dns.upstream[0].data: Required value'] },
    { name: 'A with an IPv6 address', dns: record('A', '2001:db8::1'),
      errors: ['spec.dns.upstream[0].data: Invalid value: "2001:db8::1": must be a valid IPv4 address'] },
    { name: 'AAAA with an IPv4 address', dns: record('AAAA', '192.0.2.1'),
      errors: ['spec.dns.upstream[0].data: Invalid value: "192.0.2.1": must be a valid IPv6 address'] },
    { name: 'CNAME to an address-like junk', dns: record('CNAME', 'edge example'),
      errors: ["spec.dns.upstream[0].data: Invalid value: \"edge example\": must be a DNS name: dot-separated labels of letters, digits, '-' or '_', each 1 to 63 characters and not starting or ending with '-', at most 253 characters in all"] },
    { name: 'MX without a preference', dns: record('MX', 'mail.example.com'),
      errors: ['spec.dns.upstream[0].data: Invalid value: "mail.example.com": must be "PREFERENCE EXCHANGE": a preference 0-65535 and a DNS name (e.g. "10 mail.example.com")'] },
    { name: 'SRV port too large', dns: record('SRV', '0 5 70000 sip.example.com'),
      errors: ['spec.dns.upstream[0].data: Invalid value: "0 5 70000 sip.example.com": must be "PRIORITY WEIGHT PORT TARGET": three numbers 0-65535 and a DNS name (e.g. "0 5 5060 sip.example.com")'] },
    { name: 'record ttl negative', dns: { upstream: [{ name: 'a.example.com', type: 'A', data: '192.0.2.1', ttl: -5 }] },
      errors: ['spec.dns.upstream[0].ttl: Invalid value: -5: must be between 0 and 2147483647, inclusive'] },
    { name: 'CNAME sharing its name', dns: { upstream: [
      { name: 'www.example.com', type: 'A', data: '192.0.2.1' }, { name: 'WWW.example.com.', type: 'CNAME', data: 'edge.example.net' }] },
    errors: ['spec.dns.upstream[1].name: Invalid value: "WWW.example.com.": a CNAME record may not share its name with other records'] },
  ];
  it.each(cases)('$name', ({ dns, errors }) => {
    expect(read(dns).errors).toEqual(errors);
  });
});
