// How each provider's load balancer carries a connection, and how the answer comes back:
// - gcp: external passthrough Network Load Balancer (Maglev). The packet reaches the node
//   still addressed to the forwarding rule's IP (kube-proxy's KUBE-SERVICES rule for the LB
//   IP catches it); the client's source is kept. Replies leave the node straight for the
//   client with the LB IP as source: direct server return, Maglev never sees them.
// - azure: Azure Load Balancer with floating IP (cloud-provider-azure's default for Service
//   rules, enableFloatingIP): the destination stays the frontend IP; the host SDN returns the
//   replies directly, so they skip the load balancer as on GCP.
// - generic: a stateful pass-through appliance: destination and source kept, and the answer
//   comes back through it (its flow table un-does nothing but must see both halves).
// - aws: Network Load Balancer. Instance targets (the in-tree provider and the AWS Load
//   Balancer Controller's default): the NLB rewrites the destination to nodeIP:nodePort and
//   keeps the client's address; IP targets (allocateLoadBalancerNodePorts: false on a VPC CNI,
//   `aws-load-balancer-nlb-target-type: ip`): the destination becomes podIP:targetPort and,
//   for TCP, the source the NLB's own private address (client IP preservation is off by
//   default for IP targets; on for UDP). Either way the NLB (Hyperplane) keeps per-flow state
//   and the VPC hands the reply back to it, which un-does its rewrite.
// - metallb: layer 2 mode. No load balancer: the speaker elected for the IP answers ARP for
//   it, so the router sends the packet to that node (metallb.ts).
// - none: no cloud controller: the Service stays <pending>.

import type { CNIModel, CloudProvider } from '../model/cluster';
import type { Service } from '../model/k8s';
import type { LbStyle, ReturnPath } from './types';

export interface StyleOf {
  readonly style: LbStyle;
  readonly returnPath: ReturnPath;
  readonly note: string;
  /** Why this LB can have no target whatever the cluster does. */
  readonly problem?: string;
}

const PASS_THROUGH: Record<'gcp' | 'azure' | 'generic', StyleOf> = {
  gcp: {
    style: 'pass-through', returnPath: 'direct',
    note: 'GCP passthrough Network Load Balancer: the packet reaches a node still addressed to the LB IP; replies go straight back to the client (direct server return)',
  },
  azure: {
    style: 'pass-through', returnPath: 'direct',
    note: 'Azure Load Balancer with floating IP: the packet reaches a node still addressed to the LB IP; replies go straight back to the client',
  },
  generic: {
    style: 'pass-through', returnPath: 'through-lb',
    note: 'a stateful pass-through load balancer: the packet reaches a node still addressed to the LB IP; replies come back through it',
  },
};

/** The style of the load balancer `provider` builds for `svc` on a cluster with this CNI model. */
export function styleOf(provider: CloudProvider, cni: CNIModel, svc: Service): StyleOf {
  switch (provider) {
    case 'gcp': case 'azure': case 'generic': return PASS_THROUGH[provider];
    case 'metallb':
      return { style: 'l2', returnPath: 'direct', note: 'MetalLB layer 2: the elected node answers ARP for the IP; no load balancer is in the path' };
    case 'none':
      return {
        style: 'pass-through', returnPath: 'direct', note: 'no cloud provider',
        problem: 'the ingress IP is given in status.loadBalancer, but with cloud provider none no load balancer carries traffic to it',
      };
    case 'aws': {
      if (svc.spec.allocateLoadBalancerNodePorts !== false) {
        return { style: 'node-port', returnPath: 'through-lb', note: 'AWS NLB, instance targets: the NLB sends to nodeIP:nodePort, keeping the client\'s address; replies come back through it' };
      }
      const pod: StyleOf = { style: 'pod-ip', returnPath: 'through-lb', note: 'AWS NLB, IP targets: the NLB sends to podIP:targetPort over the VPC, kube-proxy not involved; replies come back through it' };
      return cni === 'vpc' ? pod : {
        ...pod,
        problem: `allocateLoadBalancerNodePorts is false, so there is no node port to target, and pod IPs are not VPC addresses on the ${cni} CNI model: the NLB has no target`,
      };
    }
  }
}
