import { describe, expect, it } from 'vitest';
import type { Service } from '../../model/k8s';
import {
  dualStackCluster, dualStackV6FirstCluster, ipv4Cluster, ipv6Cluster, makeService,
} from '../validation/test-builders';
import { defaultService, type ServiceCluster } from './service';

const shop = 'shop';
const defaulted = (edit?: (s: Service) => void, cluster: ServiceCluster = ipv4Cluster): Service =>
  defaultService(makeService(shop, 'web', edit), cluster);

describe('defaultService: the fields the API server fills in', () => {
  it.each<[string, (s: Service) => void, (d: Service) => unknown, unknown]>([
    ['a port without protocol is TCP', () => {}, (d) => d.spec.ports?.[0]?.protocol, 'TCP'],
    ['a UDP port stays UDP', (s) => { s.spec.ports = [{ port: 53, protocol: 'UDP' }]; }, (d) => d.spec.ports?.[0]?.protocol, 'UDP'],
    ['a Service without type is ClusterIP', () => {}, (d) => d.spec.type, 'ClusterIP'],
    ['targetPort defaults to port', () => {}, (d) => d.spec.ports?.[0]?.targetPort, 80],
    ['targetPort 0 means "same as port"', (s) => { s.spec.ports = [{ port: 80, targetPort: 0 }]; }, (d) => d.spec.ports?.[0]?.targetPort, 80],
    ['an empty targetPort name means "same as port"', (s) => { s.spec.ports = [{ port: 80, targetPort: '' }]; }, (d) => d.spec.ports?.[0]?.targetPort, 80],
    ['a named targetPort is kept', (s) => { s.spec.ports = [{ port: 80, targetPort: 'http' }]; }, (d) => d.spec.ports?.[0]?.targetPort, 'http'],
    ['session affinity defaults to None', () => {}, (d) => d.spec.sessionAffinity, 'None'],
    ['None clears a stray sessionAffinityConfig', (s) => { s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 5 } }; },
      (d) => 'sessionAffinityConfig' in d.spec, false],
    ['ClientIP without a timeout sticks for three hours', (s) => { s.spec.sessionAffinity = 'ClientIP'; },
      (d) => d.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } }],
    ['ClientIP keeps its own timeout', (s) => { s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 60 } }; },
      (d) => d.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds, 60],
    ['internalTrafficPolicy defaults to Cluster', () => {}, (d) => d.spec.internalTrafficPolicy, 'Cluster'],
    ['an ExternalName gets no internalTrafficPolicy', (s) => { s.spec = { type: 'ExternalName', externalName: 'db.example.com' }; },
      (d) => d.spec.internalTrafficPolicy, undefined],
    ['a plain ClusterIP gets no externalTrafficPolicy', () => {}, (d) => d.spec.externalTrafficPolicy, undefined],
    ['a NodePort gets externalTrafficPolicy Cluster', (s) => { s.spec.type = 'NodePort'; }, (d) => d.spec.externalTrafficPolicy, 'Cluster'],
    ['a LoadBalancer keeps externalTrafficPolicy Local', (s) => { s.spec.type = 'LoadBalancer'; s.spec.externalTrafficPolicy = 'Local'; },
      (d) => d.spec.externalTrafficPolicy, 'Local'],
    ['a ClusterIP with external IPs is externally accessible', (s) => { s.spec.externalIPs = ['203.0.113.7']; },
      (d) => d.spec.externalTrafficPolicy, 'Cluster'],
    ['a LoadBalancer allocates node ports by default', (s) => { s.spec.type = 'LoadBalancer'; }, (d) => d.spec.allocateLoadBalancerNodePorts, true],
    ['a LoadBalancer may opt out of node ports', (s) => { s.spec.type = 'LoadBalancer'; s.spec.allocateLoadBalancerNodePorts = false; },
      (d) => d.spec.allocateLoadBalancerNodePorts, false],
    ['a NodePort gets no allocateLoadBalancerNodePorts', (s) => { s.spec.type = 'NodePort'; }, (d) => d.spec.allocateLoadBalancerNodePorts, undefined],
    ['a load-balancer ingress IP is a VIP by default',
      (s) => { s.spec.type = 'LoadBalancer'; s.status = { loadBalancer: { ingress: [{ ip: '198.51.100.1' }, { hostname: 'lb.example' }] } }; },
      (d) => d.status?.loadBalancer?.ingress, [{ ip: '198.51.100.1', ipMode: 'VIP' }, { hostname: 'lb.example' }]],
    ['a clusterIP alone is copied into clusterIPs', (s) => { s.spec.clusterIP = '10.96.0.10'; }, (d) => d.spec.clusterIPs, ['10.96.0.10']],
    ['no address is allocated', () => {}, (d) => [d.spec.clusterIP, d.spec.clusterIPs, d.spec.ports?.[0]?.nodePort], [undefined, undefined, undefined]],
  ])('%s', (_behaviour, edit, read, expected) => {
    expect(read(defaulted(edit))).toEqual(expected);
  });

  it('never changes the Service it is given', () => {
    const svc = makeService(shop, 'web', (s) => { s.spec.sessionAffinity = 'ClientIP'; s.spec.type = 'LoadBalancer'; });
    const before = JSON.stringify(svc);
    const out = defaultService(svc, dualStackCluster);
    expect(JSON.stringify(svc)).toBe(before);
    expect(out).not.toBe(svc);
    expect(out.spec.ports).not.toBe(svc.spec.ports);
  });

  it('tolerates a Service without a spec', () => {
    const out = defaultService({ metadata: { name: 'web', namespace: shop } } as Service, ipv4Cluster);
    expect(out.spec.type).toBe('ClusterIP');
  });
});

