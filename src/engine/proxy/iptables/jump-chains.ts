// What kube-proxy installs outside iptables-restore, because it must not own the built-in
// chains: the KUBE-PROXY-CANARY chains its monitor watches, then for each of
// iptablesJumpChains and iptablesKubeletJumpChains (pkg/proxy/iptables/proxier.go) an
// EnsureChain and an EnsureRule(Prepend) — so the last jump listed ends up first — then the
// nfacct counters its rules count into (created over netlink; written as `nfacct add`).

import type { IPFamily } from '../../net/ip';
import {
  KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_CANARY,
  KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './names';
import { CT_STATE_INVALID_DROPPED, LOCALHOST_NODEPORTS_ACCEPTED } from './proxier-config';

export interface JumpChain {
  readonly table: 'filter' | 'nat';
  readonly dstChain: string;
  readonly srcChain: string;
  readonly comment: string;
  readonly extraArgs: readonly string[];
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

export const IPTABLES_JUMP_CHAINS: readonly JumpChain[] = [
  { table: 'filter', dstChain: KUBE_EXTERNAL_SERVICES, srcChain: 'INPUT', comment: 'kubernetes externally-visible service portals', extraArgs: NEW },
  { table: 'filter', dstChain: KUBE_EXTERNAL_SERVICES, srcChain: 'FORWARD', comment: 'kubernetes externally-visible service portals', extraArgs: NEW },
  { table: 'filter', dstChain: KUBE_NODEPORTS, srcChain: 'INPUT', comment: 'kubernetes health check service ports', extraArgs: [] },
  { table: 'filter', dstChain: KUBE_SERVICES, srcChain: 'FORWARD', comment: 'kubernetes service portals', extraArgs: NEW },
  { table: 'filter', dstChain: KUBE_SERVICES, srcChain: 'OUTPUT', comment: 'kubernetes service portals', extraArgs: NEW },
  { table: 'filter', dstChain: KUBE_FORWARD, srcChain: 'FORWARD', comment: 'kubernetes forwarding rules', extraArgs: [] },
  { table: 'filter', dstChain: KUBE_PROXY_FIREWALL, srcChain: 'INPUT', comment: 'kubernetes load balancer firewall', extraArgs: NEW },
  { table: 'filter', dstChain: KUBE_PROXY_FIREWALL, srcChain: 'OUTPUT', comment: 'kubernetes load balancer firewall', extraArgs: NEW },
  { table: 'filter', dstChain: KUBE_PROXY_FIREWALL, srcChain: 'FORWARD', comment: 'kubernetes load balancer firewall', extraArgs: NEW },
  { table: 'nat', dstChain: KUBE_SERVICES, srcChain: 'OUTPUT', comment: 'kubernetes service portals', extraArgs: [] },
  { table: 'nat', dstChain: KUBE_SERVICES, srcChain: 'PREROUTING', comment: 'kubernetes service portals', extraArgs: [] },
  { table: 'nat', dstChain: KUBE_POSTROUTING, srcChain: 'POSTROUTING', comment: 'kubernetes postrouting rules', extraArgs: [] },
  // kube-proxy's copies of the jumps kubelet used to create.
  { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'INPUT', comment: '', extraArgs: [] },
  { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'OUTPUT', comment: '', extraArgs: [] },
];

const CANARY_TABLES = ['mangle', 'nat', 'filter'] as const;

/** The jump rule's arguments: extra args, the comment (quoted as a shell would need), the target. */
export const jumpArgs = (j: JumpChain): string[] => [
  ...j.extraArgs, ...(j.comment === '' ? [] : ['-m', 'comment', '--comment', `"${j.comment}"`]), '-j', j.dstChain,
];

/** The set-up commands in the order kube-proxy runs them on a full sync. */
export function renderJumpCommands(family: IPFamily, createCounters: boolean): string[] {
  const cmd = family === 4 ? 'iptables' : 'ip6tables';
  const lines = CANARY_TABLES.map((t) => `${cmd} -t ${t} -N ${KUBE_PROXY_CANARY}`);
  const created = new Set<string>();
  for (const j of IPTABLES_JUMP_CHAINS) {
    // EnsureChain is idempotent; `-N` is written once per chain.
    if (!created.has(`${j.table}/${j.dstChain}`)) lines.push(`${cmd} -t ${j.table} -N ${j.dstChain}`);
    created.add(`${j.table}/${j.dstChain}`);
    lines.push(`${cmd} -t ${j.table} -I ${j.srcChain} ${jumpArgs(j).join(' ')}`);
  }
  if (createCounters) for (const name of [CT_STATE_INVALID_DROPPED, LOCALHOST_NODEPORTS_ACCEPTED]) lines.push(`nfacct add ${name}`);
  return lines;
}
