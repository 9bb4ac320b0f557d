import { describe, expect, it } from 'vitest';
import type { CIDR } from '../net/ip';
import type { Service, ServiceSpec } from '../model/k8s';
import { renderFieldError } from '../manifests/field-errors';
import { admitServices } from './service-registry';
import { makeService, makeSpec, sourced } from './test-builders';

const spec = makeSpec();
const dualSpec = makeSpec((s) => { s.serviceCIDRs = ['10.96.0.0/12' as CIDR, 'fd00:10:96::/112' as CIDR]; });
const tinySpec = makeSpec((s) => { s.serviceCIDRs = ['10.96.0.0/30' as CIDR]; });
const twoPortSpec = makeSpec((s) => { s.serviceNodePortRange = { min: 30000, max: 30001 }; });

const withIP = (ip: string) => (s: Service) => { s.spec.clusterIP = ip; s.spec.clusterIPs = [ip]; };
const nodePort = (s: Service) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Cluster'; };
const admit = (services: Service[], clusterSpec = spec) => {
  const out = admitServices(sourced(services), clusterSpec);
  return {
    byName: Object.fromEntries(out.services.map((s) => [s.object.metadata.name, s.object.spec])) as Record<string, ServiceSpec | undefined>,
    errors: out.errors.map((e) => [e.doc, renderFieldError(e.error)]),
  };
};

