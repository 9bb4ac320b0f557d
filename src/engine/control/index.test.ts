import { describe, expect, it } from 'vitest';
import type { ControllerInput } from './index';
import { runControllers } from './index';
import { renderFieldError } from '../manifests/field-errors';
import {
  makeDaemonSet, makeDeployment, makeEndpoints, makeInput, makeNode, makePod, makeService, makeSlice, makeStatefulSet, sourced,
} from './test-builders';

const scenario = (seed: number): ControllerInput => makeInput({
  seed,
  nodes: sourced([makeNode('worker-2'), makeNode('worker-1')], 0),
  deployments: sourced([makeDeployment('shop', 'web', 3)], 2),
  statefulSets: sourced([makeStatefulSet('shop', 'db', 2)], 3),
  daemonSets: sourced([makeDaemonSet('kube-system', 'agent')], 4),
  services: sourced([
    makeService('shop', 'web', (s) => { s.spec.selector = { app: 'web' }; s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Cluster'; }),
    makeService('shop', 'db', (s) => { s.spec.selector = { app: 'db' }; s.spec.clusterIP = 'None'; s.spec.clusterIPs = ['None']; }),
  ], 5),
  pods: sourced([makePod('tools', 'debug')], 7),
});

describe('runControllers', () => {
  it('gives the same cluster for the same input and seed', () => {
    expect(runControllers(scenario(42))).toEqual(runControllers(scenario(42)));
  });

  it('leaves its input untouched', () => {
    const input = scenario(3);
    const before = JSON.stringify(input);
    runControllers(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('changes Deployment pod names with the seed, never StatefulSet names', () => {
    const names = (seed: number) => runControllers(scenario(seed)).cluster.pods.map((p) => p.metadata.name!);
    const [a, b] = [names(1), names(2)];
    expect(a.filter((n) => n.startsWith('web-'))).not.toEqual(b.filter((n) => n.startsWith('web-')));
    expect(a.filter((n) => n.startsWith('db-'))).toEqual(['db-0', 'db-1']);
    expect(b.filter((n) => n.startsWith('db-'))).toEqual(['db-0', 'db-1']);
  });

  it('runs every stage: pod CIDRs, scheduling, pod IPs, ClusterIPs, nodePorts, slices', () => {
    const { cluster, errors } = runControllers(scenario(1));
    expect(errors).toEqual([]);
    expect(cluster.nodes.map((n) => [n.metadata.name, n.spec?.podCIDR])).toEqual([['worker-1', '10.244.0.0/24'], ['worker-2', '10.244.1.0/24']]);
    expect(cluster.pods).toHaveLength(3 + 2 + 2 + 1);
    for (const pod of cluster.pods) {
      expect(pod.spec.nodeName).toMatch(/^worker-/);
      expect(pod.status?.podIP).toMatch(/^10\.244\.[01]\.\d+$/);
      expect(pod.status?.phase).toBe('Running');
    }
    const web = cluster.services.find((s) => s.metadata.name === 'web')!;
    expect(web.spec.clusterIP).toBe('10.96.0.2');
    expect(web.spec.ports?.[0]?.nodePort).toBe(30000);
    const dbSlice = cluster.endpointSlices.find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'db')!;
    expect(dbSlice.endpoints.map((e) => e.hostname)).toEqual(['db-0', 'db-1']);
    expect(dbSlice.metadata.labels).toHaveProperty(['service.kubernetes.io/headless'], '');
  });

  it('lists namespaces given, always present and referenced, once each, in order', () => {
    const { cluster } = runControllers(scenario(1));
    expect(cluster.namespaces.map((n) => n.metadata.name)).toEqual(['default', 'kube-system', 'shop', 'tools']);
    expect(cluster.namespaces[2]!.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
  });

  it('keeps every list in namespace/name order', () => {
    const { cluster } = runControllers(scenario(5));
    for (const list of [cluster.pods, cluster.services, cluster.endpointSlices]) {
      const keys = list.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
      expect(keys).toEqual([...keys].sort());
    }
  });

  it('keeps hand-written slices of other managers, replaces its own, and mirrors Endpoints', () => {
    const input = makeInput({
      nodes: sourced([makeNode('n1')]),
      pods: sourced([makePod('shop', 'web-1', (p) => { p.spec.nodeName = 'n1'; })], 1),
      services: sourced([makeService('shop', 'web'), makeService('shop', 'ext', (s) => { delete s.spec.selector; })], 2),
      endpointSlices: sourced([
        makeSlice('shop', 'web-stale', 'web', (s) => { s.metadata.labels!['endpointslice.kubernetes.io/managed-by'] = 'endpointslice-controller.k8s.io'; }),
        makeSlice('shop', 'web-extra', 'web', (s) => { s.metadata.labels!['endpointslice.kubernetes.io/managed-by'] = 'example.com/mesh'; }),
        makeSlice('shop', 'ext-manual', 'ext'),
      ], 4),
      endpoints: sourced([makeEndpoints('shop', 'ext', (e) => { e.subsets = [{ addresses: [{ ip: '192.168.1.9' }], ports: [{ port: 443 }] }]; })], 7),
    });
    const slices = runControllers(input).cluster.endpointSlices;
    const names = slices.map((s) => s.metadata.name!);
    expect(names).toContain('web-extra');
    expect(names).toContain('ext-manual');
    expect(names).not.toContain('web-stale');
    const managers = slices.map((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by']);
    expect(managers).toContain('endpointslice-controller.k8s.io');
    expect(managers).toContain('endpointslicemirroring-controller.k8s.io');
  });

  it('reports refusals on their documents and keeps the good objects', () => {
    const input = makeInput({
      services: sourced([
        makeService('a', 'good'),
        makeService('a', 'bad', (s) => { s.spec.clusterIP = '1.1.1.1'; s.spec.clusterIPs = ['1.1.1.1']; }),
      ], 3),
    });
    const { cluster, errors } = runControllers(input);
    expect(cluster.services.map((s) => s.metadata.name)).toEqual(['good']);
    expect(errors.map((e) => [e.doc, renderFieldError(e.error)])).toEqual([
      [4, 'spec.clusterIPs: Invalid value: ["1.1.1.1"]: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ]);
  });
});
