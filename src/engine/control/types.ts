// The controllers' input and output types: every object tagged with the index of the
// scenario document it came from, so a refusal points at the right source document

import type { FieldError } from '../manifests/field-errors';
import type { ClusterModel, ClusterSpec, ProxyConfig } from '../model/cluster';
import type {
  DaemonSet, Deployment, EndpointSlice, Endpoints, Namespace, Node, Pod, Service, StatefulSet,
} from '../model/k8s';

/** An object and the index of the document it came from (objects a controller made carry their owner's). */
export interface Sourced<T> {
  doc: number;
  object: T;
}

/** A refusal, attached to the document that caused it. */
export interface ControlError {
  doc: number;
  error: FieldError;
}

export interface ControllerInput {
  /** The Cluster document's metadata.name; `kubehops` when absent. */
  name?: string;
  spec: ClusterSpec;
  proxy: ProxyConfig;
  seed: number;
  namespaces: Sourced<Namespace>[];
  nodes: Sourced<Node>[];
  pods: Sourced<Pod>[];
  deployments: Sourced<Deployment>[];
  statefulSets: Sourced<StatefulSet>[];
  daemonSets: Sourced<DaemonSet>[];
  services: Sourced<Service>[];
  endpointSlices: Sourced<EndpointSlice>[];
  endpoints: Sourced<Endpoints>[];
}

export interface ControllerOutput {
  cluster: ClusterModel;
  errors: ControlError[];
}
