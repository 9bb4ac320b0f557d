// What evaluating one netfilter hook produces: the verdict and who decided it, the packet
// as it leaves the hook, the NAT the nat table chose, mark changes, xt_recent operations,
// statistic draws, and the walk: every rule the kernel evaluated, in order, as runs of
// rules that did not match and single rules that did.

import type { IP } from '../net/ip';
import type { ConnInfo, Packet, RecentLists } from './packet';
import type { Hook, PortRange, RecentMode, RuleRef, TableName } from './types';

export type Verdict =
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP'; readonly reason?: string }
  | { readonly kind: 'REJECT'; readonly rejectWith: string };

/** Who decided: a rule, or a built-in chain's policy. */
export interface Decider {
  readonly table: TableName;
  readonly chain: string;
  readonly rule?: RuleRef;
  readonly policy?: 'ACCEPT' | 'DROP';
}

/**
 * A stretch of the walk: rules `from`..`to` (inclusive) of one chain, all tested; `matched`
 * steps are single rules whose every match held (their target then ran).
 */
export interface WalkStep {
  readonly table: TableName;
  readonly chain: string;
  readonly from: number;
  readonly to: number;
  readonly matched: boolean;
}

export interface DnatDecision { readonly ip: IP; readonly port?: number; readonly rule: RuleRef }
/** Source NAT chosen by SNAT or MASQUERADE; the port is chosen by conntrack (nf_nat_setup_info). */
export interface SnatDecision {
  readonly target: 'SNAT' | 'MASQUERADE';
  readonly ip: IP;
  readonly ports?: PortRange;
  readonly random: boolean;
  readonly randomFully: boolean;
  readonly rule: RuleRef;
}
export interface NatDecision { readonly dnat?: DnatDecision; readonly snat?: SnatDecision }

export interface MarkChange { readonly rule: RuleRef; readonly from: number; readonly to: number }
export interface RecentOp { readonly rule: RuleRef; readonly name: string; readonly mode: RecentMode; readonly address: IP; readonly matched: boolean }
export interface RandomDraw { readonly rule: RuleRef; readonly probability: number; readonly hit: boolean }

export interface TableOutcome { readonly table: TableName; readonly verdict: Verdict; readonly decidedBy: Decider }

export interface HookResult {
  readonly hook: Hook;
  readonly verdict: Verdict;
  /** The rule or policy that dropped or rejected the packet; undefined when it was accepted. */
  readonly decidedBy?: Decider;
  /** The tables consulted, in the kernel's priority order, with their verdicts. */
  readonly tables: readonly TableOutcome[];
  /** The packet as it leaves the hook: destination NAT and marks applied (source NAT is in `nat`). */
  readonly packet: Packet;
  /** Conntrack view after the hook (IPS_DST_NAT set by DNAT; NAT bindings done). */
  readonly conn: ConnInfo;
  readonly nat: NatDecision;
  readonly marks: readonly MarkChange[];
  readonly recent: RecentLists;
  readonly recentOps: readonly RecentOp[];
  readonly random: readonly RandomDraw[];
  readonly walk: readonly WalkStep[];
  /** How many rules the kernel evaluated (linear walk), matched or not. */
  readonly rulesWalked: number;
}