describe('defaultService: IP families, as the registry settles them on create', () => {
  it.each<[string, ServiceCluster, (s: Service) => void, string | undefined, string[] | undefined]>([
    ['an IPv4 cluster makes single-stack IPv4', ipv4Cluster, () => {}, 'SingleStack', ['IPv4']],
    ['an IPv6 cluster makes single-stack IPv6', ipv6Cluster, () => {}, 'SingleStack', ['IPv6']],
    ['a dual-stack cluster still defaults to its primary family only', dualStackCluster, () => {}, 'SingleStack', ['IPv4']],
    ['the primary family is the first service CIDR', dualStackV6FirstCluster, () => {}, 'SingleStack', ['IPv6']],
    ['PreferDualStack gets both families on a dual-stack cluster', dualStackCluster,
      (s) => { s.spec.ipFamilyPolicy = 'PreferDualStack'; }, 'PreferDualStack', ['IPv4', 'IPv6']],
    ['PreferDualStack settles for one family on a single-stack cluster', ipv4Cluster,
      (s) => { s.spec.ipFamilyPolicy = 'PreferDualStack'; }, 'PreferDualStack', ['IPv4']],
    ['a clusterIP given fixes the family', dualStackCluster, (s) => { s.spec.clusterIP = 'fd00::10'; }, 'SingleStack', ['IPv6']],
    ['RequireDualStack adds the other family after the one the clusterIP fixes', dualStackCluster,
      (s) => { s.spec.clusterIP = 'fd00::10'; s.spec.ipFamilyPolicy = 'RequireDualStack'; }, 'RequireDualStack', ['IPv6', 'IPv4']],
    ['a clusterIP and its family given together stay one family', dualStackCluster,
      (s) => { s.spec.clusterIP = '10.96.0.10'; s.spec.ipFamilies = ['IPv4']; }, 'SingleStack', ['IPv4']],
    ['families given in order keep that order', dualStackCluster,
      (s) => { s.spec.ipFamilyPolicy = 'PreferDualStack'; s.spec.ipFamilies = ['IPv6']; }, 'PreferDualStack', ['IPv6', 'IPv4']],
    ['an IPv4-mapped IPv6 clusterIP counts as IPv4, as in Go', dualStackCluster,
      (s) => { s.spec.clusterIP = '::ffff:10.96.0.10'; }, 'SingleStack', ['IPv4']],
    ['headless with a selector is single-stack', dualStackCluster, (s) => { s.spec.clusterIP = 'None'; }, 'SingleStack', ['IPv4']],
    ['headless without selector asks for both families, even on a single-stack cluster', ipv4Cluster,
      (s) => { s.spec.clusterIP = 'None'; delete s.spec.selector; }, 'RequireDualStack', ['IPv4', 'IPv6']],
    ['headless without selector honours an explicit SingleStack', ipv4Cluster,
      (s) => { s.spec.clusterIP = 'None'; delete s.spec.selector; s.spec.ipFamilyPolicy = 'SingleStack'; }, 'SingleStack', ['IPv4']],
    ['an ExternalName has no families', dualStackCluster, (s) => { s.spec = { type: 'ExternalName', externalName: 'db.example.com' }; },
      undefined, undefined],
    ['a family the cluster lacks is left for validation to refuse', ipv4Cluster, (s) => { s.spec.clusterIP = 'fd00::10'; },
      'SingleStack', undefined],
  ])('%s', (_behaviour, cluster, edit, policy, families) => {
    const d = defaulted(edit, cluster);
    expect([d.spec.ipFamilyPolicy, d.spec.ipFamilies]).toEqual([policy, families]);
  });
});
