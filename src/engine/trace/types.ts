// A trace: the typed hops of one connection's first packet from its source to its end and
// the reply back, as the kernel on every host would handle them (DESIGN.md, "Trace").
// Hops carry the packet's headers as they are at that point, so the UI can index into them.

import type { IP } from '../net/ip';
import type { Protocol } from '../model/k8s';
import type { Hook, TableName } from '../netfilter/types';

export type Leg = 'orig' | 'reply';

/** The headers a hop shows: what `tcpdump` would print at that point. */
export interface HopPacket {
  readonly proto: Protocol;
  readonly src: IP;
  readonly sport: number;
  readonly dst: IP;
  readonly dport: number;
}

export interface InterfaceRef {
  readonly host: string;
  readonly interface: string;
}

/** Who dropped or rejected a packet (DESIGN.md, the trace JSON's `decidedBy`). */
export interface DecidedBy {
  readonly component: 'kube-proxy' | 'kernel' | 'cni' | 'cloud-lb' | 'dns';
  readonly table?: TableName;
  readonly chain?: string;
  /** The rule as written in the ruleset, or the kernel's reason. */
  readonly rule?: string;
  readonly line?: number;
}

interface Base {
  readonly leg: Leg;
  /** Where it happens: `node/NAME`, `pod/NS/NAME`, `client/NAME`, `outside`, `remote/...`. */
  readonly host: string;
  readonly packet: HopPacket;
}

/** The outer header an overlay wraps the packet in (VXLAN: IP/UDP to the far VTEP). */
export interface OuterHeader {
  readonly encapsulation: 'vxlan';
  readonly vni: number;
  readonly src: IP;
  readonly sport: number;
  readonly dst: IP;
  readonly dport: number;
}

export type Hop =
  /** The source sends the packet (orig) or the destination answers (reply). */
  | Base & { readonly kind: 'emit' | 'reply'; readonly iface: string }
  | Base & { readonly kind: 'route'; readonly text: string; readonly outIface: string }
  /** Over a link; `outer` when it travels encapsulated (the packet is then the inner one). */
  | Base & { readonly kind: 'wire'; readonly from: InterfaceRef; readonly to: InterfaceRef; readonly outer?: OuterHeader }
  /** An overlay device wraps the packet (encap, leaving) or unwraps it (decap, arriving); the inner packet is unchanged. */
  | Base & { readonly kind: 'encap' | 'decap'; readonly iface: string; readonly outer: OuterHeader }
  | Base & { readonly kind: 'bridge'; readonly bridge: string; readonly inPort: string; readonly outPort: string; readonly hairpin: boolean }
  | Base & { readonly kind: 'conntrack'; readonly state: string; readonly direction: Leg; readonly entry: string }
  /** One netfilter hook on a host: the tables consulted and how many rules the kernel evaluated. */
  | Base & { readonly kind: 'hook'; readonly hook: Hook; readonly tables: readonly TableName[]; readonly rulesWalked: number; readonly verdict: string }
  /** A rule that matched (its target ran). */
  | Base & { readonly kind: 'rule'; readonly hook: Hook; readonly table: TableName; readonly chain: string; readonly line: number; readonly text: string }
  /** An address rewrite; `packet` is after it, `before` before. */
  | Base & { readonly kind: 'nat'; readonly hook: Hook; readonly nat: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'un-DNAT' | 'un-SNAT'; readonly before: HopPacket }
  | Base & { readonly kind: 'deliver'; readonly iface: string }
  | Base & { readonly kind: 'leave'; readonly reason: string }
  /** A name's resolution (dns-walk.ts): a query the pod sends, an answer the DNS server gives, the result, or a warning about it. */
  | Base & { readonly kind: 'dns'; readonly event: 'query' | 'answer' | 'result' | 'warning'; readonly text: string }
  | Base & { readonly kind: 'drop' | 'reject'; readonly reason: string; readonly decidedBy: DecidedBy }
  /** The cloud load balancer (src/engine/cloud) at work; `packet` is after a rewrite, `before` before it. */
  | Base & {
    readonly kind: 'lb'; readonly event: LbEvent; readonly text: string;
    /** health, pick, flow: the target concerned (`node/NAME`, `pod/NS/NAME`). */
    readonly target?: string;
    /** health: whether the target passed its check. */
    readonly healthy?: boolean;
    /** pick: the probability of this pick given the healthy targets. */
    readonly probability?: number;
    readonly before?: HopPacket;
  };

/**
 * What a load balancer hop shows: a target's health check, the pick among healthy targets,
 * the flow table (a new or known flow, an answer matched to its flow), a rewrite of the
 * packet's addresses, the cloud network handing an answer back to the LB, or the node that
 * answers ARP for the IP (MetalLB layer 2).
 */
export type LbEvent = 'health' | 'pick' | 'flow' | 'rewrite' | 'return' | 'arp';

export type Verdict = 'delivered' | 'dropped' | 'rejected' | 'unhandled';

/** One possible fate of the connection (DESIGN.md, `kubehops trace --json`). */
export interface TraceOutcome {
  readonly probability: number;
  readonly verdict: Verdict;
  /** Where DNAT sent the packet, `IP:PORT` (`[ip]:port` for IPv6). */
  readonly dnat: string | null;
  /** The source address SNAT or MASQUERADE gave the packet. */
  readonly snat: string | null;
  /** Marked for masquerade, even where the address did not change. */
  readonly masqueraded: boolean;
  readonly deliveredTo: string | null;
  readonly sourceSeenByDestination: IP | null;
  /**
   * The answer reached the source from the address it called, so the connection works.
   * False when it was lost, or came back un-NATed from another address (the source's kernel
   * then resets it): "delivered" alone does not mean the client got an answer.
   */
  readonly replyReturned: boolean;
  readonly decidedBy?: DecidedBy;
  /** Rules the kernel evaluated over the whole trace (the hops list only those that matched). */
  readonly rulesWalked: number;
  readonly hops: readonly Hop[];
}

/** A packet to trace: from a source, to an address and port. */
export interface TraceRequest {
  readonly from: string;
  readonly to: string;
  readonly proto?: Protocol;
}
