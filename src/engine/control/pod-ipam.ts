// Pod addresses as the CNI's host-local IPAM plugin hands them out (containernetworking/
// plugins, plugins/ipam/host-local: range = the node's spec.podCIDR, rangeStart after the
// gateway), plus the status the kubelet then reports (pkg/kubelet/kubelet_pods.go
// generateAPIPodStatus): podIP/podIPs, hostIP, phase Running, condition Ready.
// - Addresses start at .2: .0 is the network and .1 the node's bridge (cni0) gateway in the
//   direct/host-gw model; an IPv4 range also leaves out its broadcast address.
// - A dual-stack node gives one address per pod CIDR, in the node's podCIDRs order.
// - Pods are served in namespace/name order (host-local serves them as they start).
// - hostNetwork pods take the node's InternalIPs.
// - Addresses a pod is given are kept. The same address given to two running pods is
//   refused on the later document (no CNI would hand it out twice) and that pod is dropped.
// - A pod given phase Pending, Succeeded or Failed gets no address; one on no known node
//   gets none either and stays Pending.

import type { ParsedCIDR } from '../net/ip';
import { canonicalIP, cidrAddress, cidrSize, parseCIDR } from '../net/ip';
import type { Node, Pod } from '../model/k8s';
import { invalid } from '../manifests/field-errors';
import type { ControlError, Sourced } from './types';
import { keyOf, sortSourced } from './names';
import { nodeInternalIPs } from './nodes';

const FIRST_POD_HOST = 2n;

interface NodeRange {
  cidr: ParsedCIDR;
  next: bigint;
  last: bigint;
}

/** The addresses the pod's status already names (podIPs, else podIP), canonical. */
export function givenPodIPs(pod: Pod): string[] {
  const listed = pod.status?.podIPs?.map((p) => p.ip) ?? [];
  const ips = listed.length > 0 ? listed : pod.status?.podIP ? [pod.status.podIP] : [];
  return ips.map((ip) => canonicalIP(ip) ?? ip);
}

const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Refuses a pod whose given address another running pod (earlier document) already has. */
function claimGivenIPs(pods: readonly Sourced<Pod>[], used: Map<string, string>): { kept: Sourced<Pod>[]; errors: ControlError[] } {
  const errors: ControlError[] = [];
  const kept: Sourced<Pod>[] = [];
  const byDoc = pods.map((p, i) => ({ p, i })).sort((a, b) => a.p.doc - b.p.doc || a.i - b.i);
  const refused = new Set<Sourced<Pod>>();
  for (const { p } of byDoc) {
    if (p.object.spec.hostNetwork || isTerminal(p.object)) continue;
    const ips = givenPodIPs(p.object);
    const clash = ips.findIndex((ip) => used.has(ip));
    if (clash >= 0) {
      const field = p.object.status?.podIPs?.length ? `status.podIPs[${clash}].ip` : 'status.podIP';
      errors.push({ doc: p.doc, error: invalid(field, ips[clash], `address already in use by pod ${used.get(ips[clash]!)}`) });
      refused.add(p);
      continue;
    }
    ips.forEach((ip) => used.set(ip, keyOf(p.object.metadata)));
  }
  for (const p of pods) if (!refused.has(p)) kept.push(p);
  return { kept, errors };
}

function nodeRanges(node: Node): NodeRange[] {
  return (node.spec?.podCIDRs ?? []).map((c) => parseCIDR(c)).filter((c): c is ParsedCIDR => !!c).map((cidr) => {
    const size = cidrSize(cidr);
    return { cidr, next: FIRST_POD_HOST, last: cidr.family === 4 ? size - 2n : size - 1n };
  });
}

function nextAddress(range: NodeRange, used: ReadonlyMap<string, string>): string | undefined {
  while (range.next <= range.last) {
    const ip = cidrAddress(range.cidr, range.next++);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

/** The addresses this pod ends up with, allocating from its node when it has none. */
function addressesFor(pod: Pod, node: Node | undefined, ranges: NodeRange[] | undefined, used: Map<string, string>): string[] {
  const given = givenPodIPs(pod);
  if (given.length > 0 || !node) return given;
  if (pod.spec.hostNetwork) return nodeInternalIPs(node);
  const phase = pod.status?.phase;
  if ((phase !== undefined && phase !== 'Running') || !ranges || ranges.length === 0) return [];
  const ips = ranges.map((r) => nextAddress(r, used));
  if (ips.some((ip) => ip === undefined)) return [];
  ips.forEach((ip) => used.set(ip!, keyOf(pod.metadata)));
  return ips as string[];
}

function withStatus(pod: Pod, ips: string[], node: Node | undefined): Pod {
  const phase = pod.status?.phase ?? (ips.length > 0 ? 'Running' : 'Pending');
  const conditions = pod.status?.conditions ?? [];
  const hasReady = conditions.some((c) => c.type === 'Ready');
  const hostIP = pod.status?.hostIP ?? (node ? nodeInternalIPs(node)[0] : undefined);
  const status: NonNullable<Pod['status']> = {
    ...pod.status,
    phase,
    conditions: hasReady ? conditions : [...conditions, { type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }],
  };
  if (ips.length > 0) {
    status.podIP = ips[0];
    status.podIPs = ips.map((ip) => ({ ip }));
  }
  if (hostIP !== undefined) status.hostIP = hostIP;
  return { ...pod, status };
}

/** Gives every pod its addresses and kubelet status; returns pods in namespace/name order. */
export function assignPodAddresses(pods: readonly Sourced<Pod>[], nodes: readonly Node[]): { pods: Sourced<Pod>[]; errors: ControlError[] } {
  const used = new Map<string, string>();
  const { kept, errors } = claimGivenIPs(pods, used);
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name ?? '', n]));
  const ranges = new Map(nodes.map((n) => [n.metadata.name ?? '', nodeRanges(n)]));
  const out = sortSourced(kept).map(({ doc, object }) => {
    const nodeName = object.spec.nodeName ?? '';
    const node = nodeByName.get(nodeName);
    const ips = addressesFor(object, node, ranges.get(nodeName), used);
    return { doc, object: withStatus(object, ips, node) };
  });
  return { pods: out, errors };
}
