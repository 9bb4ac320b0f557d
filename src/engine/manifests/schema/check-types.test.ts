import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderFieldError } from '../field-errors';
import { checkTypes } from './index';
import kubectlGetAll from './testdata/kubectl-get-all.yaml?raw';
import kubectlGetDeploy from './testdata/kubectl-get-deploy.yaml?raw';

// The loader reads YAML 1.1, as sigs.k8s.io/yaml does.
const load = (text: string): unknown => parse(text, { version: '1.1' });

const service = (spec: Record<string, unknown>): Record<string, unknown> =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec });
const servicePort = (port: Record<string, unknown>) => service({ ports: [{ port: 80, ...port }] });
const pod = (spec: Record<string, unknown>): Record<string, unknown> =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c' }], ...spec } });

describe('checkTypes: wrong JSON types refuse the object', () => {
  const cases: { name: string; kind: string; obj: unknown; errors: string[] }[] = [
    { name: 'integer ok', kind: 'Service', obj: servicePort({ port: 80 }), errors: [] },
    { name: 'integer given a word', kind: 'Service', obj: servicePort({ port: 'abc' }),
      errors: ['spec.ports[0].port: Invalid value: "abc": must be of type integer'] },
    { name: 'integer given a quoted number', kind: 'Service', obj: servicePort({ port: '80' }),
      errors: ['spec.ports[0].port: Invalid value: "80": must be of type integer'] },
    { name: 'integer given a fraction', kind: 'Service', obj: servicePort({ port: 1.5 }),
      errors: ['spec.ports[0].port: Invalid value: 1.5: must be of type integer'] },
    { name: 'int32 overflow', kind: 'Service', obj: servicePort({ nodePort: 2 ** 31 }),
      errors: ['spec.ports[0].nodePort: Invalid value: 2147483648: must be of type int32'] },
    { name: 'int64 takes a large integer', kind: 'Pod', obj: pod({ terminationGracePeriodSeconds: 2 ** 40 }), errors: [] },
    { name: 'int-or-string: name', kind: 'Service', obj: servicePort({ targetPort: 'http' }), errors: [] },
    { name: 'int-or-string: number', kind: 'Service', obj: servicePort({ targetPort: 8080 }), errors: [] },
    { name: 'int-or-string: fraction', kind: 'Service', obj: servicePort({ targetPort: 80.5 }),
      errors: ['spec.ports[0].targetPort: Invalid value: 80.5: must be of type integer or string'] },
    { name: 'string ok', kind: 'Service', obj: service({ type: 'NodePort' }), errors: [] },
    { name: 'string given a number', kind: 'Service', obj: service({ clusterIP: 10 }),
      errors: ['spec.clusterIP: Invalid value: 10: must be of type string'] },
    { name: 'boolean ok', kind: 'Service', obj: service({ publishNotReadyAddresses: true }), errors: [] },
    { name: 'boolean given a string', kind: 'Service', obj: service({ publishNotReadyAddresses: 'true' }),
      errors: ['spec.publishNotReadyAddresses: Invalid value: "true": must be of type boolean'] },
    { name: 'array ok', kind: 'Service', obj: service({ externalIPs: ['192.0.2.1'] }), errors: [] },
    { name: 'array given a string', kind: 'Service', obj: service({ externalIPs: '192.0.2.1' }),
      errors: ['spec.externalIPs: Invalid value: "192.0.2.1": must be of type array'] },
    { name: 'array item of the wrong type', kind: 'Service', obj: service({ externalIPs: ['192.0.2.1', 7] }),
      errors: ['spec.externalIPs[1]: Invalid value: 7: must be of type string'] },
    { name: 'null list item', kind: 'Service', obj: service({ ports: [null] }),
      errors: ['spec.ports[0]: Invalid value: null: must be of type object'] },
    { name: 'object given a list', kind: 'Service', obj: { ...service({}), spec: [] },
      errors: ['spec: Invalid value: []: must be of type object'] },
    { name: 'map of strings ok', kind: 'Service', obj: service({ selector: { app: 'web' } }), errors: [] },
    { name: 'map value of the wrong type', kind: 'Pod',
      obj: { ...pod({}), metadata: { name: 'a', labels: { version: 1 } } },
      errors: ['metadata.labels[version]: Invalid value: 1: must be of type string'] },
    { name: 'YAML 1.1 yes is a boolean, not a label value', kind: 'Pod',
      obj: load('kind: Pod\nmetadata:\n  labels:\n    enabled: yes\n'),
      errors: ['metadata.labels[enabled]: Invalid value: true: must be of type string'] },
    { name: 'null means unset', kind: 'Service', obj: service({ selector: null, ports: null }), errors: [] },
    { name: 'an unquoted timestamp is a string', kind: 'Pod',
      obj: load('kind: Pod\nmetadata:\n  creationTimestamp: 2025-03-02T09:14:30Z\n'), errors: [] },
    { name: 'not an object at all', kind: 'Pod', obj: 'hello', errors: [': Invalid value: "hello": must be of type object'] },
  ];
  it.each(cases)('$name', ({ kind, obj, errors }) => {
    const result = checkTypes(kind, obj);
    expect(result.errors.map((e) => `${e.field}: Invalid value: ${JSON.stringify(e.value)}: ${e.message}`)).toEqual(errors);
  });

  it('reports a typeInvalid error the API server way', () => {
    const [error] = checkTypes('Service', servicePort({ port: 'abc' })).errors;
    expect(error).toMatchObject({ field: 'spec.ports[0].port', value: 'abc', message: 'must be of type integer' });
    expect(renderFieldError(error!)).toBe('spec.ports[0].port: Invalid value: "abc": must be of type integer');
  });
});

