// The cloud load balancers of a cluster as plain data: one per LoadBalancer Service (the
// service controller's EnsureLoadBalancer makes one per Service, and the provider bills each),
// with the way it carries traffic, its targets and what each target's health check answers.

import type { CloudProvider } from '../model/cluster';
import type { Protocol, TrafficPolicy } from '../model/k8s';
import type { IP } from '../net/ip';

/**
 * How the load balancer hands a packet to the cluster:
 * - `pass-through`: to a node, still addressed to the LB IP, client source kept (GCP, Azure, generic);
 * - `node-port`: to nodeIP:nodePort, client source kept (AWS NLB, instance targets);
 * - `pod-ip`: to podIP:targetPort over the VPC fabric (AWS NLB, IP targets);
 * - `l2`: no load balancer: one node answers ARP for the IP (MetalLB layer 2).
 */
export type LbStyle = 'pass-through' | 'node-port' | 'pod-ip' | 'l2';

/** Where the backend's answer goes: back through the LB, or from the node straight to the client. */
export type ReturnPath = 'through-lb' | 'direct';

/** One health check of one target, as the LB sees it. */
export interface HealthCheck {
  /** What is probed: `HTTP GET 192.168.1.10:10256/healthz`, `TCP 10.0.1.5:8080`. */
  readonly probe: string;
  readonly healthy: boolean;
  /** What came back: `200 OK, localEndpoints 1`, `503 Service Unavailable, localEndpoints 0`. */
  readonly result: string;
}

export interface LbTarget {
  /** `node/NAME`, or the pod host `pod/NS/NAME` (an address with no modelled pod: the IP). */
  readonly host: string;
  /** The node's InternalIP or the pod's IP: where the LB sends the packet. */
  readonly ip: IP;
  /** The node a pod target runs on. */
  readonly node?: string;
  /** Pod targets: the endpoint's port per Service port, keyed `NAME/PROTOCOL` (EndpointSlice ports). */
  readonly ports?: Readonly<Record<string, number>>;
  readonly health: HealthCheck;
}

export interface LbListener {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** 0 when the Service has no node port (allocateLoadBalancerNodePorts: false). */
  readonly nodePort: number;
}

export interface CloudLoadBalancer {
  /** `NS/NAME` of the Service. */
  readonly service: string;
  /** The LB's host in the network: `lb/NS/NAME` (for `l2`, no host is built: the speaker node answers). */
  readonly host: string;
  readonly provider: CloudProvider;
  readonly style: LbStyle;
  readonly returnPath: ReturnPath;
  readonly externalTrafficPolicy: TrafficPolicy;
  /** status.loadBalancer.ingress IPs; empty while pending. */
  readonly ingress: readonly IP[];
  readonly listeners: readonly LbListener[];
  readonly loadBalancerSourceRanges: readonly string[];
  readonly targets: readonly LbTarget[];
  /** `l2`: the node host whose speaker answers ARP for the IP, when one may. */
  readonly speaker?: string;
  /** Why the Service has no ingress IP (<pending>), or why the LB can reach no target at all. */
  readonly problem?: string;
  /** One line on how this provider carries traffic, for the UI and the hop log. */
  readonly note: string;
}
