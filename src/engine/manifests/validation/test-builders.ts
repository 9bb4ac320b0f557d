// Builders for manifest tests: a plain Service as a user would write it, edited in place by
// the test, and the clusters it is created on.

import type { Service } from '../../model/k8s';
import { defaultService, type ServiceCluster } from '../defaults/service';
import { renderFieldError, type FieldError } from '../field-errors';
import { validateService } from './service';

export const ipv4Cluster: ServiceCluster = { serviceFamilies: ['IPv4'] };
export const ipv6Cluster: ServiceCluster = { serviceFamilies: ['IPv6'] };
export const dualStackCluster: ServiceCluster = { serviceFamilies: ['IPv4', 'IPv6'] };
export const dualStackV6FirstCluster: ServiceCluster = { serviceFamilies: ['IPv6', 'IPv4'] };

/** `ns/name` with selector app=name and one port 80, then whatever `edit` changes. */
export function makeService(ns: string, name: string, edit?: (s: Service) => void): Service {
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: ns, name },
    spec: { selector: { app: name }, ports: [{ port: 80 }] },
  };
  edit?.(svc);
  return svc;
}

/** The errors the API server answers when this Service is created on `cluster`. */
export function createErrors(svc: Service, cluster: ServiceCluster = ipv4Cluster): FieldError[] {
  return validateService(defaultService(svc, cluster), cluster);
}

/** The same, as the API server's one-line texts, for tables that assert the whole message. */
export function createMessages(svc: Service, cluster: ServiceCluster = ipv4Cluster): string[] {
  return createErrors(svc, cluster).map(renderFieldError);
}

/** An expected error, written in the API server's order: path, type, message, then the value it echoes. */
export function fieldError(field: string, type: FieldError['type'], message = '', ...value: unknown[]): FieldError {
  return value.length > 0 ? { field, type, message, value: value[0] } : { field, type, message };
}
