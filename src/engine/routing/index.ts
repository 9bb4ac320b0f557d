// The CNI's network model: hosts, interfaces, routes and links built from a cluster, and the
// kernel's forwarding decisions over them. The tracer makes every routing decision here.
// Models: direct (host-gw), vxlan (flannel), vpc (AWS VPC CNI); see cni-model.ts.

export type * from './types';
export type { CniModel, CniContext, CniSetup, HostPart, NodePlan, PodPlan } from './cni-model';
export { cniModelFor } from './cni-models';
export { buildNetwork, NODE_NETWORK, OUTSIDE_HOST, type BuildOptions } from './build';
export { planNetwork } from './plans';
export {
  routeLookup, masqueradeSource, selectSourceAddress, findHost, findInterface,
  type Route, type Unreachable, type LookupOptions,
} from './fib';
export { nextHop, linkPeer, bridgePortFor } from './links';
export {
  forwardingDecision, ingress, hostForAddress,
  type Arrival, type Ingress, type ForwardingDecision, type HostForAddress,
} from './forwarding';
export { renderIpRoute, renderRouteEntry, renderRouteGet, type IpRouteOptions } from './render-route';
export { renderIpAddr } from './render-addr';
export { renderIpNeigh, renderBridgeFdb } from './render-neigh';
export { renderHostNetwork, HOST_VIEWS, type HostView, type HostSection } from './render-host';
export { vxlanSourcePort, VXLAN_PORT, VXLAN_VNI } from './cni-vxlan';
export { eniVethName } from './cni-vpc';
export { vethName } from './addressing';
