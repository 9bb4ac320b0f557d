// Everything a trace reads and never changes: the cluster (with a synthesized kube-dns when
// it needs DNS and has none), the network the CNI built, and each node's ruleset exactly as
// `kubehops rules` prints it, loaded once (each chain parsed when first read). The tracer runs
// these rules; it never takes a shortcut around them (DESIGN.md, principle 2).

import type { ClusterModel } from '../model/cluster';
import type { IPFamily } from '../net/ip';
import {
  createRuleBodyCaches, parseDualStackRulesetsLazily, renderParseError, type HostContext, type Ruleset, type RulesetParseError,
} from '../netfilter';
import { ruleLinesForNode, rulesForNode } from '../proxy/iptables';
import { buildNetwork, findHost, type Host, type Network } from '../routing';
import { withNeededClusterDNS } from '../dns';

export interface TraceContext {
  readonly cluster: ClusterModel;
  readonly network: Network;
  /** The ruleset of a host, or undefined for hosts kube-proxy does not run on. */
  readonly ruleset: (host: string, family: IPFamily) => Ruleset | undefined;
  /** The node's ruleset text, as `kubehops rules` prints it. */
  readonly rulesText: (host: string) => string | undefined;
  readonly hostContext: (host: string) => HostContext;
}

export function createTraceContext(scenario: ClusterModel): TraceContext {
  const cluster = withNeededClusterDNS(scenario);
  const network = buildNetwork(cluster);
  const nodeNames = new Set(cluster.nodes.map((n) => n.metadata.name!));
  const parsed = new Map<string, { ipv4: Ruleset; ipv6?: Ruleset } | undefined>();
  const contexts = new Map<string, HostContext>();
  // Nodes' rulesets repeat most rule lines: each line's options are parsed once per context.
  const bodies = createRuleBodyCaches();

  const nodeOf = (host: string): string | undefined => {
    const node = host.startsWith('node/') ? host.slice('node/'.length) : undefined;
    return node !== undefined && nodeNames.has(node) ? node : undefined;
  };
  // The text is built when asked for, not kept: on a large cluster it is tens of megabytes a node.
  const rulesText = (host: string): string | undefined => {
    const node = nodeOf(host);
    return node === undefined ? undefined : rulesForNode(cluster, node);
  };
  const ruleset = (host: string, family: IPFamily): Ruleset | undefined => {
    if (!parsed.has(host)) {
      const node = nodeOf(host);
      // The lines of the very text rulesText gives; each chain's rules are parsed when a
      // trace first reads it. The generator and the parser are ours: rules that do not load are a bug.
      const fail = (e: RulesetParseError): never => { throw new Error(`generated rules for ${host} do not load: ${renderParseError(e)}`); };
      const result = node === undefined ? undefined : parseDualStackRulesetsLazily(ruleLinesForNode(cluster, node), fail, bodies);
      if (result && !result.ok) fail(result.error);
      parsed.set(host, result?.ok ? { ipv4: result.ipv4, ...(result.ipv6 && { ipv6: result.ipv6 }) } : undefined);
    }
    const sets = parsed.get(host);
    return family === 4 ? sets?.ipv4 : sets?.ipv6;
  };
  const hostContext = (host: string): HostContext => {
    let context = contexts.get(host);
    if (!context) {
      context = hostContextOf(findHost(network, host));
      contexts.set(host, context);
    }
    return context;
  };
  return { cluster, network, ruleset, rulesText, hostContext };
}

/**
 * What netfilter knows of a host: its local addresses (addrtype LOCAL) and each device's
 * addresses, primary ones first, which is the address MASQUERADE takes (inet_select_addr
 * picks the primary address of the out device; the direct CNI gives each device one).
 */
function hostContextOf(host: Host | undefined): HostContext {
  const interfaces = (host?.interfaces ?? []).map((i) => ({
    name: i.name,
    addresses: [...i.addresses].sort((a, b) => Number(a.secondary ?? false) - Number(b.secondary ?? false)).map((a) => a.ip),
  }));
  const broadcastAddresses = (host?.interfaces ?? []).flatMap((i) => i.addresses.flatMap((a) => (a.broadcast ? [a.broadcast] : [])));
  return { localAddresses: interfaces.flatMap((i) => i.addresses), interfaces, broadcastAddresses };
}

/** Whether kube-proxy programs rules on this host (a Node of the scenario): it has an IPv4 ruleset, empty or not. */
export const runsKubeProxy = (ctx: TraceContext, host: string): boolean => ctx.ruleset(host, 4) !== undefined;
