// The Service registry's create path (kubernetes/kubernetes pkg/registry/core/service/storage/
// alloc.go allocateCreate): IP families, ClusterIPs, then nodePorts, as one transaction: a
// Service that cannot have everything it needs is refused whole and keeps nothing.
// kubehops creates all Services at once, so it runs the transaction in two passes:
//   1. in document order, reserve what each Service asks for (the first document wins);
//   2. in namespace/name order, allocate what each still lacks.
// This way an address or port one Service asks for is never taken by another's allocation.

import type { ClusterSpec } from '../model/cluster';
import type { Service } from '../model/k8s';
import type { ControlError, Sourced } from './types';
import { sortSourced } from './names';
import type { IPPools } from './service-ipam';
import { allocateClusterIPs, createIPPools, initIPFamilyFields, releaseIP, reserveClusterIPs } from './service-ipam';
import type { PortPool } from './node-ports';
import { allocateNodePorts, createPortPool, reserveNodePorts } from './node-ports';

interface Held {
  entry: Sourced<Service>;
  ips: string[];
  ports: number[];
}

function release(held: Held, pools: IPPools, portPool: PortPool): void {
  held.ips.forEach((ip) => releaseIP(pools, ip));
  held.ports.forEach((p) => portPool.used.delete(p));
}

/** Pass 1: what each Service asks for, in document order. */
function reserveRequested(services: readonly Sourced<Service>[], pools: IPPools, portPool: PortPool, errors: ControlError[]): Held[] {
  const held: Held[] = [];
  const byDoc = services.map((s, i) => ({ s, i })).sort((a, b) => a.s.doc - b.s.doc || a.i - b.i);
  for (const { s } of byDoc) {
    const init = initIPFamilyFields(s.object, pools);
    if (init.errors.length > 0) {
      init.errors.forEach((error) => errors.push({ doc: s.doc, error }));
      continue;
    }
    const ips = reserveClusterIPs(init.service, pools);
    if (ips.errors.length > 0) {
      ips.errors.forEach((error) => errors.push({ doc: s.doc, error }));
      continue;
    }
    const ports = reserveNodePorts(init.service, portPool);
    if (ports.errors.length > 0) {
      ips.reserved.forEach((ip) => releaseIP(pools, ip));
      ports.errors.forEach((error) => errors.push({ doc: s.doc, error }));
      continue;
    }
    held.push({ entry: { doc: s.doc, object: ports.service }, ips: ips.reserved, ports: ports.reserved });
  }
  return held;
}

/** Admits every Service the registry would: ClusterIPs and nodePorts filled; refused ones left out. */
export function admitServices(services: readonly Sourced<Service>[], spec: ClusterSpec): { services: Sourced<Service>[]; errors: ControlError[] } {
  const errors: ControlError[] = [];
  const pools = createIPPools(spec.serviceCIDRs);
  const portPool = createPortPool(spec.serviceNodePortRange);
  const held = reserveRequested(services, pools, portPool, errors);
  const heldBy = new Map(held.map((h) => [h.entry, h]));
  const admitted: Sourced<Service>[] = [];
  for (const entry of sortSourced(held.map((h) => h.entry))) {
    const h = heldBy.get(entry)!;
    const ips = allocateClusterIPs(entry.object, pools);
    if (ips.errors.length > 0) {
      release(h, pools, portPool);
      ips.errors.forEach((error) => errors.push({ doc: entry.doc, error }));
      continue;
    }
    const ports = allocateNodePorts(ips.service, portPool);
    if (ports.errors.length > 0) {
      release(h, pools, portPool);
      ips.allocated.forEach((ip) => releaseIP(pools, ip));
      ports.errors.forEach((error) => errors.push({ doc: entry.doc, error }));
      continue;
    }
    admitted.push({ doc: entry.doc, object: ports.service });
  }
  return { services: admitted, errors };
}
