// The scenario summary's cloud facts: which load balancers the scenario makes the cloud
// create. Each LoadBalancer Service gets its own (the service controller provisions one per
// Service, and each is billed), which is why Ingress and Gateway exist; MetalLB costs nothing
// but puts one node in the path of all of an IP's traffic; provider none creates nothing.

import type { ClusterModel } from '../model/cluster';
import { planLoadBalancers } from './plan';
import type { CloudLoadBalancer } from './types';

export interface CloudSummaryLine {
  readonly service: string;
  readonly lb: CloudLoadBalancer;
  /** A cloud resource the provider creates (and bills) for this Service alone. */
  readonly billed: boolean;
  /** One line: `lb/default/web: gcp pass-through to nodes, 198.51.100.1, targets node/node-a (healthy), node/node-b (503 ...)`. */
  readonly text: string;
}

export interface CloudSummary {
  readonly lines: readonly CloudSummaryLine[];
  /** How many cloud load balancers the scenario creates: one per LoadBalancer Service with an IP. */
  readonly billed: number;
  /** The fact in one sentence. */
  readonly fact: string;
}

const STYLE_WORDS: Record<CloudLoadBalancer['style'], string> = {
  'pass-through': 'pass-through to nodes', 'node-port': 'to node ports', 'pod-ip': 'to pod IPs', l2: 'layer 2 (ARP)',
};

function lineOf(lb: CloudLoadBalancer): CloudSummaryLine {
  const billed = lb.ingress.length > 0 && lb.provider !== 'none' && lb.provider !== 'metallb';
  const name = lb.style === 'l2' ? lb.service : lb.host;
  if (lb.ingress.length === 0) return { service: lb.service, lb, billed, text: lb.problem ?? `${lb.service} stays <pending>` };
  const targets = lb.style === 'l2'
    ? `announced by ${lb.speaker ?? 'no node'}`
    : `targets ${lb.targets.map((t) => `${t.host} (${t.health.healthy ? 'healthy' : t.health.result})`).join(', ') || 'none'}`;
  const text = `${name}: ${lb.provider} ${STYLE_WORDS[lb.style]}, ${lb.ingress.join(', ')}, ${targets}${lb.problem ? `; ${lb.problem}` : ''}`;
  return { service: lb.service, lb, billed, text };
}

/** The cloud load balancers a scenario creates: one per LoadBalancer Service. */
export function cloudSummary(cluster: ClusterModel): CloudSummary {
  const lines = planLoadBalancers(cluster).map(lineOf);
  const billed = lines.filter((l) => l.billed).length;
  const n = lines.length;
  const provider = cluster.spec.cloud.provider;
  const fact = n === 0
    ? 'no LoadBalancer Services: no cloud load balancers'
    : provider === 'none'
      ? `${n} LoadBalancer Service${n === 1 ? '' : 's'}, no cloud provider: ${n === 1 ? 'it stays' : 'they stay'} <pending>`
      : provider === 'metallb'
        ? `${n} LoadBalancer Service${n === 1 ? '' : 's'}, MetalLB: no cloud load balancer, one node answers for each IP`
        : `${n} LoadBalancer Service${n === 1 ? '' : 's'}: ${billed} cloud load balancer${billed === 1 ? '' : 's'}, one per Service`;
  return { lines, billed, fact };
}

/** The summary as text: the fact, then one line per load balancer. */
export function renderCloudSummary(cluster: ClusterModel): string {
  const s = cloudSummary(cluster);
  return [s.fact, ...s.lines.map((l) => `  ${l.text}`)].join('\n');
}