describe('ClusterIP allocation', () => {
  it('reserves requested IPs first, then hands out from .2 in namespace/name order (.1 is the kubernetes Service\'s)', () => {
    const { byName } = admit([makeService('b', 'zeta'), makeService('a', 'alpha'), makeService('c', 'dns', withIP('10.96.0.3'))]);
    expect([byName.alpha?.clusterIP, byName.zeta?.clusterIP, byName.dns?.clusterIP]).toEqual(['10.96.0.2', '10.96.0.4', '10.96.0.3']);
    expect(byName.alpha?.clusterIPs).toEqual(['10.96.0.2']);
  });

  it('lets a scenario define default/kubernetes on the first address itself', () => {
    const { byName, errors } = admit([makeService('default', 'kubernetes', withIP('10.96.0.1')), makeService('a', 'web')]);
    expect(errors).toEqual([]);
    expect([byName.kubernetes?.clusterIP, byName.web?.clusterIP]).toEqual(['10.96.0.1', '10.96.0.2']);
  });

  it.each([
    {
      title: 'an IP outside the range',
      services: [makeService('a', 'bad', withIP('10.0.0.1'))],
      error: [0, 'spec.clusterIPs: Invalid value: ["10.0.0.1"]: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    },
    {
      title: 'the network address',
      services: [makeService('a', 'bad', withIP('10.96.0.0'))],
      error: [0, 'spec.clusterIPs: Invalid value: ["10.96.0.0"]: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    },
    {
      title: 'an IP asked for twice (the later document loses)',
      services: [makeService('a', 'first', withIP('10.96.0.10')), makeService('a', 'second', withIP('10.96.0.10'))],
      error: [1, 'spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated'],
    },
    {
      title: 'an IPv6 family on an IPv4 cluster',
      services: [makeService('a', 'bad', (s) => { s.spec.ipFamilies = ['IPv6']; })],
      error: [0, 'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'],
    },
    {
      title: 'RequireDualStack on a single-stack cluster',
      services: [makeService('a', 'bad', (s) => { s.spec.ipFamilyPolicy = 'RequireDualStack'; })],
      error: [0, 'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'],
    },
  ])('refuses $title and leaves the Service out', ({ services, error }) => {
    const { byName, errors } = admit(services);
    expect(errors).toEqual([error]);
    expect(byName.bad).toBeUndefined();
    expect(Object.keys(byName)).toHaveLength(services.length - 1);
  });

  it('refuses a Service once the range is full (/30: two addresses, the first the kubernetes Service\'s)', () => {
    const { byName, errors } = admit([makeService('a', 's1'), makeService('a', 's2')], tinySpec);
    expect([byName.s1?.clusterIP, byName.s2]).toEqual(['10.96.0.2', undefined]);
    expect(errors).toEqual([[1, 'spec.clusterIPs: Invalid value: []: failed to allocate a serviceIP: range is full']]);
  });

  it('gives PreferDualStack Services an address of each family, and headless/ExternalName none', () => {
    const { byName } = admit([
      makeService('a', 'dual', (s) => { s.spec.ipFamilyPolicy = 'PreferDualStack'; delete s.spec.ipFamilies; }),
      makeService('a', 'headless', withIP('None')),
      makeService('a', 'ext', (s) => { s.spec.type = 'ExternalName'; s.spec.externalName = 'example.com'; }),
    ], dualSpec);
    // The kubernetes Service is single-stack in the primary family: only that family skips .1.
    expect(byName.dual?.clusterIPs).toEqual(['10.96.0.2', 'fd00:10:96::1']);
    expect(byName.dual?.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(byName.headless?.clusterIPs).toEqual(['None']);
    expect(byName.ext?.clusterIP).toBeUndefined();
  });
});

describe('NodePort allocation', () => {
  it('reserves requested nodePorts first, then allocates upwards from the range start', () => {
    const { byName } = admit([
      makeService('a', 'auto', nodePort),
      makeService('a', 'fixed', (s) => { nodePort(s); s.spec.ports![0]!.nodePort = 30000; }),
    ]);
    expect(byName.fixed?.ports?.[0]?.nodePort).toBe(30000);
    expect(byName.auto?.ports?.[0]?.nodePort).toBe(30001);
  });

  it('shares one nodePort between TCP and UDP of the same port number', () => {
    const dns = makeService('a', 'dns', (s) => {
      nodePort(s);
      s.spec.ports = [{ name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 }, { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53, nodePort: 30053 }];
    });
    const { byName, errors } = admit([dns]);
    expect(errors).toEqual([]);
    expect(byName.dns?.ports?.map((p) => p.nodePort)).toEqual([30053, 30053]);
  });

  it.each([
    {
      title: 'a port outside the range',
      nodePorts: [[80]],
      error: [0, 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    },
    {
      title: 'a port asked for by two Services',
      nodePorts: [[30080], [30080]],
      error: [1, 'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated'],
    },
  ])('refuses $title', ({ nodePorts, error }) => {
    const services = nodePorts.map((ports, i) => makeService('a', `s${i}`, (s) => { nodePort(s); s.spec.ports![0]!.nodePort = ports[0]; }));
    expect(admit(services).errors).toEqual([error]);
  });

  it('releases the ClusterIP of a Service refused for its nodePort', () => {
    const services = [
      makeService('a', 'taken', (s) => { nodePort(s); s.spec.ports![0]!.nodePort = 30080; }),
      makeService('a', 'loser', (s) => { nodePort(s); withIP('10.96.0.5')(s); s.spec.ports![0]!.nodePort = 30080; }),
      makeService('a', 'winner', withIP('10.96.0.5')),
    ];
    const { byName, errors } = admit(services);
    expect(errors.map((e) => e[0])).toEqual([1]);
    expect(byName.winner?.clusterIP).toBe('10.96.0.5');
  });

  it('allocates no nodePorts when allocateLoadBalancerNodePorts is false, but a healthCheckNodePort for Local', () => {
    const lb = makeService('a', 'lb', (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.allocateLoadBalancerNodePorts = false;
      s.spec.externalTrafficPolicy = 'Local';
    });
    const { byName } = admit([lb]);
    expect(byName.lb?.ports?.[0]?.nodePort).toBeUndefined();
    expect(byName.lb?.healthCheckNodePort).toBe(30000);
  });

  it('refuses a requested healthCheckNodePort already taken', () => {
    const taken = makeService('a', 'np', (s) => { nodePort(s); s.spec.ports![0]!.nodePort = 30500; });
    const lb = makeService('a', 'lb', (s) => { s.spec.type = 'LoadBalancer'; s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = 30500; });
    expect(admit([taken, lb]).errors).toEqual([
      [1, 'spec.healthCheckNodePort: Invalid value: 30500: failed to allocate requested HealthCheck NodePort 30500: provided port is already allocated'],
    ]);
  });

  it('refuses a Service when the node-port range is full', () => {
    const { errors } = admit([makeService('a', 'a1', nodePort), makeService('a', 'a2', nodePort), makeService('a', 'a3', nodePort)], twoPortSpec);
    expect(errors).toEqual([[2, 'spec.ports[0].nodePort: Invalid value: 0: failed to allocate a nodePort: range is full']]);
  });
});
