// The kinds kubehops models, by group/version and kind, with the API server's three steps
// for each: decode (type check), default, validate. Anything else is reported and skipped,
// as kubectl would skip what a cluster does not serve here.

import type { FieldError } from './field-errors';
import type { IPFamilyName } from '../model/k8s';
import { defaultService } from './defaults/service';
import { defaultEndpointSlice, defaultEndpoints, defaultNamespace, defaultPod, defaultWorkload } from './defaults/endpointslice';
import { validateService } from './validation/service';
import { validateEndpointSlice } from './validation/endpointslice';
import { validateEndpoints } from './validation/endpoints';
import { validateDaemonSet, validateDeployment, validateStatefulSet } from './validation/workloads';
import { validatePod } from './validation/pod';
import { validateNamespace, validateNode } from './validation/node';

export interface KindContext {
  readonly serviceFamilies: IPFamilyName[];
}

export interface KindHandler {
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** Where the controllers find objects of this kind. */
  readonly bucket: 'namespaces' | 'nodes' | 'pods' | 'deployments' | 'statefulSets' | 'daemonSets'
    | 'services' | 'endpointSlices' | 'endpoints';
  readonly defaults: (obj: never, ctx: KindContext) => unknown;
  readonly validate: (obj: never, ctx: KindContext) => FieldError[];
}

const handler = <T>(h: {
  apiVersion: string; namespaced: boolean; bucket: KindHandler['bucket'];
  defaults: (obj: T, ctx: KindContext) => T; validate: (obj: T, ctx: KindContext) => FieldError[];
}): KindHandler => h as unknown as KindHandler;

/** Kinds with a Kubernetes object model, keyed by kind. */
export const KINDS: Readonly<Record<string, KindHandler>> = {
  Namespace: handler({ apiVersion: 'v1', namespaced: false, bucket: 'namespaces', defaults: defaultNamespace, validate: validateNamespace }),
  Node: handler({ apiVersion: 'v1', namespaced: false, bucket: 'nodes', defaults: (o) => o, validate: validateNode }),
  Pod: handler({ apiVersion: 'v1', namespaced: true, bucket: 'pods', defaults: defaultPod, validate: validatePod }),
  Service: handler({ apiVersion: 'v1', namespaced: true, bucket: 'services', defaults: defaultService, validate: validateService }),
  Endpoints: handler({ apiVersion: 'v1', namespaced: true, bucket: 'endpoints', defaults: defaultEndpoints, validate: validateEndpoints }),
  EndpointSlice: handler({
    apiVersion: 'discovery.k8s.io/v1', namespaced: true, bucket: 'endpointSlices',
    defaults: defaultEndpointSlice, validate: validateEndpointSlice,
  }),
  Deployment: handler({ apiVersion: 'apps/v1', namespaced: true, bucket: 'deployments', defaults: defaultWorkload, validate: validateDeployment }),
  StatefulSet: handler({ apiVersion: 'apps/v1', namespaced: true, bucket: 'statefulSets', defaults: defaultWorkload, validate: validateStatefulSet }),
  DaemonSet: handler({ apiVersion: 'apps/v1', namespaced: true, bucket: 'daemonSets', defaults: defaultWorkload, validate: validateDaemonSet }),
};

/** Settings kinds: read once per scenario, before the objects that depend on them. */
export const CLUSTER_KIND = { apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster' } as const;
export const PROXY_KIND = { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration' } as const;
