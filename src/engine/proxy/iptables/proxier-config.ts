// What one kube-proxy iptables Proxier (one IP family on one node) is configured with:
// NewProxier in pkg/proxy/iptables/proxier.go and the node-IP detection of
// cmd/kube-proxy/app/server.go, taken from the ClusterModel instead of flags and interfaces.

import type { ClusterModel } from '../../model/cluster';
import type { Node } from '../../model/k8s';
import { canonicalIP, type IP, type IPFamily } from '../../net/ip';
import { localDetectorFor, type LocalDetector } from './local-detector';
import { expandPrimary, newNodePortAddresses, type NodePortAddresses } from './node-port-addresses';

/** Facts about the host kube-proxy probes at start-up; the defaults are a current Linux node's. */
export interface IptablesOptions {
  /** iptables supports MASQUERADE --random-fully (iptables >= 1.6.2). Default true. */
  readonly randomFully?: boolean;
  /** The nfacct counters could be created (nfnetlink_acct). Default true. */
  readonly nfacct?: boolean;
  /** net.netfilter.nf_conntrack_tcp_be_liberal is set: no INVALID drop rule. Default false. */
  readonly conntrackTCPLiberal?: boolean;
  /** Replaces the mark derived from masqueradeBit (kube-proxy's own tests use "0x4000"). */
  readonly masqueradeMark?: string;
}

export const CT_STATE_INVALID_DROPPED = 'ct_state_invalid_dropped_pkts';
export const LOCALHOST_NODEPORTS_ACCEPTED = 'localhost_nps_accepted_pkts';

export interface ProxierConfig {
  readonly family: IPFamily;
  readonly nodeName: string;
  /** The node's topology.kubernetes.io/zone label, '' when unset. */
  readonly zone: string;
  /** The node IP of this family (loopback when the node has none, as kube-proxy does). */
  readonly nodeIP: IP;
  /** The node's local addresses: InternalIP and ExternalIP addresses, and loopback. */
  readonly localAddresses: readonly IP[];
  readonly masqueradeAll: boolean;
  readonly masqueradeMark: string;
  readonly localDetector: LocalDetector | undefined;
  readonly localhostNodePorts: boolean;
  readonly nodePortAddresses: NodePortAddresses;
  readonly randomFully: boolean;
  readonly nfacct: boolean;
  readonly conntrackTCPLiberal: boolean;
}

/**
 * The part of the configuration a service port's rules read (writeService and what it calls
 * take only this, so the type states what the rules of a port can depend on).
 */
export type ServiceRulesConfig = Pick<ProxierConfig, 'masqueradeAll' | 'localDetector' | 'localhostNodePorts' | 'nfacct' | 'nodeIP'>;

export const findNode = (cluster: ClusterModel, nodeName: string): Node | undefined =>
  cluster.nodes.find((n) => n.metadata.name === nodeName);

/** The node's addresses of one family, InternalIP first (utilnode.GetNodeHostIPs). */
export function nodeAddresses(node: Node | undefined, family: IPFamily): IP[] {
  const addresses = node?.status?.addresses ?? [];
  const ofType = (type: string): IP[] => addresses
    .filter((a) => a.type === type)
    .map((a) => canonicalIP(a.address))
    .filter((ip): ip is IP => ip !== undefined && (ip.includes(':') ? 6 : 4) === family);
  return [...ofType('InternalIP'), ...ofType('ExternalIP')];
}

const loopback = (family: IPFamily): IP => (family === 4 ? '127.0.0.1' : '::1') as IP;

/** masqueradeMark: fmt.Sprintf("%#08x", 1<<masqueradeBit), e.g. 0x00004000. */
export const masqueradeMarkFor = (bit: number): string => `0x${(2 ** bit).toString(16).padStart(8, '0')}`;

export function proxierConfig(cluster: ClusterModel, nodeName: string, family: IPFamily, options: IptablesOptions = {}): ProxierConfig {
  const node = findNode(cluster, nodeName);
  const proxy = cluster.proxy;
  const nodeIP = nodeAddresses(node, family)[0] ?? loopback(family);
  const primaries = [nodeAddresses(node, 4)[0], nodeAddresses(node, 6)[0]];
  const nodePortAddresses = newNodePortAddresses(family, expandPrimary(proxy.nodePortAddresses, primaries));
  return {
    family, nodeName,
    zone: node?.metadata.labels?.['topology.kubernetes.io/zone'] ?? '',
    nodeIP,
    localAddresses: [...nodeAddresses(node, family), loopback(family)],
    masqueradeAll: proxy.masqueradeAll,
    masqueradeMark: options.masqueradeMark ?? masqueradeMarkFor(proxy.masqueradeBit),
    localDetector: localDetectorFor(proxy, node, family),
    // The IPv6 proxier is always built with localhostNodePorts off; IPv4 turns it off when
    // nodePortAddresses leave out loopback.
    localhostNodePorts: family === 4 && proxy.localhostNodePorts && nodePortAddresses.containsIPv4Loopback,
    nodePortAddresses,
    randomFully: options.randomFully ?? true,
    nfacct: options.nfacct ?? true,
    conntrackTCPLiberal: options.conntrackTCPLiberal ?? false,
  };
}
