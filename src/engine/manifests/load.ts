// Loading a scenario, as `kubectl apply` against a fresh API server would: every document is
// decoded, defaulted and validated on its own (one bad document never loses the others), then
// the controllers fill in what a running cluster would (pod IPs, ClusterIPs, NodePorts,
// EndpointSlices). The result is deterministic for a given input and seed.

import type { ClusterModel, ClusterSpec, ProxyConfig } from '../model/cluster';
import type { IPFamilyName, KubeProxyConfiguration, ObjectMeta } from '../model/k8s';
import { parseCIDR } from '../net/ip';
import { runControllers, type ControllerInput, type Sourced } from '../control';
import { forbidden, invalid, required, duplicate, type FieldError } from './field-errors';
import { parseSources, type SourceDocument, type SourceText } from './parse';
import { checkTypes } from './schema';
import { readClusterSpec, readProxyConfig } from './cluster-config';
import { CLUSTER_KIND, KINDS, PROXY_KIND, type KindContext } from './kinds';

/** The API server's verdict on one source document */
export interface DocumentReport {
  readonly index: number;
  readonly source: string;
  readonly line: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly valid: boolean;
  readonly errors: FieldError[];
  readonly warnings: string[];
}

export interface LoadResult {
  readonly cluster: ClusterModel;
  readonly documents: DocumentReport[];
}

export interface LoadOptions {
  readonly seed?: number;
}

interface Decoded {
  report: DocumentReport;
  object?: Record<string, unknown>;
}

/** Loads a scenario: every document's verdict, and the cluster the valid ones make. */
export function loadScenario(sources: readonly SourceText[], options: LoadOptions = {}): LoadResult {
  const decoded = parseSources(sources).map(decode);
  const { spec, name } = readClusterDocument(decoded);
  const proxy = readProxyDocument(decoded, spec);
  const ctx: KindContext = { serviceFamilies: serviceFamilies(spec) };
  const input = { ...emptyInput(spec, proxy, options.seed ?? 1), ...(name && { name }) };
  const seen = new Set<string>();
  for (const d of decoded) {
    admit(d, ctx, input, seen);
    delete d.object; // admitted as a typed, defaulted copy: the parsed tree can go (big manifests)
  }
  const { cluster, errors } = runControllers(input);
  for (const { doc, error } of errors) reject(decoded[doc]!, [error]);
  return { cluster, documents: decoded.map((d) => d.report) };
}

/** Decodes a document: is it an object, of which kind, with the right field types. */
function decode(doc: SourceDocument): Decoded {
  const base = { index: doc.index, source: doc.source, line: doc.line, warnings: [] as string[] };
  if (doc.errors.length > 0) return { report: { ...base, valid: false, errors: doc.errors } };
  const obj = doc.object;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    const what = Array.isArray(obj) ? 'a list' : `a ${obj === null ? 'null' : typeof obj} value`;
    return { report: { ...base, valid: false, errors: [invalid('', obj, `document is ${what}, not a Kubernetes object`)] } };
  }
  const o = obj as Record<string, unknown>;
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as ObjectMeta;
  const ident = {
    ...base,
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : undefined,
    kind: typeof o.kind === 'string' ? o.kind : undefined,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    name: typeof meta.name === 'string' ? meta.name : undefined,
  };
  const identity = identityErrors(ident.apiVersion, ident.kind);
  if (identity.errors.length > 0) return { report: { ...ident, valid: false, errors: identity.errors } };
  if (!identity.modeled) {
    return { report: { ...ident, valid: true, errors: [], warnings: [`kind ${ident.kind} (${ident.apiVersion}) is not modelled by kubehops; ignored`] } };
  }
  const types = checkTypes(ident.kind!, o);
  const namespace = ident.namespace ?? (KINDS[ident.kind!]?.namespaced ? 'default' : undefined);
  const report = { ...ident, namespace, valid: types.errors.length === 0, errors: types.errors, warnings: types.warnings };
  return types.errors.length === 0 ? { report, object: o } : { report };
}

