import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from '../../model/k8s';
import { path, renderFieldError } from '../field-errors';
import { validateLabels, validateObjectMeta, type ObjectMetaOptions } from './meta';
import { isDNS1035Label, isDNS1123Subdomain } from './names';

const service: ObjectMetaOptions = { namespaced: true, validateName: isDNS1035Label };
const node: ObjectMetaOptions = { namespaced: false, validateName: isDNS1123Subdomain };
const meta = (extra: ObjectMeta = {}): ObjectMeta => ({ name: 'web', namespace: 'shop', ...extra });

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const KEY_NAME = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('validateObjectMeta: what the API server says about metadata on create', () => {
  it.each<[string, ObjectMeta | undefined, ObjectMetaOptions, string[]]>([
    ['a named, namespaced Service is accepted', meta(), service, []],
    ['a name is required', meta({ name: undefined }), service,
      ['metadata.name: Required value: name or generateName is required']],
    ['missing metadata reports the name and the namespace', undefined, service,
      ['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value']],
    ['a generateName stands in for the name', meta({ name: undefined, generateName: 'web-' }), service, []],
    ['a generateName is checked as a prefix, trailing dash allowed', meta({ name: undefined, generateName: 'Web-' }), service,
      [`metadata.generateName: Invalid value: "Web-": ${DNS1035}`]],
    ['a Service name must be a DNS-1035 label', meta({ name: '1web' }), service,
      [`metadata.name: Invalid value: "1web": ${DNS1035}`]],
    ['a namespaced object needs a namespace', meta({ namespace: undefined }), service, ['metadata.namespace: Required value']],
    ['a namespace is a DNS-1123 label', meta({ namespace: 'Shop' }), service,
      [`metadata.namespace: Invalid value: "Shop": ${DNS1123_LABEL}`]],
    ['a cluster-scoped object accepts no namespace', meta(), node, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['a cluster-scoped object without namespace is accepted', { name: 'node-1.example' }, node, []],
    ['valid labels are accepted', meta({ labels: { 'app.kubernetes.io/name': 'web', tier: '' } }), service, []],
    ['a bad label key is reported on metadata.labels with the key as value', meta({ labels: { '-app': 'web' } }), service,
      [`metadata.labels: Invalid value: "-app": ${KEY_NAME}`]],
    ['a bad label value is reported with the value', meta({ labels: { app: 'web server' } }), service,
      [`metadata.labels: Invalid value: "web server": ${LABEL_VALUE}`]],
    ['annotation keys are compared case-insensitively', meta({ annotations: { 'Example.COM/Owner': 'x' } }), service, []],
    ['a bad annotation key is reported on metadata.annotations', meta({ annotations: { 'a/b/c': 'x' } }), service,
      ["metadata.annotations: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
    ['annotations up to 256 KiB are accepted', meta({ annotations: { k: 'x'.repeat(256 * 1024 - 1) } }), service, []],
    ['annotations over 256 KiB are too long, without echoing them', meta({ annotations: { k: 'x'.repeat(256 * 1024) } }), service,
      ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    ['a complete owner reference is accepted',
      meta({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true }] }), service, []],
    ['an owner reference needs a version, kind, name and uid', meta({ ownerReferences: [{ apiVersion: 'apps/' }] }), service, [
      'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]],
    ['only one owner may be the controller', meta({ ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ] }), service, [expect.stringMatching(
      /^metadata\.ownerReferences: Invalid value: .*: Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/a and ReplicaSet\/b$/) as string]],
    ['an Event may not own anything', meta({ ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: '1' }] }), service,
      [expect.stringMatching(/^metadata\.ownerReferences: Invalid value: .*: \/v1, Kind=Event is disallowed from being an owner$/) as string]],
  ])('%s', (_behaviour, m, opts, expected) => {
    expect(validateObjectMeta(m, opts).map(renderFieldError)).toEqual(expected);
  });

  it('reports errors as data with type and value, not only as text', () => {
    expect(validateObjectMeta(meta({ name: 'Web' }), service)).toEqual([
      { field: 'metadata.name', type: 'Invalid', value: 'Web', message: DNS1035 },
    ]);
  });
});

describe('validateLabels: label maps anywhere (metadata.labels, spec.selector)', () => {
  it('reports on the path it is given, in sorted key order', () => {
    expect(validateLabels({ 'z-': 'ok', 'a-': 'ok' }, path('spec', 'selector')).map((e) => [e.field, e.type, e.value])).toEqual([
      ['spec.selector', 'Invalid', 'a-'],
      ['spec.selector', 'Invalid', 'z-'],
    ]);
  });

  it('accepts no labels at all', () => {
    expect(validateLabels(undefined, path('metadata', 'labels'))).toEqual([]);
  });
});
