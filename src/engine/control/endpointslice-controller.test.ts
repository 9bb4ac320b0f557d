import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from '../model/k8s';
import { slicesForService, type SliceContext } from './endpointslice-controller';
import { NAME_ALPHABET } from './names';
import { makeNode, makePod, makeService } from './test-builders';

const zonedNode = makeNode('node-a', (n) => { n.metadata.labels = { 'topology.kubernetes.io/zone': 'zone-a' }; });
const plainNode = makeNode('node-b');
const nodes = new Map<string, Node>([['node-a', zonedNode], ['node-b', plainNode]]);
const context = (): SliceContext => {
  const taken = new Map<string, Set<string>>();
  return { seed: 3, nodes, takenNames: (ns) => taken.get(ns) ?? taken.set(ns, new Set()).get(ns)! };
};

let nextHost = 2;
/** A running, Ready pod of app=web on node-a with the next free address. */
const runningPod = (name: string, adjust?: (p: Pod) => void, ns = 'shop'): Pod => makePod(ns, name, (p) => {
  p.spec.nodeName = 'node-a';
  const ip = `10.244.${Math.floor(nextHost / 250)}.${(nextHost++ % 250) + 2}`;
  p.status = { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] };
  adjust?.(p);
});
const web = makeService('shop', 'web', (s) => { s.spec.clusterIP = '10.96.0.1'; s.spec.clusterIPs = ['10.96.0.1']; s.metadata.labels = { tier: 'front' }; });

describe('EndpointSlice controller', () => {
  it('publishes matching pods with node, zone and target, under the controller labels and owner', () => {
    const pod = runningPod('web-1');
    const [slice] = slicesForService(web, [pod], context());
    expect(slice!.metadata.name).toMatch(new RegExp(`^web-[${NAME_ALPHABET}]{5}$`));
    expect(slice!.metadata.labels).toEqual({
      tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', controller: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([{
      addresses: [pod.status!.podIP], conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1' }, nodeName: 'node-a', zone: 'zone-a',
    }]);
  });

  it.each([
    { title: 'ready pod', ready: 'True', deleting: false, publish: false, want: { ready: true, serving: true, terminating: false } },
    { title: 'unready pod', ready: 'False', deleting: false, publish: false, want: { ready: false, serving: false, terminating: false } },
    { title: 'terminating ready pod', ready: 'True', deleting: true, publish: false, want: { ready: false, serving: true, terminating: true } },
    { title: 'terminating unready pod', ready: 'False', deleting: true, publish: false, want: { ready: false, serving: false, terminating: true } },
    { title: 'unready pod, publishNotReadyAddresses', ready: 'False', deleting: false, publish: true, want: { ready: true, serving: false, terminating: false } },
    { title: 'terminating pod, publishNotReadyAddresses', ready: 'True', deleting: true, publish: true, want: { ready: true, serving: true, terminating: true } },
  ] as const)('conditions of a $title', ({ ready, deleting, publish, want }) => {
    const pod = runningPod('p', (p) => {
      p.status!.conditions = [{ type: 'Ready', status: ready }];
      if (deleting) p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    });
    const svc: Service = { ...web, spec: { ...web.spec, publishNotReadyAddresses: publish } };
    expect(slicesForService(svc, [pod], context())[0]!.endpoints[0]!.conditions).toEqual(want);
  });

  it('sets hostname only for pods whose subdomain is the Service', () => {
    const mine = runningPod('db-0', (p) => { p.spec.hostname = 'db-0'; p.spec.subdomain = 'web'; });
    const other = runningPod('db-1', (p) => { p.spec.hostname = 'db-1'; p.spec.subdomain = 'elsewhere'; });
    const eps = slicesForService(web, [mine, other], context())[0]!.endpoints;
    expect(eps.map((e) => e.hostname)).toEqual(['db-0', undefined]);
  });

  it('resolves a named targetPort per pod and splits pods by resolved port set', () => {
    const named = makeService('shop', 'named', (s) => {
      s.spec.ports = [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }, { name: 'metrics', protocol: 'TCP', port: 9100, targetPort: 9100 }];
    });
    const on8080 = runningPod('a');
    const on9090 = runningPod('b', (p) => { p.spec.containers[0]!.ports = [{ name: 'http', containerPort: 9090, protocol: 'TCP' }]; });
    const udpOnly = runningPod('c', (p) => { p.spec.containers[0]!.ports = [{ name: 'http', containerPort: 8080, protocol: 'UDP' }]; });
    const slices = slicesForService(named, [on8080, on9090, udpOnly], context());
    expect(slices.map((s) => [s.ports?.map((p) => `${p.name}:${p.port}`), s.endpoints.map((e) => e.targetRef?.name)])).toEqual([
      [['http:8080', 'metrics:9100'], ['a']],
      [['http:9090', 'metrics:9100'], ['b']],
      [['metrics:9100'], ['c']],
    ]);
  });

  it('fills slices of at most 100 endpoints', () => {
    const pods = Array.from({ length: 250 }, (_, i) => runningPod(`p${String(i).padStart(3, '0')}`));
    const slices = slicesForService(web, pods, context());
    expect(slices.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(new Set(slices.map((s) => s.metadata.name)).size).toBe(3);
  });

  it.each([
    ['of another namespace', runningPod('x', undefined, 'other')],
    ['not matching the selector', runningPod('x', (p) => { p.metadata.labels = { app: 'api' }; })],
    ['without an address', runningPod('x', (p) => { p.status = { phase: 'Pending' }; })],
    ['that has Succeeded', runningPod('x', (p) => { p.status!.phase = 'Succeeded'; })],
    ['on a node the cluster does not know', runningPod('x', (p) => { p.spec.nodeName = 'ghost'; })],
  ])('leaves out a pod %s, keeping a placeholder slice', (_title, pod) => {
    const slices = slicesForService(web, [pod], context());
    expect(slices).toHaveLength(1);
    expect(slices[0]!.endpoints).toEqual([]);
    expect(slices[0]!.ports).toEqual([]);
  });

  it('keeps a pod on an unknown node when publishNotReadyAddresses is set', () => {
    const svc: Service = { ...web, spec: { ...web.spec, publishNotReadyAddresses: true } };
    const pod = runningPod('x', (p) => { p.spec.nodeName = 'ghost'; });
    expect(slicesForService(svc, [pod], context())[0]!.endpoints[0]!.nodeName).toBe('ghost');
  });

  it('writes one slice per address type of a dual-stack Service', () => {
    const dual: Service = { ...web, spec: { ...web.spec, ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' } };
    const pod = runningPod('d', (p) => { p.status!.podIPs = [{ ip: '10.244.9.2' }, { ip: 'fd00::2' }]; p.status!.podIP = '10.244.9.2'; });
    expect(slicesForService(dual, [pod], context()).map((s) => [s.addressType, s.endpoints[0]?.addresses])).toEqual([
      ['IPv4', ['10.244.9.2']], ['IPv6', ['fd00::2']],
    ]);
  });

  it('labels slices of a headless Service, and writes none for selectorless or ExternalName ones', () => {
    const headless: Service = { ...web, spec: { ...web.spec, clusterIP: 'None', clusterIPs: ['None'] } };
    expect(slicesForService(headless, [runningPod('h')], context())[0]!.metadata.labels).toHaveProperty(['service.kubernetes.io/headless'], '');
    expect(slicesForService({ ...web, spec: { ...web.spec, selector: undefined } }, [runningPod('s')], context())).toEqual([]);
    expect(slicesForService({ ...web, spec: { ...web.spec, type: 'ExternalName' } }, [runningPod('e')], context())).toEqual([]);
  });
});
