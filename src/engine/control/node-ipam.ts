// The node IPAM controller's range allocator (kube-controller-manager, pkg/controller/nodeipam/
// ipam/range_allocator.go with cidrset.go): each node without spec.podCIDR gets the next free
// subnet of every cluster CIDR, /24 for IPv4 and /64 for IPv6 (--node-cidr-mask-size-ipv4/6
// defaults). Subnets that nodes already declare are marked occupied first, as the allocator
// does when it starts. kubehops visits nodes in name order (the real one in arrival order).
// A node the cluster CIDR has no room for keeps no pod CIDR (the real controller records a
// CIDRNotAvailable event), and its pods get no address.

import type { CIDR, ParsedCIDR } from '../net/ip';
import { bitsOf, formatCIDR, parseCIDR } from '../net/ip';
import type { Node } from '../model/k8s';
import { byName, clone } from './names';

/** kube-controller-manager's default --node-cidr-mask-size-ipv4/-ipv6, as kubeadm leaves them. */
export const NODE_CIDR_MASK = { 4: 24, 6: 64 } as const;

interface CIDRSet {
  cluster: ParsedCIDR;
  mask: number;
  /** Occupied subnet indexes as half-open ranges [start, end). */
  occupied: [bigint, bigint][];
}


function createCIDRSet(cluster: ParsedCIDR): CIDRSet {
  const mask = Math.max(NODE_CIDR_MASK[cluster.family], cluster.prefix);
  return { cluster, mask, occupied: [] };
}

/** Marks the subnets a declared CIDR overlaps; one outside the cluster CIDR is ignored, as cidrset.Occupy refuses it. */
function occupy(set: CIDRSet, declared: ParsedCIDR): void {
  const { cluster, mask } = set;
  if (declared.family !== cluster.family) return;
  const shift = BigInt(bitsOf(cluster.family) - mask);
  const widest = Math.min(declared.prefix, mask);
  const clusterSpan = 1n << BigInt(bitsOf(cluster.family) - cluster.prefix);
  const declaredSpan = 1n << BigInt(bitsOf(cluster.family) - widest);
  const start = declared.base - (declared.base % declaredSpan);
  if (start < cluster.base || start >= cluster.base + clusterSpan) return;
  const first = (start - cluster.base) >> shift;
  const count = declaredSpan >> shift;
  set.occupied.push([first, first + (count > 0n ? count : 1n)]);
}

/** The first free subnet index, or undefined when the cluster CIDR is full. */
function firstFree(set: CIDRSet): bigint | undefined {
  const total = 1n << BigInt(set.mask - set.cluster.prefix);
  let index = 0n;
  for (;;) {
    const hit = set.occupied.find(([s, e]) => index >= s && index < e);
    if (!hit) break;
    index = hit[1];
  }
  return index < total ? index : undefined;
}

function take(set: CIDRSet, index: bigint): ParsedCIDR {
  set.occupied.push([index, index + 1n]);
  const step = 1n << BigInt(bitsOf(set.cluster.family) - set.mask);
  return { family: set.cluster.family, base: set.cluster.base + index * step, prefix: set.mask };
}

/** The node's declared pod CIDRs, podCIDRs first (podCIDR is always podCIDRs[0]). */
export function declaredPodCIDRs(node: Node): string[] {
  if (node.spec?.podCIDRs?.length) return node.spec.podCIDRs;
  return node.spec?.podCIDR ? [node.spec.podCIDR] : [];
}

/** Gives every node spec.podCIDR/podCIDRs; nodes are returned in name order. */
export function allocateNodePodCIDRs(nodes: readonly Node[], clusterCIDRs: readonly CIDR[]): Node[] {
  const sets = clusterCIDRs.map((c) => parseCIDR(c)).filter((c): c is ParsedCIDR => !!c).map(createCIDRSet);
  const sorted = [...nodes].sort(byName);
  for (const node of sorted) {
    for (const text of declaredPodCIDRs(node)) {
      const declared = parseCIDR(text);
      if (declared) sets.forEach((set) => occupy(set, declared));
    }
  }
  return sorted.map((node) => {
    const declared = declaredPodCIDRs(node);
    const copy = clone(node);
    if (declared.length > 0) {
      copy.spec = { ...copy.spec, podCIDR: declared[0], podCIDRs: declared };
      return copy;
    }
    // A node gets a subnet of every cluster CIDR or none (the allocator releases a partial cut).
    const free = sets.map(firstFree);
    if (free.length === 0 || free.some((i) => i === undefined)) return copy;
    const podCIDRs = sets.map((set, i) => formatCIDR(take(set, free[i]!)));
    copy.spec = { ...copy.spec, podCIDR: podCIDRs[0], podCIDRs };
    return copy;
  });
}
