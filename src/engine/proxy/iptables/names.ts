// kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go): the fixed top-level
// chains, and the per-service and per-endpoint chains named from portProtoHash, the first 16
// base32 characters of sha256(servicePortName + protocol [+ endpoint]).

import { base32Encode } from './base32';
import { sha256 } from './sha256';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';
/** kube-proxy's copy of kubelet's anti-martian chain. */
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

const hash16 = (text: string): string => base32Encode(sha256(text)).slice(0, 16);

/** portProtoHash: servicePortName is `ns/name:port`, protocol lower-case (`tcp`). */
export const portProtoHash = (servicePortName: string, protocol: string): string =>
  hash16(servicePortName + protocol);

/** KUBE-SVC-: the Cluster-traffic-policy chain of a service port. */
export const servicePortPolicyClusterChain = (spn: string, protocol: string): string =>
  `KUBE-SVC-${portProtoHash(spn, protocol)}`;

/** KUBE-SVL-: the Local-traffic-policy chain of a service port. */
export const servicePortPolicyLocalChainName = (spn: string, protocol: string): string =>
  `KUBE-SVL-${portProtoHash(spn, protocol)}`;

/** KUBE-FW-: loadBalancerSourceRanges filtering. */
export const serviceFirewallChainName = (spn: string, protocol: string): string =>
  `KUBE-FW-${portProtoHash(spn, protocol)}`;

/** KUBE-EXT-: where external (NodePort, externalIP, LB) traffic goes first. */
export const serviceExternalChainName = (spn: string, protocol: string): string =>
  `KUBE-EXT-${portProtoHash(spn, protocol)}`;

/** KUBE-SEP-: one endpoint; `endpoint` is `ip:port` (`[ip]:port` for IPv6). */
export const servicePortEndpointChainName = (spn: string, protocol: string, endpoint: string): string =>
  `KUBE-SEP-${hash16(spn + protocol + endpoint)}`;
