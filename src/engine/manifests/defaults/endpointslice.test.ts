import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, EndpointSlice, Pod, StatefulSet } from '../../model/k8s';
import {
  defaultEndpointSlice, defaultEndpoints, defaultNamespace, defaultPod, defaultWorkload,
} from './endpointslice';
import {
  makeDaemonSet, makeDeployment, makeEndpointSlice, makeEndpoints, makeNamespace, makePod, makeStatefulSet,
} from '../validation/test-builders-slices';

const ns = 'default';

describe('defaultEndpointSlice', () => {
  const withPorts = (ports: unknown[]) => makeEndpointSlice(ns, 'web-abc12', (s) => { s.ports = ports as EndpointSlice['ports']; });

  it.each([
    ['a port without protocol is TCP and unnamed', { port: 80 }, { name: '', protocol: 'TCP', port: 80 }],
    ['a null name and protocol are defaulted like absent ones', { name: null, protocol: null }, { name: '', protocol: 'TCP' }],
    ['an explicit empty protocol is kept for validation to judge', { name: 'dns', protocol: '' }, { name: 'dns', protocol: '' }],
    ['a UDP port keeps its protocol', { name: 'dns', protocol: 'UDP', port: 53 }, { name: 'dns', protocol: 'UDP', port: 53 }],
  ])('%s', (_, port, expected) => {
    expect(defaultEndpointSlice(withPorts([port])).ports).toEqual([expected]);
  });

  it('leaves a slice without ports as it is and does not touch its input', () => {
    const s = makeEndpointSlice(ns, 'web-abc12', (x) => { delete x.ports; });
    expect(defaultEndpointSlice(s)).toEqual(s);
    const input = withPorts([{ port: 80 }]);
    const copy = structuredClone(input);
    expect(defaultEndpointSlice(input)).not.toBe(input);
    expect(input).toEqual(copy);
  });
});

describe('defaultEndpoints', () => {
  it('gives an empty or missing port protocol TCP', () => {
    const e = makeEndpoints(ns, 'web', (x) => { x.subsets![0]!.ports = [{ port: 80 }, { port: 53, protocol: 'UDP' }]; });
    expect(defaultEndpoints(e).subsets![0]!.ports).toEqual([{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });
});

describe('defaultPod', () => {
  const bare = (mutate: (p: Pod) => void = () => {}) => makePod(ns, 'web-0', (p) => {
    delete p.spec.dnsPolicy;
    delete p.spec.containers[0]!.ports![0]!.protocol;
    mutate(p);
  });

  it('sets dnsPolicy ClusterFirst and port protocol TCP', () => {
    const spec = defaultPod(bare()).spec;
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.containers[0]!.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  it('keeps a dnsPolicy the user chose', () => {
    expect(defaultPod(bare((p) => { p.spec.dnsPolicy = 'Default'; })).spec.dnsPolicy).toBe('Default');
  });

  it('on the host network, publishes each containerPort as its hostPort', () => {
    const spec = defaultPod(bare((p) => { p.spec.hostNetwork = true; })).spec;
    expect(spec.containers[0]!.ports![0]!.hostPort).toBe(8080);
  });

  it('is idempotent', () => {
    const once = defaultPod(bare());
    expect(defaultPod(once)).toEqual(once);
  });
});

describe('defaultWorkload', () => {
  it('gives a Deployment and a StatefulSet one replica', () => {
    const d = makeDeployment(ns, 'web', (x) => { delete x.spec.replicas; });
    const s = makeStatefulSet(ns, 'web', (x) => { delete x.spec.replicas; });
    expect(defaultWorkload<Deployment>(d).spec.replicas).toBe(1);
    expect(defaultWorkload<StatefulSet>(s).spec.replicas).toBe(1);
  });

  it('keeps zero replicas (scaled down is not unset)', () => {
    expect(defaultWorkload(makeDeployment(ns, 'web', (x) => { x.spec.replicas = 0; })).spec.replicas).toBe(0);
  });

  it('gives a DaemonSet no replicas', () => {
    expect('replicas' in defaultWorkload<DaemonSet>(makeDaemonSet(ns, 'agent')).spec).toBe(false);
  });

  it('defaults the pod template, without host-network hostPorts', () => {
    const d = makeDaemonSet(ns, 'agent', (x) => {
      const spec = x.spec.template.spec;
      spec.hostNetwork = true;
      delete spec.dnsPolicy;
      delete spec.containers[0]!.ports![0]!.protocol;
    });
    const spec = defaultWorkload(d).spec.template.spec;
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.containers[0]!.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });
});

describe('defaultNamespace', () => {
  it('labels a namespace with its own name', () => {
    expect(defaultNamespace(makeNamespace('team-a')).metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });
});

describe('the defaulters never throw', () => {
  it.each([null, {}, { spec: null }, { spec: { containers: [null], template: null } }, { subsets: [null], ports: [null] }])('%j', (input) => {
    for (const f of [defaultEndpointSlice, defaultEndpoints, defaultPod, defaultWorkload, defaultNamespace]) {
      expect(() => (f as (x: unknown) => unknown)(input)).not.toThrow();
    }
  });
});
