import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, LabelSelector, StatefulSet } from '../../model/k8s';
import { invalid, required, type FieldError } from '../field-errors';
import { validateDaemonSet, validateDeployment, validateStatefulSet } from './workloads';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './names';
import { makeDaemonSet, makeDeployment, makeStatefulSet } from './test-builders-slices';

const ns = 'default';
const web = { app: 'web' };
const mismatch = (labels: Record<string, string> | null = web): FieldError =>
  invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`');
const expectedInvalid = (field: string, value: unknown, msgs: string[]): FieldError[] => msgs.map((m) => invalid(field, value, m));
const badIn: LabelSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] };
const badInError = required('spec.selector.matchExpressions[0].values', "must be specified when `operator` is 'In' or 'NotIn'");
const deployment = (mutate: (d: Deployment) => void) => makeDeployment(ns, 'web', mutate);
const statefulSet = (mutate: (s: StatefulSet) => void) => makeStatefulSet(ns, 'web', mutate);
const daemonSet = (mutate: (d: DaemonSet) => void) => makeDaemonSet(ns, 'web', mutate);

describe('validateDeployment', () => {
  it.each<[string, Deployment]>([
    ['accepts a three-replica Deployment', deployment(() => {})],
    ['accepts a dotted name', makeDeployment(ns, 'web.v2')],
    ['accepts zero replicas', deployment((d) => { d.spec.replicas = 0; })],
    ['accepts a selector of expressions that selects the template', deployment((d) => {
      d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }, { key: 'canary', operator: 'DoesNotExist' }] };
    })],
  ])('%s', (_, input) => {
    expect(validateDeployment(input)).toEqual([]);
  });

  it.each<[string, Deployment, FieldError[]]>([
    ['refuses a name that is not a DNS subdomain', makeDeployment(ns, 'Web'), expectedInvalid('metadata.name', 'Web', isDNS1123Subdomain('Web'))],
    ['refuses negative replicas', deployment((d) => { d.spec.replicas = -1; }),
      [invalid('spec.replicas', -1, 'must be greater than or equal to 0')]],
    ['refuses a missing selector (which then selects nothing)', deployment((d) => { delete (d.spec as Partial<Deployment['spec']>).selector; }),
      [required('spec.selector'), mismatch()]],
    ['refuses an empty selector', deployment((d) => { d.spec.selector = {}; }),
      [invalid('spec.selector', {}, 'empty selector is invalid for deployment')]],
    ['refuses a selector that does not parse, and skips the template', deployment((d) => { d.spec.selector = badIn; d.spec.template.spec.containers = []; }),
      [badInError, invalid('spec.selector', badIn, 'invalid label selector')]],
    ['refuses a selector that does not select the template', deployment((d) => { d.spec.selector = { matchLabels: { app: 'api' } }; }),
      [mismatch()]],
    ['refuses a template without labels', deployment((d) => { delete d.spec.template.metadata; }), [mismatch(null)]],
    ['refuses a bad template label (reported at template.labels, verbatim)', deployment((d) => { d.spec.template.metadata!.labels!.tier = 'front end'; }),
      expectedInvalid('spec.template.labels', 'front end', isValidLabelValue('front end'))],
    ['refuses a template container name that is not a DNS label', deployment((d) => { d.spec.template.spec.containers[0]!.name = 'Nginx'; }),
      expectedInvalid('spec.template.spec.containers[0].name', 'Nginx', isDNS1123Label('Nginx'))],
    ['refuses a template with no containers', deployment((d) => { d.spec.template.spec.containers = []; }),
      [required('spec.template.spec.containers')]],
  ])('%s', (_, input, errors) => {
    expect(validateDeployment(input)).toEqual(errors);
  });
});

describe('validateStatefulSet', () => {
  it.each<[string, StatefulSet]>([
    ['accepts a three-replica StatefulSet', statefulSet(() => {})],
    ['accepts a template pod spec the API server leaves unchecked', statefulSet((s) => { s.spec.template.spec.containers = []; })],
  ])('%s', (_, input) => {
    expect(validateStatefulSet(input)).toEqual([]);
  });

  it.each<[string, StatefulSet, FieldError[]]>([
    ['refuses a dotted name (pod names must be DNS labels)', makeStatefulSet(ns, 'web.v2'),
      expectedInvalid('metadata.name', 'web.v2', isDNS1123Label('web.v2'))],
    ['refuses negative replicas', statefulSet((s) => { s.spec.replicas = -2; }),
      [invalid('spec.replicas', -2, 'must be greater than or equal to 0')]],
    ['refuses a missing selector', statefulSet((s) => { delete (s.spec as Partial<StatefulSet['spec']>).selector; }),
      [required('spec.selector'), mismatch()]],
    ['refuses an empty selector', statefulSet((s) => { s.spec.selector = { matchLabels: {} }; }),
      [invalid('spec.selector', { matchLabels: {} }, 'empty selector is invalid for statefulset')]],
    ['refuses a selector that does not parse (with an empty message)', statefulSet((s) => { s.spec.selector = badIn; }),
      [badInError, invalid('spec.selector', badIn, '')]],
    ['refuses a selector that does not select the template', statefulSet((s) => { s.spec.template.metadata!.labels = { app: 'db' }; }),
      [mismatch({ app: 'db' })]],
    ['refuses a bad template label', statefulSet((s) => { s.spec.template.metadata!.labels!.tier = 'front end'; }),
      expectedInvalid('spec.template.labels', 'front end', isValidLabelValue('front end'))],
  ])('%s', (_, input, errors) => {
    expect(validateStatefulSet(input)).toEqual(errors);
  });
});

describe('validateDaemonSet', () => {
  it.each<[string, DaemonSet]>([
    ['accepts a DaemonSet', daemonSet(() => {})],
    ['accepts a host-network template whose hostPorts are not yet defaulted', daemonSet((d) => { d.spec.template.spec.hostNetwork = true; })],
  ])('%s', (_, input) => {
    expect(validateDaemonSet(input)).toEqual([]);
  });

  it.each<[string, DaemonSet, FieldError[]]>([
    ['refuses a name that is not a DNS subdomain', makeDaemonSet(ns, 'Web'), expectedInvalid('metadata.name', 'Web', isDNS1123Subdomain('Web'))],
    ['refuses a missing selector only as a mismatch', daemonSet((d) => { delete (d.spec as Partial<DaemonSet['spec']>).selector; }),
      [mismatch()]],
    ['refuses an empty selector', daemonSet((d) => { d.spec.selector = {}; }),
      [invalid('spec.selector', {}, 'empty selector is invalid for daemonset')]],
    ['refuses a selector that does not parse, still checking the template', daemonSet((d) => {
      d.spec.selector = badIn;
      d.spec.template.spec.containers = [];
    }), [badInError, required('spec.template.spec.containers')]],
    ['refuses a selector that does not select the template', daemonSet((d) => { d.spec.selector = { matchLabels: { app: 'agent' } }; }),
      [mismatch()]],
    ['refuses a host-network template hostPort that is not its containerPort', daemonSet((d) => {
      d.spec.template.spec.hostNetwork = true;
      d.spec.template.spec.containers[0]!.ports![0]!.hostPort = 80;
    }), [invalid('spec.template.spec.containers[0].ports[0].hostPort', 80, 'must match `containerPort` when `hostNetwork` is true')]],
  ])('%s', (_, input, errors) => {
    expect(validateDaemonSet(input)).toEqual(errors);
  });
});

describe('workload validators never throw', () => {
  const odd = { metadata: { name: 'w', namespace: ns }, spec: { selector: { matchExpressions: [null] }, template: null } };
  it.each([
    ['Deployment', validateDeployment], ['StatefulSet', validateStatefulSet], ['DaemonSet', validateDaemonSet],
  ] as const)('%s', (_, validate) => {
    expect(() => validate(odd as never)).not.toThrow();
    expect(() => validate({} as never)).not.toThrow();
  });
});
