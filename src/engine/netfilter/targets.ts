// What each target does when its rule matches (net/netfilter/xt_*.c, ipt_REJECT.c,
// nf_nat_core.c, nf_nat_masquerade.c): verdicts end the table (ACCEPT) or the hook
// (DROP, REJECT); a jump enters a user chain (-g without a return point); RETURN pops;
// MARK rewrites skb->mark and continues; DNAT/SNAT/MASQUERADE set up the connection's NAT
// binding and end the nat table with NF_ACCEPT. MASQUERADE takes the output device's
// first address of the packet's family, and drops the packet when there is none.

import type { MarkChange, NatDecision, Verdict } from './eval-types';
import type { MatchEnv } from './match';
import type { HostContext, Packet } from './packet';
import { ruleRef, type Rule } from './types';
import { parseIP, type IP } from '../net/ip';

export interface TargetEffects {
  readonly env: MatchEnv;
  readonly host: HostContext;
  nat: NatDecision;
  readonly marks: MarkChange[];
}

export type TargetStep =
  | { readonly kind: 'continue' }
  | { readonly kind: 'return' }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string }
  | { readonly kind: 'verdict'; readonly verdict: Verdict };

const ACCEPT: TargetStep = { kind: 'verdict', verdict: { kind: 'ACCEPT' } };

/**
 * inet_select_addr(out, nexthop, RT_SCOPE_UNIVERSE): the out device's first address of the
 * family; a device with none (an unnumbered veth, as routed CNIs make) falls back to the
 * first address of the host's devices, in ifindex order, that is not loopback's.
 */
function masqueradeSource(host: HostContext, p: Packet): IP | undefined {
  const ofFamily = (addresses: readonly IP[]) => addresses.find((a) => parseIP(a)?.family === p.family);
  const iface = host.interfaces?.find((i) => i.name === p.outIface);
  if (!iface) return undefined;
  return ofFamily(iface.addresses) ?? ofFamily((host.interfaces ?? []).filter((i) => i.name !== 'lo').flatMap((i) => i.addresses));
}

function dnat(rule: Rule, t: Extract<Rule['target'], { kind: 'DNAT' }>, fx: TargetEffects): TargetStep {
  const p = fx.env.packet;
  const port = t.ports?.from ?? p.dport;
  fx.nat = { ...fx.nat, dnat: { ip: t.ip, ...(t.ports && { port: t.ports.from }), rule: ruleRef(rule) } };
  if (t.ip !== p.dst || port !== p.dport) {
    fx.env.packet = { ...p, dst: t.ip, ...(port !== undefined && { dport: port }) };
    fx.env.conn = { ...fx.env.conn, dnat: true };
  }
  return ACCEPT;
}

function snat(rule: Rule, fx: TargetEffects): TargetStep {
  const t = rule.target;
  if (t.kind === 'SNAT') {
    fx.nat = { ...fx.nat, snat: { target: 'SNAT', ip: t.ip, ...(t.ports && { ports: t.ports }), random: t.random, randomFully: t.randomFully, rule: ruleRef(rule) } };
    return ACCEPT;
  }
  if (t.kind !== 'MASQUERADE') return ACCEPT;
  const ip = masqueradeSource(fx.host, fx.env.packet);
  if (!ip) return { kind: 'verdict', verdict: { kind: 'DROP', reason: `MASQUERADE: ${fx.env.packet.outIface ?? '(no device)'} ate my IP address` } };
  fx.nat = { ...fx.nat, snat: { target: 'MASQUERADE', ip, ...(t.ports && { ports: t.ports }), random: t.random, randomFully: t.randomFully, rule: ruleRef(rule) } };
  return ACCEPT;
}

export function applyTarget(rule: Rule, fx: TargetEffects): TargetStep {
  const t = rule.target;
  switch (t.kind) {
    case 'none': return { kind: 'continue' };
    case 'jump': case 'goto': return { kind: t.kind, chain: t.chain };
    case 'RETURN': return { kind: 'return' };
    case 'ACCEPT': case 'DROP': return { kind: 'verdict', verdict: { kind: t.kind } };
    case 'REJECT': return { kind: 'verdict', verdict: { kind: 'REJECT', rejectWith: t.rejectWith } };
    case 'MARK': {
      const from = fx.env.packet.mark;
      const to = ((from & ~t.mark.mask) ^ t.mark.value) >>> 0;
      fx.env.packet = { ...fx.env.packet, mark: to };
      fx.marks.push({ rule: ruleRef(rule), from, to });
      return { kind: 'continue' };
    }
    case 'DNAT': return dnat(rule, t, fx);
    case 'SNAT': case 'MASQUERADE': return snat(rule, fx);
  }
}
