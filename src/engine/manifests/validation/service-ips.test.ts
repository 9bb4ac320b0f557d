import { describe, expect, it } from 'vitest';
import type { Service } from '../../model/k8s';
import type { ServiceCluster } from '../defaults/service';
import type { FieldError } from '../field-errors';
import { createErrors, dualStackCluster, fieldError as e, ipv4Cluster, makeService } from './test-builders';

const BAD_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const BAD_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";
const SOURCE_RANGES_ANNOTATION = 'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]';
const v4 = '10.96.0.10';
const v6 = 'fd00::10';

type Case = [string, ServiceCluster, (s: Service) => void, FieldError[]];
const run = (cases: Case[]) => it.each(cases)('%s', (_behaviour, cluster, edit, expected) => {
  expect(createErrors(makeService('shop', 'web', edit), cluster)).toEqual(expected);
});
const ips = (clusterIP: string, clusterIPs?: string[], extra: Partial<Service['spec']> = {}) => (s: Service) => {
  Object.assign(s.spec, { clusterIP, ...(clusterIPs ? { clusterIPs } : {}), ...extra });
};

describe('validateService: clusterIP and clusterIPs', () => {
  run([
    ['a chosen clusterIP is accepted', ipv4Cluster, ips(v4), []],
    ['leading zeros are tolerated, as the API server tolerates them', ipv4Cluster, ips('010.096.000.010'), []],
    ['a clusterIP must be an address', ipv4Cluster, ips('not-an-ip'), [e('spec.clusterIPs[0]', 'Invalid', BAD_IP, 'not-an-ip')]],
    ['clusterIPs[0] must be the clusterIP', dualStackCluster, ips(v4, ['10.96.0.11']),
      [e('spec.clusterIPs', 'Invalid', 'first value must match `clusterIP`', ['10.96.0.11'])]],
    ['clusterIPs alone is refused: clients must set clusterIP too', ipv4Cluster, ips('', [v4]),
      [e('spec.clusterIPs', 'Invalid', 'must be empty when `clusterIP` is not specified', [v4])]],
    ['None must stand alone', dualStackCluster, ips('None', ['None', v4]),
      [e('spec.clusterIPs', 'Invalid', "'None' must be the first and only value", ['None', v4])]],
    ['one address per family', dualStackCluster, ips(v4, [v4, '10.96.0.11'], { ipFamilyPolicy: 'PreferDualStack' }),
      [e('spec.clusterIPs', 'Invalid', 'may specify no more than one IP for each IP family', [v4, '10.96.0.11'])]],
    ['at most two addresses', dualStackCluster, ips(v4, [v4, v6, '10.96.0.11'], { ipFamilyPolicy: 'RequireDualStack' }),
      [e('spec.clusterIPs', 'Invalid', 'may only hold up to 2 values', [v4, v6, '10.96.0.11'])]],
    ['a dual-stack pair is accepted on a dual-stack cluster', dualStackCluster, ips(v4, [v4, v6], { ipFamilyPolicy: 'RequireDualStack' }), []],
    ['an address must match its ipFamilies entry', dualStackCluster, ips(v4, undefined, { ipFamilies: ['IPv6'] }),
      [e('spec.clusterIPs[0]', 'Invalid', 'expected an IPv6 value as indicated by `ipFamilies[0]`', v4)]],
  ]);
});

describe('validateService: ipFamilies and ipFamilyPolicy', () => {
  run([
    ['RequireDualStack is accepted on a dual-stack cluster', dualStackCluster, ips('', undefined, { ipFamilyPolicy: 'RequireDualStack' }), []],
    ['a family may be listed once', dualStackCluster, ips('', undefined, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv4'] }),
      [e('spec.ipFamilies[1]', 'Duplicate', '', 'IPv4')]],
    ['a family is IPv4 or IPv6', ipv4Cluster, ips('', undefined, { ipFamilies: ['IPv5' as never] }),
      [e('spec.ipFamilies[0]', 'NotSupported', 'supported values: "IPv4", "IPv6"', 'IPv5')]],
    ['the policy is one of three', ipv4Cluster, ips('', undefined, { ipFamilyPolicy: 'DualStack' as never }),
      [e('spec.ipFamilyPolicy', 'NotSupported', 'supported values: "PreferDualStack", "RequireDualStack", "SingleStack"', 'DualStack')]],
    ['SingleStack cannot hold two addresses', dualStackCluster, ips(v4, [v4, v6], { ipFamilyPolicy: 'SingleStack' }),
      [e('spec.ipFamilyPolicy', 'Invalid', "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified", 'SingleStack')]],
    ['SingleStack cannot hold two families', dualStackCluster, ips('', undefined, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }),
      [e('spec.ipFamilyPolicy', 'Invalid', "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified", 'SingleStack')]],
    ['an address of a family the cluster lacks is refused', ipv4Cluster, ips(v6),
      [e('spec.clusterIPs[0]', 'Invalid', 'IPv6 is not configured on this cluster', [v6])]],
    ['RequireDualStack needs a dual-stack cluster', ipv4Cluster, ips('', undefined, { ipFamilyPolicy: 'RequireDualStack' }),
      [e('spec.ipFamilyPolicy', 'Invalid', 'this cluster is not configured for dual-stack services', 'RequireDualStack')]],
    ['a family the cluster lacks is refused', ipv4Cluster, ips('', undefined, { ipFamilies: ['IPv6'] }),
      [e('spec.ipFamilies[0]', 'Invalid', 'not configured on this cluster', 'IPv6')]],
    ['headless without selector may name a family the cluster lacks', ipv4Cluster, (s) => {
      delete s.spec.selector; s.spec.clusterIP = 'None'; s.spec.ipFamilies = ['IPv6'];
    }, []],
    ['an IP-family refusal is the whole answer, as the registry answers before validation', ipv4Cluster, (s) => {
      s.metadata.name = 'Web'; s.spec.clusterIP = v6;
    }, [e('spec.clusterIPs[0]', 'Invalid', 'IPv6 is not configured on this cluster', [v6])]],
  ]);
});

