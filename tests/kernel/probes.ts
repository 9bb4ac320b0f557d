// The probes the lane runs on a scenario beyond the ones it lists: the paths that matter
// most, derived from the cluster. Every node and every pod to every Service port (pod to
// ClusterIP on its node and across nodes, a backend to its own Service = hairpin, node to
// ClusterIP), every client to every node's NodePorts (externalTrafficPolicy Cluster or Local,
// nodes with and without a local endpoint), a pod to a NodePort, a node to its localhost
// NodePort (route_localnet), nodes and pods to LoadBalancer IPs (source ranges), clients
// through the cloud load balancer (lb-standin.ts stands in for it; pod-IP targets have no
// stand-in: those probes are left out and reported).

import type { ClusterModel, TraceRequest } from '../../src/engine';
import { loadBalancersOf } from '../../src/engine/cloud';

export interface ProbeSet {
  readonly probes: TraceRequest[];
  readonly skipped: string[];
}

const key = (p: TraceRequest): string => `${p.from} ${p.to} ${p.proto ?? ''}`;

/** The ingress IPs of load balancers the lane has no stand-in for (pod-IP targets). */
export function lbIPs(cluster: ClusterModel): Set<string> {
  return new Set(loadBalancersOf(cluster).filter((lb) => lb.style === 'pod-ip').flatMap((lb) => lb.ingress));
}

/** Drops duplicates and client-to-LoadBalancer probes the lane has no stand-in for. */
export function usable(cluster: ClusterModel, probes: readonly TraceRequest[]): ProbeSet {
  const lb = lbIPs(cluster);
  const seen = new Set<string>();
  const out: ProbeSet = { probes: [], skipped: [] };
  for (const p of probes) {
    if (seen.has(key(p))) continue;
    seen.add(key(p));
    const ip = p.to.replace(/:\d+$/, '');
    if (p.from.startsWith('client/') && lb.has(ip)) out.skipped.push(`${p.from} -> ${p.to}: through a load balancer with pod-IP targets, which the lane has no stand-in for`);
    else out.probes.push(p);
  }
  return out;
}

const nodeIP = (n: ClusterModel['nodes'][number]): string | undefined =>
  n.status?.addresses?.find((a) => a.type === 'InternalIP' && !a.address.includes(':'))?.address;

/** The derived probes of a cluster (see the header), in a stable order. */
export function derivedProbes(cluster: ClusterModel): TraceRequest[] {
  const probes: TraceRequest[] = [];
  const nodes = cluster.nodes.map((n) => n.metadata.name!);
  const pods = cluster.pods.filter((p) => p.status?.podIP && !p.spec?.hostNetwork).map((p) => `pod/${p.metadata.namespace ?? 'default'}/${p.metadata.name}`);
  const clients = cluster.spec.clients.map((c) => `client/${c.name}`);
  for (const svc of cluster.services) {
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
    for (const port of spec.ports ?? []) {
      const proto = port.protocol ?? 'TCP';
      if (proto === 'SCTP') continue;
      const to = `svc/${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}:${port.port}`;
      for (const from of [...nodes.map((n) => `node/${n}`), ...pods]) probes.push({ from, to, proto });
      if (port.nodePort) {
        for (const n of cluster.nodes) {
          const ip = nodeIP(n);
          if (!ip) continue;
          for (const from of clients) probes.push({ from, to: `${ip}:${port.nodePort}`, proto });
          if (pods[0]) probes.push({ from: pods[0], to: `${ip}:${port.nodePort}`, proto });
          probes.push({ from: `node/${n.metadata.name}`, to: `127.0.0.1:${port.nodePort}`, proto });
        }
      }
      for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
        if (!ing.ip) continue;
        for (const from of [`node/${nodes[0]}`, ...pods.slice(0, 1), ...clients]) probes.push({ from, to: `${ing.ip}:${port.port}`, proto });
      }
    }
  }
  return probes;
}
