// kube-proxy's iptables mode for kubehops: the ruleset one node gets, as kube-proxy feeds it
// to iptables-restore (with the set-up commands before it), and as iptables-save shows it.

export { iptablesRuleset, rulesForNode, ruleLinesForNode, nodeFamilies, IP6TABLES_MARKER, RESTORE_MARKER } from './ruleset';
export { renderIptablesSave } from './save';
export { syncProxyRules, renderRestoreInput } from './sync';
export type { IptablesOptions } from './proxier-config';
export type { RuleBuffers } from './line-buffer';
