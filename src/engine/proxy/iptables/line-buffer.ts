// kube-proxy's proxyutil.LineBuffer: every iptables-restore line is its words joined by one
// space; arguments arrive as words or lists of words.

export type Word = string | readonly Word[];

/** One restore line from words, as LineBuffer.Write joins them. */
export const line = (...words: readonly Word[]): string => flatten(words).join(' ');

function flatten(words: readonly Word[], out: string[] = []): string[] {
  for (const w of words) {
    if (typeof w === 'string') out.push(w);
    else flatten(w, out);
  }
  return out;
}

/** The four buffers syncProxyRules fills; restore text is chains then rules per table. */
export interface RuleBuffers {
  readonly filterChains: string[];
  readonly filterRules: string[];
  readonly natChains: string[];
  readonly natRules: string[];
}

export const createRuleBuffers = (): RuleBuffers => ({ filterChains: [], filterRules: [], natChains: [], natRules: [] });

/** utiliptables.MakeChainLine. */
export const chainLine = (chain: string): string => `:${chain} - [0:0]`;
