// The CNI what-if: the cluster as if its `Cluster` document named another CNI model, and
// whether that model can carry this scenario's pods at all. `direct` and `vxlan` route each
// node's spec.podCIDR to it, so every pod IP must be inside its node's pod CIDR; `vpc` hands
// pods secondary addresses of the node's interface, so every pod IP must be in the node
// subnet (routing/plans.ts: the smallest prefix covering the nodes, at most a /24 or /64).

import { cidrContains, planNetwork, CNI_MODELS, parseCIDR, parseIP, type ClusterModel, type CNIModel, type Pod } from '../../engine';

export { CNI_MODELS };
export type { CNIModel };

export const isCniModel = (v: string | null | undefined): v is CNIModel => (CNI_MODELS as readonly string[]).includes(v ?? '');

const podIPs = (p: Pod): string[] => p.status?.podIPs?.map((x) => x.ip) ?? (p.status?.podIP ? [p.status.podIP] : []);
const inside = (cidr: string, ip: string): boolean => {
  const c = parseCIDR(cidr);
  const a = parseIP(ip);
  return c !== undefined && a !== undefined && cidrContains(c, a);
};

/** Why `model` cannot carry this cluster's pods, or null when it can. */
export function cniBlocker(c: ClusterModel, model: CNIModel): string | null {
  const pods = c.pods.filter((p) => !p.spec.hostNetwork && podIPs(p).length > 0);
  if (model === 'vpc') {
    const subnets = planNetwork(c).nodeSubnets.map((s) => s.cidr as string);
    const out = pods.find((p) => podIPs(p).some((ip) => !subnets.some((s) => inside(s, ip))));
    return out ? `vpc needs pod IPs in the node subnet (${subnets.join(', ')}); ${out.metadata.name} has ${podIPs(out)[0]}` : null;
  }
  const cidrsOf = (node: string | undefined) => {
    const n = c.nodes.find((x) => x.metadata.name === node);
    return n?.spec?.podCIDRs ?? (n?.spec?.podCIDR ? [n.spec.podCIDR] : []);
  };
  const out = pods.find((p) => podIPs(p).some((ip) => !cidrsOf(p.spec.nodeName).some((s) => inside(s, ip))));
  return out ? `${model} routes each node's pod CIDR; ${out.metadata.name} (${podIPs(out)[0]}) is outside ${out.spec.nodeName}'s` : null;
}

/** The cluster with another CNI model; the same object when it is the cluster's own. */
export function withCni(c: ClusterModel, model: CNIModel | undefined): ClusterModel {
  if (!model || model === c.spec.cni.model) return c;
  return { ...c, spec: { ...c.spec, cni: { ...c.spec.cni, model } } };
}
