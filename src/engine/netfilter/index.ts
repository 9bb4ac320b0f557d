// The netfilter evaluator for generated rules (iptables-restore text in, verdicts, NAT and
// the rules walked out): the public surface of this folder.

export * from './types';
export * from './packet';
export * from './eval-types';
export {
  parseRuleset, parseDualStackRulesets, parseDualStackRulesetsLazily, createRuleBodyCaches, renderParseError,
  type DualStackParseResult, type OnChainError, type ParseResult, type RuleBodyCache, type RulesetParseError,
} from './parse';
export { evaluateHook, HOOK_TABLES, type EvaluateInput } from './evaluate';
export { enumerateOutcomes, mergeOutcomes, seededChooser, type Enumeration, type Outcome } from './outcomes';
export { addressType } from './match';
export { findChain } from './rule-index';
export { evaluateRecent, RECENT_PKT_LIST_TOT } from './recent';
export { tokenizeRuleLine } from './tokenize';
