import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';

const load = (text: string, seed = 1) => loadScenario([{ name: 's.yaml', text }], { seed });
const service = (name: string, extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec:\n  ports: [{ port: 80 }]\n${extra}`;

describe('loading documents as the API server admits them', () => {
  it('loads `kubectl get -o yaml` output as it is, keeping what the cluster had', () => {
    const text = readFileSync(join(__dirname, '../../../tests/fixtures/kubectl-get.yaml'), 'utf8');
    const { cluster, documents } = load(text);
    expect(documents.map((d) => [d.kind, d.valid, d.errors])).toEqual([
      ['Node', true, []], ['Pod', true, []], ['Service', true, []], ['EndpointSlice', true, []],
    ]);
    expect(cluster.services[0]!.spec.clusterIP).toBe('10.96.148.21');
    expect(cluster.pods[0]!.status?.podIP).toBe('10.244.1.5');
  });

  it('keeps the valid documents beside an invalid one', () => {
    const { cluster, documents } = load([service('a'), service('b', '  type: Bogus\n'), service('c')].join('---\n'));
    expect(documents.map((d) => d.valid)).toEqual([true, false, true]);
    expect(cluster.services.map((s) => s.metadata.name)).toEqual(['a', 'c']);
  });

  it('reports unknown kinds as valid with a warning, and ignores them', () => {
    const { documents } = load('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { a: b }\n');
    expect(documents[0]).toMatchObject({ valid: true, kind: 'ConfigMap', errors: [] });
    expect(documents[0]!.warnings[0]).toMatch(/not modelled/);
  });

  it('refuses a known kind in a version kubehops does not model', () => {
    const { documents } = load('apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: { name: x }\n');
    expect(documents[0]!.errors[0]).toMatchObject({ field: 'apiVersion', type: 'Invalid' });
  });

  it('requires apiVersion and kind', () => {
    const { documents } = load('metadata: { name: x }\n');
    expect(documents[0]!.errors.map((e) => [e.field, e.type])).toEqual([['apiVersion', 'Required'], ['kind', 'Required']]);
  });

  it('sets a missing namespace to default, as the API server does on create', () => {
    const { cluster, documents } = load(service('a'));
    expect(documents[0]!.namespace).toBe('default');
    expect(cluster.services[0]!.metadata.namespace).toBe('default');
  });

  it('refuses a second object with the same kind, namespace and name', () => {
    const { documents } = load([service('a'), service('a')].join('---\n'));
    expect(documents.map((d) => d.valid)).toEqual([true, false]);
    expect(documents[1]!.errors[0]).toMatchObject({ field: 'metadata.name', type: 'Duplicate' });
  });

  it('refuses a wrong JSON type before validating', () => {
    const { documents } = load(service('a', '  sessionAffinity: 3\n'));
    expect(documents[0]!.valid).toBe(false);
    expect(documents[0]!.errors[0]!.field).toBe('spec.sessionAffinity');
  });

  it('uses the Cluster document for the service CIDR, wherever it is in the stream', () => {
    const cluster = 'apiVersion: kubehops.dev/v1alpha1\nkind: Cluster\nmetadata: { name: c }\nspec: { serviceCIDRs: [172.20.0.0/16] }\n';
    const result = load([service('a'), cluster].join('---\n'));
    expect(result.cluster.services[0]!.spec.clusterIP).toMatch(/^172\.20\./);
  });

  it('refuses a second Cluster document and keeps the first', () => {
    const cluster = (cidr: string) => `apiVersion: kubehops.dev/v1alpha1\nkind: Cluster\nmetadata: { name: c }\nspec: { serviceCIDRs: [${cidr}] }\n`;
    const result = load([cluster('172.20.0.0/16'), cluster('172.30.0.0/16')].join('---\n'));
    expect(result.documents.map((d) => d.valid)).toEqual([true, false]);
    expect(result.cluster.spec.serviceCIDRs).toEqual(['172.20.0.0/16']);
  });

  it('refuses a ClusterIP outside the service CIDR, as the allocator does', () => {
    const { documents } = load(service('a', '  clusterIP: 10.0.0.1\n'));
    expect(documents[0]!.valid).toBe(false);
    expect(documents[0]!.errors[0]!.message).toMatch(/not in the valid range/);
  });
});

describe('the loaded cluster', () => {
  it('takes its name from the Cluster document', () => {
    const { cluster } = load('apiVersion: kubehops.dev/v1alpha1\nkind: Cluster\nmetadata: { name: demo }\n');
    expect(cluster.name).toBe('demo');
  });
});