describe('checkTypes: unknown fields warn as strict field validation does', () => {
  const cases: { name: string; kind: string; obj: unknown; warnings: string[] }[] = [
    { name: 'unknown spec field', kind: 'Service', obj: service({ foo: 1 }), warnings: ['unknown field "spec.foo"'] },
    { name: 'unknown field in a list item', kind: 'Service', obj: servicePort({ prot: 'TCP' }),
      warnings: ['unknown field "spec.ports[0].prot"'] },
    { name: 'unknown top-level field', kind: 'Node', obj: { kind: 'Node', metadata: { name: 'n' }, extra: {} },
      warnings: ['unknown field "extra"'] },
    { name: 'unmodelled pod spec fields are known', kind: 'Pod',
      obj: pod({ volumes: [{ name: 'v', emptyDir: {} }], tolerations: [], affinity: {} }), warnings: [] },
    { name: 'unknown pod spec field warns, never refuses', kind: 'Pod', obj: pod({ hostnetwork: true }),
      warnings: ['unknown field "spec.hostnetwork"'] },
    { name: 'unknown container field', kind: 'Deployment',
      obj: { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'c', imagePullPolicyy: 'Always' }] } } } },
      warnings: ['unknown field "spec.template.spec.containers[0].imagePullPolicyy"'] },
    { name: 'unknown KubeProxyConfiguration field', kind: 'KubeProxyConfiguration',
      obj: { kind: 'KubeProxyConfiguration', mode: 'ipvs', ipvs: { schedular: 'rr' } }, warnings: ['unknown field "ipvs.schedular"'] },
    { name: 'unknown Cluster field', kind: 'Cluster', obj: { kind: 'Cluster', spec: { serviceCIDR: '10.96.0.0/12' } },
      warnings: ['unknown field "spec.serviceCIDR"'] },
    { name: 'unmodelled kinds pass unchecked', kind: 'ConfigMap', obj: { kind: 'ConfigMap', data: { a: 1 } }, warnings: [] },
  ];
  it.each(cases)('$name', ({ kind, obj, warnings }) => {
    const result = checkTypes(kind, obj);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(warnings);
  });
});

describe('checkTypes: kubectl output loads as it is', () => {
  it('kubectl get svc,pods,nodes,endpointslices -A -o yaml', () => {
    const list = load(kubectlGetAll) as { items: { kind: string }[] };
    expect(list.items.map((i) => i.kind)).toEqual(['Service', 'Service', 'Service', 'Pod', 'Node', 'EndpointSlice']);
    expect(checkTypes('List', list)).toEqual({ errors: [], warnings: [] });
    for (const item of list.items) expect(checkTypes(item.kind, item)).toEqual({ errors: [], warnings: [] });
  });

  it('kubectl get deployment -o yaml (template creationTimestamp: null)', () => {
    expect(checkTypes('Deployment', load(kubectlGetDeploy))).toEqual({ errors: [], warnings: [] });
  });

  it('a bad item in a List is blamed by its index', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [service({}), servicePort({ port: 'x' })] };
    expect(checkTypes('List', list).errors.map((e) => e.field)).toEqual(['items[1].spec.ports[0].port']);
  });
});
