// The load balancers a cluster's cloud builds: one per LoadBalancer Service (the service
// controller calls the provider's EnsureLoadBalancer once per Service; each is a billed cloud
// resource, except under MetalLB), with its style (styles.ts), its targets and their health:
// - node targets: every node with an InternalIP of the IP's family, minus those labelled
//   node.kubernetes.io/exclude-from-external-load-balancers (the service controller's node
//   predicates); health from kube-proxy (health.ts);
// - pod targets (NLB IP mode): the Service's endpoints, healthy while ready.

import { isNodeReady } from '../control/nodes';
import type { ClusterModel } from '../model/cluster';
import type { EndpointSlice, Node, Service } from '../model/k8s';
import { canonicalIP, ipFamily, type IP, type IPFamily } from '../net/ip';
import { endpointReady, indexSlices, localReadyCounts, nodeHealth, podHealth, sliceKey } from './health';
import { electSpeaker, excludedFromLoadBalancers } from './metallb';
import { styleOf } from './styles';
import type { CloudLoadBalancer, LbListener, LbTarget } from './types';

const keyOf = (svc: Service): string => `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`;
export const lbHostName = (service: string): string => `lb/${service}`;

function ingressOf(svc: Service): IP[] {
  return (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip && canonicalIP(i.ip) ? [canonicalIP(i.ip)!] : []));
}

/** Why the Service has no ingress IP: the reason the cloud model left it <pending>. */
function pendingReason(cluster: ClusterModel, svc: Service): string {
  const name = keyOf(svc);
  if (cluster.spec.cloud.provider === 'none') {
    return `${name} stays <pending>: the Cluster's cloud provider is none, so no cloud controller creates a load balancer or assigns it an ingress IP`;
  }
  if (svc.spec.loadBalancerClass) {
    return `${name} stays <pending>: spec.loadBalancerClass ${svc.spec.loadBalancerClass} leaves it to that class's controller, which is not simulated`;
  }
  if (svc.spec.loadBalancerIP) return `${name} stays <pending>: the requested loadBalancerIP ${svc.spec.loadBalancerIP} cannot be had`;
  return `${name} stays <pending>: the provider's address pool is exhausted`;
}

function listenersOf(svc: Service): LbListener[] {
  return (svc.spec.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, nodePort: p.nodePort ?? 0 }));
}

function nodeIP(node: Node, family: IPFamily): IP | undefined {
  for (const a of node.status?.addresses ?? []) {
    const ip = a.type === 'InternalIP' ? canonicalIP(a.address) : undefined;
    if (ip && ipFamily(ip) === family) return ip;
  }
  return undefined;
}

const byName = (a: Node, b: Node): number => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);

/** Every Service's EndpointSlices by `NS/NAME/ADDRESSTYPE`, built once for all load balancers. */
export type SliceIndex = ReadonlyMap<string, EndpointSlice[]>;

function nodeTargets(cluster: ClusterModel, svc: Service, family: IPFamily, slices: readonly EndpointSlice[]): LbTarget[] {
  const local = localReadyCounts(slices);
  return [...cluster.nodes].sort(byName).filter((n) => !excludedFromLoadBalancers(n)).flatMap((node) => {
    const ip = nodeIP(node, family);
    const name = node.metadata.name!;
    return ip ? [{ host: `node/${name}`, ip, node: name, health: nodeHealth(svc, node, ip, local.get(name) ?? 0) }] : [];
  });
}

/** The pod behind an endpoint, by targetRef, else by IP; the IP itself when no pod is modelled. */
function podHostOf(cluster: ClusterModel, ip: IP, ref: { namespace?: string; name?: string } | undefined): string {
  const pod = cluster.pods.find((p) => (ref?.name ? p.metadata.name === ref.name && p.metadata.namespace === ref.namespace : false)) ??
    cluster.pods.find((p) => !p.spec.hostNetwork && p.status?.podIP && canonicalIP(p.status.podIP) === ip);
  return pod ? `pod/${pod.metadata.namespace}/${pod.metadata.name}` : ip;
}