function identityErrors(apiVersion: string | undefined, kind: string | undefined): { errors: FieldError[]; modeled: boolean } {
  const errors: FieldError[] = [];
  if (!apiVersion) errors.push(required('apiVersion', "Object 'apiVersion' is missing"));
  if (!kind) errors.push(required('kind', "Object 'Kind' is missing"));
  if (errors.length > 0 || !kind) return { errors, modeled: false };
  const expected = KINDS[kind]?.apiVersion
    ?? (kind === CLUSTER_KIND.kind ? CLUSTER_KIND.apiVersion : kind === PROXY_KIND.kind ? PROXY_KIND.apiVersion : undefined);
  if (expected === undefined) return { errors, modeled: false };
  if (apiVersion !== expected) {
    errors.push(invalid('apiVersion', apiVersion, `no matches for kind "${kind}" in version "${apiVersion}" (kubehops models ${expected})`));
  }
  return { errors, modeled: true };
}

/** The one settings document of a kind; a second one is refused. */
function settingDocument(decoded: Decoded[], kind: string): Decoded | undefined {
  const docs = decoded.filter((d) => d.object && d.report.kind === kind);
  for (const extra of docs.slice(1)) {
    reject(extra, [forbidden('', `a scenario may hold one ${kind}; the first, document ${docs[0]!.report.index}, is in use`)]);
  }
  return docs[0];
}

/** The Cluster document's spec, and its name, which names the loaded cluster. */
function readClusterDocument(decoded: Decoded[]): { spec: ClusterSpec; name?: string } {
  const doc = settingDocument(decoded, CLUSTER_KIND.kind);
  const { spec, errors } = readClusterSpec(doc?.object);
  if (doc && errors.length > 0) reject(doc, errors);
  return { spec, ...(doc?.report.name && { name: doc.report.name }) };
}

function readProxyDocument(decoded: Decoded[], spec: ClusterSpec): ProxyConfig {
  const doc = settingDocument(decoded, PROXY_KIND.kind);
  const { config, errors } = readProxyConfig(doc?.object as KubeProxyConfiguration | undefined, spec);
  if (doc && errors.length > 0) reject(doc, errors);
  return config;
}

function serviceFamilies(spec: ClusterSpec): IPFamilyName[] {
  return spec.serviceCIDRs.map((c) => (parseCIDR(c)?.family === 6 ? 'IPv6' : 'IPv4'));
}

function emptyInput(spec: ClusterSpec, proxy: ProxyConfig, seed: number): ControllerInput {
  return {
    spec, proxy, seed, namespaces: [], nodes: [], pods: [], deployments: [], statefulSets: [],
    daemonSets: [], services: [], endpointSlices: [], endpoints: [],
  };
}

/** Defaults and validates an object of a modelled kind, and hands it to the controllers. */
function admit(d: Decoded, ctx: KindContext, input: ControllerInput, seen: Set<string>): void {
  const kind = d.report.kind!;
  const handler = KINDS[kind];
  if (!d.object || !handler) return;
  const withNamespace = handler.namespaced ? setNamespace(d.object, d.report.namespace!) : d.object;
  const object = handler.defaults(withNamespace as never, ctx);
  const errors = handler.validate(object as never, ctx);
  const key = `${kind}/${d.report.namespace ?? ''}/${d.report.name ?? ''}`;
  if (errors.length === 0 && seen.has(key)) {
    errors.push(duplicate('metadata.name', d.report.name));
  }
  if (errors.length > 0) return reject(d, errors);
  seen.add(key);
  (input[handler.bucket] as Sourced<unknown>[]).push({ doc: d.report.index, object });
}

/** The API server sets a missing namespace from the request's (here: `default`). */
function setNamespace(obj: Record<string, unknown>, namespace: string): Record<string, unknown> {
  const metadata = { ...(obj.metadata as ObjectMeta | undefined), namespace };
  return { ...obj, metadata };
}

function reject(d: Decoded, errors: FieldError[]): void {
  d.report = { ...d.report, valid: false, errors: [...d.report.errors, ...errors] };
  delete d.object;
}
