// NodePort and healthCheckNodePort allocation as the Service registry does it (kubernetes/
// kubernetes pkg/registry/core/service/storage/alloc.go: initNodePorts, findRequestedNodePort,
// allocHealthCheckNodePort; pkg/registry/core/service/portallocator: the error texts).
// - Ports of one Service that share a port number (53/TCP and 53/UDP) share one nodePort,
//   asked for or allocated, exactly as initNodePorts keys them by port number.
// - A LoadBalancer with allocateLoadBalancerNodePorts: false gets no new nodePorts but keeps
//   the ones it asks for. A LoadBalancer with externalTrafficPolicy Local gets a
//   healthCheckNodePort (apiservice.NeedsHealthCheck).
// - Requested ports are reserved by the caller first, in document order; the rest are handed
//   out upwards from the bottom of --service-node-port-range (the real allocator picks at
//   random, upper band first).
// - A requested healthCheckNodePort that cannot be had is an internal error in the API server
//   ("failed to allocate requested HealthCheck NodePort ..."); kubehops reports it on
//   spec.healthCheckNodePort.

import type { Service, ServicePort } from '../model/k8s';
import type { FieldError } from '../manifests/field-errors';
import { invalid } from '../manifests/field-errors';

export interface PortPool {
  min: number;
  max: number;
  used: Set<number>;
}

export const createPortPool = (range: { min: number; max: number }): PortPool => ({ min: range.min, max: range.max, used: new Set() });

/** Reserves a requested port; returns the allocator's error text when it cannot. */
export function reservePort(pool: PortPool, port: number): string | undefined {
  if (port < pool.min || port > pool.max) {
    return `provided port is not in the valid range. The range of valid ports is ${pool.min}-${pool.max}`;
  }
  if (pool.used.has(port)) return 'provided port is already allocated';
  pool.used.add(port);
  return undefined;
}

export function nextPort(pool: PortPool): number | undefined {
  for (let p = pool.min; p <= pool.max; p++) {
    if (!pool.used.has(p)) {
      pool.used.add(p);
      return p;
    }
  }
  return undefined;
}

export const usesNodePorts = (svc: Service): boolean => svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
const shouldAllocateNodePorts = (svc: Service): boolean =>
  svc.spec.type === 'NodePort' || (svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);
export const needsHealthCheck = (svc: Service): boolean =>
  svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';

const findRequestedNodePort = (port: number, ports: readonly ServicePort[]): number =>
  ports.find((p) => p.port === port && p.nodePort)?.nodePort ?? 0;

interface Reservation {
  service: Service;
  reserved: number[];
  errors: FieldError[];
}

/** Reserves every nodePort and healthCheckNodePort the Service asks for (initNodePorts' explicit branch). */
export function reserveNodePorts(svc: Service, pool: PortPool): Reservation {
  const reserved: number[] = [];
  const fail = (error: FieldError): Reservation => {
    reserved.forEach((p) => pool.used.delete(p));
    return { service: svc, reserved: [], errors: [error] };
  };
  const take = (port: number): string | undefined => {
    const err = reservePort(pool, port);
    if (err === undefined) reserved.push(port);
    return err;
  };
  const ports = (svc.spec.ports ?? []).map((p) => ({ ...p }));
  if (usesNodePorts(svc)) {
    const byNumber = new Map<number, number>();
    for (const [i, sp] of ports.entries()) {
      if (!sp.nodePort && !shouldAllocateNodePorts(svc)) continue;
      const allocated = byNumber.get(sp.port);
      if (allocated === undefined) {
        const np = findRequestedNodePort(sp.port, ports);
        if (np === 0) continue;
        const err = take(np);
        if (err !== undefined) return fail(invalid(`spec.ports[${i}].nodePort`, np, err));
        sp.nodePort = np;
        byNumber.set(sp.port, np);
      } else if (sp.nodePort !== allocated) {
        if (!sp.nodePort) { sp.nodePort = allocated; continue; }
        const err = take(sp.nodePort);
        if (err !== undefined) return fail(invalid(`spec.ports[${i}].nodePort`, sp.nodePort, err));
      }
    }
  }
  const hc = svc.spec.healthCheckNodePort;
  if (needsHealthCheck(svc) && hc) {
    const err = take(hc);
    if (err !== undefined) {
      return fail(invalid('spec.healthCheckNodePort', hc, `failed to allocate requested HealthCheck NodePort ${hc}: ${err}`));
    }
  }
  const service = svc.spec.ports ? { ...svc, spec: { ...svc.spec, ports } } : svc;
  return { service, reserved, errors: [] };
}

/** Allocates the nodePorts and the healthCheckNodePort the Service still lacks. */
export function allocateNodePorts(svc: Service, pool: PortPool): Reservation {
  const reserved: number[] = [];
  const fail = (error: FieldError): Reservation => {
    reserved.forEach((p) => pool.used.delete(p));
    return { service: svc, reserved: [], errors: [error] };
  };
  const ports = (svc.spec.ports ?? []).map((p) => ({ ...p }));
  if (shouldAllocateNodePorts(svc)) {
    const byNumber = new Map<number, number>();
    for (const [i, sp] of ports.entries()) {
      if (sp.nodePort) { byNumber.set(sp.port, sp.nodePort); continue; }
      const np = byNumber.get(sp.port) ?? nextPort(pool);
      if (np === undefined) return fail(invalid(`spec.ports[${i}].nodePort`, 0, 'failed to allocate a nodePort: range is full'));
      if (!byNumber.has(sp.port)) reserved.push(np);
      sp.nodePort = np;
      byNumber.set(sp.port, np);
    }
  }
  let healthCheckNodePort = svc.spec.healthCheckNodePort;
  if (needsHealthCheck(svc) && !healthCheckNodePort) {
    healthCheckNodePort = nextPort(pool);
    if (healthCheckNodePort === undefined) {
      return fail(invalid('spec.healthCheckNodePort', 0, 'failed to allocate a HealthCheck NodePort 0: range is full'));
    }
    reserved.push(healthCheckNodePort);
  }
  const spec = { ...svc.spec, ...(svc.spec.ports ? { ports } : {}), ...(healthCheckNodePort ? { healthCheckNodePort } : {}) };
  return { service: { ...svc, spec }, reserved, errors: [] };
}