function podTargets(cluster: ClusterModel, slices: readonly EndpointSlice[]): LbTarget[] {
  const seen = new Map<string, LbTarget>();
  for (const slice of slices) {
    const ports = Object.fromEntries((slice.ports ?? []).filter((p) => p.port).map((p) => [`${p.name ?? ''}/${p.protocol ?? 'TCP'}`, p.port!]));
    const port = Object.values(ports)[0] ?? 0;
    for (const ep of slice.endpoints) {
      const ip = ep.addresses[0] && canonicalIP(ep.addresses[0]);
      if (!ip || seen.has(ip)) continue;
      const node = cluster.nodes.find((n) => n.metadata.name === ep.nodeName);
      seen.set(ip, {
        host: podHostOf(cluster, ip, ep.targetRef), ip, ...(ep.nodeName && { node: ep.nodeName }), ports,
        health: podHealth(ip, port, endpointReady(ep), node ? isNodeReady(node) : true),
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

const familyOfLb = (ingress: readonly IP[]): IPFamily => (ingress[0] ? ipFamily(ingress[0]) : undefined) ?? 4;

/** The load balancer without its targets (`targets` empty): what the network needs to be built. */
function shapeOf(cluster: ClusterModel, svc: Service, index: SliceIndex): CloudLoadBalancer {
  const provider = cluster.spec.cloud.provider;
  const service = keyOf(svc);
  const ingress = ingressOf(svc);
  const shape = styleOf(provider, cluster.spec.cni.model, svc);
  const slices = index.get(sliceKey(svc, familyOfLb(ingress))) ?? [];
  const election = shape.style === 'l2' && ingress[0] ? electSpeaker(cluster, svc, ingress[0], localReadyCounts(slices)) : undefined;
  const problem = ingress.length === 0 ? pendingReason(cluster, svc) : shape.problem ?? election?.problem;
  return {
    service, host: lbHostName(service), provider, style: shape.style, returnPath: shape.returnPath,
    externalTrafficPolicy: svc.spec.externalTrafficPolicy ?? 'Cluster', ingress, listeners: listenersOf(svc),
    loadBalancerSourceRanges: svc.spec.loadBalancerSourceRanges ?? [], targets: [],
    ...(election?.node && { speaker: `node/${election.node}` }), ...(problem && { problem }), note: shape.note,
  };
}

/** The load balancer's targets and their health checks. */
export function withTargets(cluster: ClusterModel, lb: CloudLoadBalancer, svc: Service, index: SliceIndex): CloudLoadBalancer {
  const slices = index.get(sliceKey(svc, familyOfLb(lb.ingress))) ?? [];
  const family = familyOfLb(lb.ingress);
  return { ...lb, targets: lb.style === 'pod-ip' ? podTargets(cluster, slices) : nodeTargets(cluster, svc, family, slices) };
}

/** The LoadBalancer Services in namespace/name order. */
export const loadBalancerServices = (cluster: ClusterModel): Service[] =>
  cluster.services.filter((s) => s.spec.type === 'LoadBalancer').sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

/**
 * Every LoadBalancer Service's cloud load balancer, pending ones included, in namespace/name
 * order; without targets (`targets` empty) unless asked, since a large cluster has a target
 * per node for each of them.
 */
export function planLoadBalancers(cluster: ClusterModel, options: { targets?: boolean } = {}): CloudLoadBalancer[] {
  const index = indexSlices(cluster);
  return loadBalancerServices(cluster).map((svc) => {
    const lb = shapeOf(cluster, svc, index);
    return options.targets === false ? lb : withTargets(cluster, lb, svc, index);
  });
}

/** Whether the LB is built as a host in the network (it has an IP, a provider, and is not MetalLB). */
export const hasLbHost = (lb: CloudLoadBalancer): boolean => lb.ingress.length > 0 && lb.provider !== 'none' && lb.style !== 'l2';
