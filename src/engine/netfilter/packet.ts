// The inputs a netfilter hook sees for one packet: the packet's headers and metadata
// (skb mark, in/out devices, bridge ports), the host's addresses (for addrtype), the
// conntrack view of the packet (ctinfo and NAT status bits), the xt_recent lists, and a
// chooser for xt_statistic's random draws. Plain data and one callback.

import type { IP } from '../net/ip';
import type { L4Proto } from './types';

export interface Packet {
  readonly family: 4 | 6;
  readonly src: IP;
  readonly dst: IP;
  readonly proto: L4Proto;
  readonly sport?: number;
  readonly dport?: number;
  /** Input device (PREROUTING, INPUT, FORWARD); absent elsewhere, as the kernel has none. */
  readonly inIface?: string;
  /** Output device (FORWARD, OUTPUT, POSTROUTING). */
  readonly outIface?: string;
  /** Bridge ports, for -m physdev (br_netfilter). */
  readonly physIn?: string;
  readonly physOut?: string;
  readonly bridged?: boolean;
  /** skb->mark, unsigned 32 bits. */
  readonly mark: number;
}

export interface HostInterface { readonly name: string; readonly addresses: readonly IP[] }

export interface HostContext {
  /** Addresses addrtype calls LOCAL (127.0.0.0/8 and ::1 always are). */
  readonly localAddresses: readonly IP[];
  /** Interfaces and their addresses (primary first): MASQUERADE's source, addrtype --limit-iface-*. */
  readonly interfaces?: readonly HostInterface[];
  readonly broadcastAddresses?: readonly IP[];
}

/** ctinfo as xt_conntrack sees it; `dnat`/`snat` are the IPS_DST_NAT/IPS_SRC_NAT status bits. */
export interface ConnInfo {
  readonly state: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';
  readonly dnat: boolean;
  readonly snat: boolean;
  /**
   * NAT bindings already set up for this connection (nf_nat_initialized): the nat table is
   * not consulted again for that manip type (a looped-back or retransmitted first packet).
   */
  readonly natDone?: { readonly dst: boolean; readonly src: boolean };
}

/** One xt_recent list entry: its address (after --mask) and hit times (ms, oldest first). */
export interface RecentEntry { readonly address: IP; readonly stamps: readonly number[] }
/** Every xt_recent list of the network namespace: name -> address -> entry. */
export type RecentLists = Readonly<Record<string, Readonly<Record<string, RecentEntry>>>>;

/**
 * Decides one xt_statistic random draw: true when the rule's random test hits, which it
 * does with `probability`. Supplied by the caller (seeded pick, or enumeration).
 */
export type Chooser = (probability: number) => boolean;
