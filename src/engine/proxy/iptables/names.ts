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

// 16 base32 characters are the digest's first 80 bits, exactly its first 10 bytes.
const hash16 = (text: string): string => base32Encode(sha256(text).subarray(0, 10));

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

/** The chains of one service port, each named (a sha256) the first time it is asked for. */
export interface ServiceChainNames {
  readonly clusterPolicy: () => string;
  readonly localPolicy: () => string;
  readonly external: () => string;
  readonly firewall: () => string;
  /** KUBE-SEP- of an endpoint `ip:port`. */
  readonly endpoint: (endpoint: string) => string;
}

export function serviceChainNames(spn: string, protocol: string): ServiceChainNames {
  let svc: string | undefined, svl: string | undefined, ext: string | undefined, fw: string | undefined;
  const seps = new Map<string, string>();
  return {
    clusterPolicy() { return (svc ??= servicePortPolicyClusterChain(spn, protocol)); },
    localPolicy() { return (svl ??= servicePortPolicyLocalChainName(spn, protocol)); },
    external() { return (ext ??= serviceExternalChainName(spn, protocol)); },
    firewall() { return (fw ??= serviceFirewallChainName(spn, protocol)); },
    endpoint(endpoint) {
      let name = seps.get(endpoint);
      if (name === undefined) { name = servicePortEndpointChainName(spn, protocol, endpoint); seps.set(endpoint, name); }
      return name;
    },
  };
}