describe('validateService: externalIPs', () => {
  const external = (ip: string) => (s: Service) => { s.spec.externalIPs = [ip]; };
  const at = 'spec.externalIPs[0]';
  run([
    ['a public address is accepted', ipv4Cluster, external('203.0.113.7'), []],
    ['an IPv6 address is accepted on an IPv4 cluster', ipv4Cluster, external('2001:db8::7'), []],
    ['an external IP must be an address', ipv4Cluster, external('example.com'), [e(at, 'Invalid', BAD_IP, 'example.com')]],
    ['the unspecified address is refused', ipv4Cluster, external('0.0.0.0'), [e(at, 'Invalid', 'may not be unspecified (0.0.0.0)', '0.0.0.0')]],
    ['IPv6 unspecified is refused', ipv4Cluster, external('::'), [e(at, 'Invalid', 'may not be unspecified (::)', '::')]],
    ['loopback is refused', ipv4Cluster, external('127.0.0.1'),
      [e(at, 'Invalid', 'may not be in the loopback range (127.0.0.0/8, ::1/128)', '127.0.0.1')]],
    ['IPv6 loopback is refused', ipv4Cluster, external('::1'), [e(at, 'Invalid', 'may not be in the loopback range (127.0.0.0/8, ::1/128)', '::1')]],
    ['IPv4-mapped loopback is loopback', ipv4Cluster, external('::ffff:127.0.0.1'),
      [e(at, 'Invalid', 'may not be in the loopback range (127.0.0.0/8, ::1/128)', '::ffff:127.0.0.1')]],
    ['the metadata-service range is refused', ipv4Cluster, external('169.254.169.254'),
      [e(at, 'Invalid', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)', '169.254.169.254')]],
    ['IPv6 link-local is refused', ipv4Cluster, external('fe80::1'),
      [e(at, 'Invalid', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)', 'fe80::1')]],
    ['link-local multicast is refused', ipv4Cluster, external('224.0.0.1'),
      [e(at, 'Invalid', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)', '224.0.0.1')]],
    ['IPv6 link-local multicast is refused', ipv4Cluster, external('ff02::1'),
      [e(at, 'Invalid', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)', 'ff02::1')]],
    ['other multicast is accepted', ipv4Cluster, external('239.1.1.1'), []],
  ]);
});

describe('validateService: loadBalancerSourceRanges', () => {
  const lb = (edit: (s: Service) => void) => (s: Service) => { s.spec.type = 'LoadBalancer'; edit(s); };
  run([
    ['a LoadBalancer may restrict its clients, padded values and all', ipv4Cluster,
      lb((s) => { s.spec.loadBalancerSourceRanges = ['10.0.0.0/8', ' 192.168.0.0/16 ', '2001:db8::/32']; }), []],
    ['source ranges are for LoadBalancers only', ipv4Cluster, (s) => { s.spec.loadBalancerSourceRanges = ['10.0.0.0/8']; },
      [e('spec.LoadBalancerSourceRanges', 'Forbidden', LB_ONLY)]],
    ['a source range must be a CIDR', ipv4Cluster, lb((s) => { s.spec.loadBalancerSourceRanges = ['10.0.0.0/33']; }),
      [e('spec.LoadBalancerSourceRanges[0]', 'Invalid', BAD_CIDR, '10.0.0.0/33')]],
    ['the old annotation is read when the field is empty', ipv4Cluster, lb((s) => {
      s.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 192.168.0.0/16' };
    }), []],
    ['the annotation is for LoadBalancers only', ipv4Cluster, (s) => {
      s.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' };
    }, [e(SOURCE_RANGES_ANNOTATION, 'Forbidden', LB_ONLY)]],
    ['each annotation entry must be a CIDR', ipv4Cluster, lb((s) => {
      s.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, office' };
    }), [e(SOURCE_RANGES_ANNOTATION, 'Invalid', BAD_CIDR, 'office')]],
  ]);
});
