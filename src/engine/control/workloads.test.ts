import { describe, expect, it } from 'vitest';
import { expandWorkloads, type WorkloadInput } from './workloads';
import { NAME_ALPHABET } from './names';
import { makeDaemonSet, makeDeployment, makeNode, makePod, makeStatefulSet, sourced } from './test-builders';

const nodeA = makeNode('node-a', (n) => { n.status = { conditions: [{ type: 'Ready', status: 'True' }] }; });
const nodeB = makeNode('node-b', (n) => {
  n.spec = { unschedulable: true };
  n.status = { conditions: [{ type: 'Ready', status: 'True' }] };
});
const controlPlane = makeNode('cp', (n) => {
  n.spec = { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] };
  n.status = { conditions: [{ type: 'Ready', status: 'True' }] };
});
const nodes = [controlPlane, nodeA, nodeB];
const alphabet = `[${NAME_ALPHABET}]`;

const input = (parts: Partial<WorkloadInput>): WorkloadInput =>
  ({ seed: 7, nodes, pods: [], deployments: [], statefulSets: [], daemonSets: [], ...parts });

describe('Deployment pods', () => {
  const deploy = makeDeployment('shop', 'web', 3);

  it('are named <deploy>-<10 char hash>-<5 chars> and carry pod-template-hash', () => {
    const pods = expandWorkloads(input({ deployments: sourced([deploy], 4) }));
    expect(pods).toHaveLength(3);
    const hash = pods[0]!.object.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(new RegExp(`^${alphabet}{10}$`));
    for (const { doc, object } of pods) {
      expect(doc).toBe(4);
      expect(object.metadata.name).toMatch(new RegExp(`^web-${hash}-${alphabet}{5}$`));
      expect(object.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(object.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${hash}`, controller: true }]);
    }
    expect(new Set(pods.map((p) => p.object.metadata.name)).size).toBe(3);
  });

  it('change names with the seed, and only with the seed', () => {
    const names = (seed: number) => expandWorkloads(input({ seed, deployments: sourced([deploy]) })).map((p) => p.object.metadata.name);
    expect(names(7)).toEqual(names(7));
    expect(names(8)).not.toEqual(names(7));
    const withOther = expandWorkloads(input({ deployments: sourced([makeDeployment('shop', 'aaa', 2), deploy]) }));
    expect(withOther.filter((p) => p.object.metadata.name!.startsWith('web-')).map((p) => p.object.metadata.name)).toEqual(names(7));
  });
});

describe('StatefulSet pods', () => {
  it('are <sts>-0..n-1 with hostname, subdomain and the identity labels, whatever the seed', () => {
    const sts = makeStatefulSet('db', 'pg', 2);
    const run = (seed: number) => expandWorkloads(input({ seed, statefulSets: sourced([sts]) })).map((p) => p.object);
    const pods = run(1);
    expect(pods.map((p) => p.metadata.name)).toEqual(['pg-0', 'pg-1']);
    expect(pods[1]!.spec.hostname).toBe('pg-1');
    expect(pods[1]!.spec.subdomain).toBe('pg');
    expect(pods[1]!.metadata.labels).toMatchObject({
      app: 'pg', 'statefulset.kubernetes.io/pod-name': 'pg-1', 'apps.kubernetes.io/pod-index': '1',
    });
    expect(pods[1]!.metadata.labels!['controller-revision-hash']).toMatch(new RegExp(`^pg-${alphabet}+$`));
    expect(run(99).map((p) => p.metadata.name)).toEqual(['pg-0', 'pg-1']);
  });

  it('leaves a name the scenario already gives to the pod given', () => {
    const pods = expandWorkloads(input({ pods: sourced([makePod('db', 'pg-0')]), statefulSets: sourced([makeStatefulSet('db', 'pg', 2)]) }));
    expect(pods.map((p) => p.object.metadata.name)).toEqual(['pg-1']);
  });
});

describe('DaemonSet pods', () => {
  it('run on every Ready node whose taints they tolerate, cordoned ones included, bound to it', () => {
    const pods = expandWorkloads(input({ daemonSets: sourced([makeDaemonSet('kube-system', 'agent')]) })).map((p) => p.object);
    expect(pods.map((p) => p.spec.nodeName)).toEqual(['node-a', 'node-b']);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^agent-${alphabet}{5}$`));
  });

  it('respect the template nodeSelector', () => {
    const ds = makeDaemonSet('kube-system', 'agent', (d) => { d.spec.template.spec.nodeSelector = { 'kubernetes.io/hostname': 'node-b' }; });
    const withLabels = nodes.map((n) => ({ ...n, metadata: { ...n.metadata, labels: { 'kubernetes.io/hostname': n.metadata.name! } } }));
    const pods = expandWorkloads(input({ nodes: withLabels, daemonSets: sourced([ds]) }));
    expect(pods.map((p) => p.object.spec.nodeName)).toEqual(['node-b']);
  });
});
