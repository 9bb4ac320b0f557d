// The cloud's load balancers as the topology draws them (src/engine/cloud): a box for each one
// the cloud builds, outside the cluster between the clients and the nodes; a dashed box for a
// LoadBalancer Service whose EXTERNAL-IP is <pending>, or whose IP no load balancer carries
// (cloud provider none); and, for MetalLB layer 2, no box at all, since no load balancer is in
// the path: the node elected to answer ARP for the IP carries it instead (`announces`), and
// a line of text in the outside band says so.

import { hasLbHost, planLoadBalancers, type CloudLoadBalancer, type ClusterModel } from '../../engine';
import type { Box } from './topology';

/** `lb`: the cloud built it (a host in the trace); `pending`: no IP; `unserved`: an IP, nothing carries it; `l2`: MetalLB, a note. */
export type LbKind = 'lb' | 'pending' | 'unserved' | 'l2';

export interface LbBox extends Box {
  /** The trace's host for `lb` (`lb/NS/NAME`); for the others the Service's (`svc-lb/NS/NAME`), never visited. */
  id: string;
  kind: LbKind;
  /** `NS/NAME` of the Service. */
  service: string;
  title: string;
  lines: string[];
  /** What a screen reader says: the kind, the Service, the style, the IPs. */
  label: string;
  /** The provider's note, or why there is no load balancer: the box's tooltip. */
  detail: string;
  problem: boolean;
}

export interface LbPlan {
  boxes: Omit<LbBox, keyof Box>[];
  /** Node host (`node/NAME`) -> the MetalLB IPs it answers ARP for. */
  announces: Record<string, string[]>;
}

const PROVIDER: Record<CloudLoadBalancer['provider'], string> = {
  generic: 'generic', gcp: 'GCP', azure: 'Azure', aws: 'AWS NLB', metallb: 'MetalLB', none: 'no cloud provider',
};
const STYLE: Record<CloudLoadBalancer['style'], string> = {
  'pass-through': 'pass-through to nodes', 'node-port': 'to node ports', 'pod-ip': 'to pod IPs', l2: 'layer 2 (ARP)',
};

const portsOf = (lb: CloudLoadBalancer) => lb.listeners.map((l) => `${l.port}/${l.protocol}`).join(',');

function boxOf(lb: CloudLoadBalancer): Omit<LbBox, keyof Box> {
  const ips = lb.ingress.join(', ');
  const base = { service: lb.service, problem: lb.problem !== undefined, detail: lb.problem ?? lb.note };
  if (hasLbHost(lb)) {
    const style = `${PROVIDER[lb.provider]} · ${STYLE[lb.style]}`;
    return {
      ...base, id: lb.host, kind: 'lb', title: lb.host, lines: [style, `${ips} · ${portsOf(lb)}`],
      label: `Load balancer ${lb.host}: ${style}, ${ips}${lb.problem ? `; ${lb.problem}` : ''}`,
    };
  }
  const id = `svc-lb/${lb.service}`;
  if (lb.ingress.length === 0) {
    return {
      ...base, id, kind: 'pending', title: 'load balancer <pending>',
      lines: [`svc/${lb.service}`, lb.provider === 'none' ? 'no cloud provider: no IP' : 'no IP assigned'],
      label: `Load balancer for ${lb.service}: <pending>. ${lb.problem ?? ''}`.trim(),
    };
  }
  if (lb.style === 'l2') {
    const node = lb.speaker?.replace(/^node\//, '') ?? 'no node';
    return {
      ...base, id, kind: 'l2', title: 'no load balancer (MetalLB L2)',
      lines: [`${ips}: ${node} answers ARP`, `svc/${lb.service}`],
      label: `No load balancer for ${lb.service}: MetalLB layer 2; ${node} answers ARP for ${ips}`,
    };
  }
  return {
    ...base, id, kind: 'unserved', title: 'no load balancer',
    lines: [`svc/${lb.service}`, `${ips} (status only)`],
    label: `No load balancer for ${lb.service}: ${ips} is in its status, but ${lb.problem ?? 'nothing carries it'}`,
  };
}

/** The boxes of the load balancers a cluster has, and the MetalLB IPs each node announces. */
export function planLbBoxes(c: ClusterModel): LbPlan {
  const announces: Record<string, string[]> = {};
  const lbs = c.services.some((s) => s.spec.type === 'LoadBalancer') ? planLoadBalancers(c, { targets: false }) : [];
  for (const lb of lbs) {
    if (lb.style === 'l2' && lb.speaker && lb.ingress.length > 0) (announces[lb.speaker] ??= []).push(...lb.ingress);
  }
  return { boxes: lbs.map(boxOf), announces };
}
