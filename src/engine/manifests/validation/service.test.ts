import { describe, expect, it } from 'vitest';
import type { Service } from '../../model/k8s';
import { defaultService, type ServiceCluster } from '../defaults/service';
import type { FieldError } from '../field-errors';
import { validateService } from './service';
import {
  createErrors, dualStackCluster, fieldError as e, ipv4Cluster, ipv6Cluster, makeService,
} from './test-builders';

const shop = 'shop';
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_NAME = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

type Case = [string, (s: Service) => void, FieldError[]];
const run = (cases: Case[], cluster: ServiceCluster = ipv4Cluster) =>
  it.each(cases)('%s', (_behaviour, edit, expected) => {
    expect(createErrors(makeService(shop, 'web', edit), cluster)).toEqual(expected);
  });

describe('validateService: a plain Service is accepted', () => {
  it.each([ipv4Cluster, ipv6Cluster, dualStackCluster])('on a %j cluster', (cluster) => {
    expect(createErrors(makeService(shop, 'web'), cluster)).toEqual([]);
  });
});

describe('validateService: metadata', () => {
  run([
    ['a Service name must be a DNS-1035 label', (s) => { s.metadata.name = 'Web'; }, [e('metadata.name', 'Invalid', DNS1035, 'Web')]],
    ['a Service name may not contain dots, unlike most names', (s) => { s.metadata.name = 'web.v2'; },
      [e('metadata.name', 'Invalid', DNS1035, 'web.v2')]],
    ['matching topology annotations are accepted', (s) => {
      s.metadata.annotations = { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Auto' };
    }, []],
    ['topology-mode must agree with the deprecated topology-aware-hints', (s) => {
      s.metadata.annotations = { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' };
    }, [e('metadata.annotations[service.kubernetes.io/topology-mode]', 'Invalid',
      'must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified', 'Auto')]],
  ]);
});

describe('validateService: ports and type shape', () => {
  run([
    ['a Service needs ports', (s) => { s.spec.ports = []; }, [e('spec.ports', 'Required')]],
    ['a headless Service may have no ports', (s) => { s.spec.ports = []; s.spec.clusterIP = 'None'; }, []],
    ['a LoadBalancer cannot be headless', (s) => { s.spec.type = 'LoadBalancer'; s.spec.clusterIP = 'None'; },
      [e('spec.clusterIPs[0]', 'Invalid', "may not be set to 'None' for LoadBalancer services", 'None')]],
    ['a NodePort cannot be headless', (s) => { s.spec.type = 'NodePort'; s.spec.clusterIP = 'None'; },
      [e('spec.clusterIPs[0]', 'Invalid', "may not be set to 'None' for NodePort services", 'None')]],
    ['an unknown type is refused', (s) => { s.spec.type = 'Headless' as never; },
      [e('spec.type', 'NotSupported', 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"', 'Headless')]],
  ]);
});

describe('validateService: ExternalName', () => {
  const external = (extra: Partial<Service['spec']> = {}) => (s: Service) => {
    s.spec = { type: 'ExternalName', externalName: 'db.example.com', ...extra };
  };
  run([
    ['an ExternalName needs no ports or selector', external(), []],
    ['a fully-qualified name may end with a dot', external({ externalName: 'db.example.com.' }), []],
    ['an ExternalName needs a name', external({ externalName: '' }), [e('spec.externalName', 'Required')]],
    ['the name must be a DNS subdomain', external({ externalName: 'DB_host' }), [e('spec.externalName', 'Invalid', SUBDOMAIN, 'DB_host')]],
    ['an ExternalName has no cluster IP', external({ clusterIP: '10.96.0.10' }),
      [e('spec.clusterIPs', 'Forbidden', 'may not be set for ExternalName services')]],
    ['an ExternalName has no IP families', external({ ipFamilies: ['IPv4'] }),
      [e('spec.ipFamilies', 'Forbidden', 'may not be set for ExternalName services')]],
    ['an ExternalName has no IP family policy', external({ ipFamilyPolicy: 'SingleStack' }),
      [e('spec.ipFamilyPolicy', 'Forbidden', 'may not be set for ExternalName services')]],
  ]);
});

describe('validateService: selector and session affinity', () => {
  run([
    ['a selector with prefixed keys is accepted', (s) => { s.spec.selector = { 'app.kubernetes.io/name': 'web' }; }, []],
    ['a selector key must be a qualified name', (s) => { s.spec.selector = { 'app!': 'web' }; },
      [e('spec.selector', 'Invalid', KEY_NAME, 'app!')]],
    ['session affinity is None or ClientIP', (s) => { s.spec.sessionAffinity = 'Sticky' as never; },
      [e('spec.sessionAffinity', 'NotSupported', 'supported values: "ClientIP", "None"', 'Sticky')]],
    ['a ClientIP timeout of one day is accepted', (s) => {
      s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86400 } };
    }, []],
    ['a ClientIP timeout of zero is refused', (s) => {
      s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 0 } };
    }, [e('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'Invalid', 'must be greater than 0 and less than 86400', 0)]],
    ['a ClientIP timeout over one day is refused', (s) => {
      s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } };
    }, [e('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'Invalid', 'must be greater than 0 and less than 86400', 86401)]],
  ]);

  it.each<[string, (spec: Service['spec']) => void, FieldError[]]>([
    ['None takes no config (a stored object that skipped defaulting)', (spec) => { spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 5 } }; },
      [e('spec.sessionAffinityConfig', 'Forbidden', 'must not be set when session affinity is None')]],
    ['ClientIP needs a config', (spec) => { spec.sessionAffinity = 'ClientIP'; },
      [e('spec.sessionAffinityConfig', 'Required', 'when session affinity type is ClientIP')]],
    ['ClientIP needs a clientIP block', (spec) => { spec.sessionAffinity = 'ClientIP'; spec.sessionAffinityConfig = {}; },
      [e('spec.sessionAffinityConfig.clientIP', 'Required', 'when session affinity type is ClientIP')]],
    ['ClientIP needs a timeout', (spec) => { spec.sessionAffinity = 'ClientIP'; spec.sessionAffinityConfig = { clientIP: {} }; },
      [e('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'Required', 'when session affinity type is ClientIP')]],
    ['a type is required', (spec) => { delete spec.type; }, [e('spec.type', 'Required')]],
    ['a session affinity is required', (spec) => { delete spec.sessionAffinity; }, [e('spec.sessionAffinity', 'Required')]],
    ['internalTrafficPolicy is required on a ClusterIP', (spec) => { delete spec.internalTrafficPolicy; },
      [e('spec.internalTrafficPolicy', 'Required')]],
  ])('%s', (_behaviour, undo, expected) => {
    const svc = defaultService(makeService(shop, 'web'), ipv4Cluster);
    undo(svc.spec);
    expect(validateService(svc, ipv4Cluster)).toEqual(expected);
  });
});

describe('validateService: LoadBalancer-only fields', () => {
  run([
    ['a LoadBalancer may opt out of node ports', (s) => { s.spec.type = 'LoadBalancer'; s.spec.allocateLoadBalancerNodePorts = false; }, []],
    ['allocateLoadBalancerNodePorts is for LoadBalancers only', (s) => { s.spec.type = 'NodePort'; s.spec.allocateLoadBalancerNodePorts = true; },
      [e('spec.allocateLoadBalancerNodePorts', 'Forbidden', LB_ONLY)]],
    ['a LoadBalancer may name its class', (s) => { s.spec.type = 'LoadBalancer'; s.spec.loadBalancerClass = 'example.com/internal'; }, []],
    ['a load balancer class must be a qualified name', (s) => { s.spec.type = 'LoadBalancer'; s.spec.loadBalancerClass = 'example.com/'; },
      [e('spec.loadBalancerClass', 'Invalid', 'name part must be non-empty', 'example.com/'),
        e('spec.loadBalancerClass', 'Invalid', KEY_NAME, 'example.com/')]],
    ['loadBalancerClass is for LoadBalancers only', (s) => { s.spec.loadBalancerClass = 'example.com/internal'; },
      [e('spec.loadBalancerClass', 'Forbidden', LB_ONLY)]],
    ['loadBalancerIP is not validated, only warned about by the API server', (s) => {
      s.spec.type = 'LoadBalancer'; s.spec.loadBalancerIP = 'not-an-ip';
    }, []],
  ]);
});

describe('validateService: traffic policies and distribution', () => {
  const hcOnly = "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'";
  run([
    ['a NodePort may keep traffic on the receiving node', (s) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Local'; }, []],
    ['external IPs make a ClusterIP externally accessible', (s) => {
      s.spec.externalIPs = ['203.0.113.7']; s.spec.externalTrafficPolicy = 'Local';
    }, []],
    ['externalTrafficPolicy is for externally-accessible Services only', (s) => { s.spec.externalTrafficPolicy = 'Local'; },
      [e('spec.externalTrafficPolicy', 'Invalid', 'may only be set for externally-accessible services', 'Local')]],
    ['externalTrafficPolicy is Cluster or Local', (s) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Global' as never; },
      [e('spec.externalTrafficPolicy', 'NotSupported', 'supported values: "Cluster", "Local"', 'Global')]],
    ['a LoadBalancer with Local traffic may name its health-check port', (s) => {
      s.spec.type = 'LoadBalancer'; s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = 30100;
    }, []],
    ['an unset health-check port is left for the allocator', (s) => { s.spec.type = 'LoadBalancer'; s.spec.externalTrafficPolicy = 'Local'; }, []],
    ['a health-check port needs LoadBalancer and Local', (s) => {
      s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = 30100;
    }, [e('spec.healthCheckNodePort', 'Invalid', hcOnly, 30100)]],
    ['a health-check port is a port number', (s) => {
      s.spec.type = 'LoadBalancer'; s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = 70000;
    }, [e('spec.healthCheckNodePort', 'Invalid', 'must be between 1 and 65535, inclusive', 70000)]],
    ['internalTrafficPolicy Local is accepted', (s) => { s.spec.internalTrafficPolicy = 'Local'; }, []],
    ['internalTrafficPolicy is Cluster or Local', (s) => { s.spec.internalTrafficPolicy = 'Node' as never; },
      [e('spec.internalTrafficPolicy', 'NotSupported', 'supported values: "Cluster", "Local"', 'Node')]],
    ['trafficDistribution PreferClose is accepted', (s) => { s.spec.trafficDistribution = 'PreferClose'; }, []],
    ['trafficDistribution has one supported value', (s) => { s.spec.trafficDistribution = 'Nearest'; },
      [e('spec.trafficDistribution', 'NotSupported', 'supported values: "PreferClose"', 'Nearest')]],
  ]);
});
