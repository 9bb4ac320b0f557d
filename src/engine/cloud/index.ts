// Cloud load balancers (spec.cloud.provider): one per LoadBalancer Service, its targets and
// their health checks as kube-proxy answers them, and the tracer's walk through it.
// Providers: gcp, azure, generic (pass-through), aws (NLB: NodePort or pod-IP targets),
// metallb (layer 2: one node answers ARP), none (<pending>). See styles.ts.

export type * from './types';
export { planLoadBalancers, lbHostName, hasLbHost } from './plan';
export { loadBalancersOf } from './registry';
export { nodeHealth, podHealth, localReadyEndpoints, localReadyCounts, PROXY_HEALTH_PORT } from './health';
export { electSpeaker } from './metallb';
export { pickUniform } from './pick';
export { arriveAtLoadBalancer, isLoadBalancerHost, type LbWalkIO } from './lb-walk';
export { returnThroughLoadBalancer, layer2Announcement, explainUnrouted } from './return-path';
export { cloudSummary, renderCloudSummary, type CloudSummary, type CloudSummaryLine } from './summary';
