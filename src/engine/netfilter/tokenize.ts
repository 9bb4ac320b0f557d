// Splits a rule line into arguments the way iptables-restore does (add_param_to_argv in
// iptables/xshared.c): whitespace separates words, a double quote opens or closes a quoted
// stretch (which may sit inside a word), and inside quotes a backslash escapes the next
// character. An unterminated quote is an error, as it is for iptables-restore.

export type TokenizeResult = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly error: string };

// A quoted stretch, an unquoted stretch, or whitespace; sticky, so pieces are consecutive.
const PIECE = /"((?:[^"\\]|\\[\s\S])*)"|([^\s"]+)|(\s+)|(")/y;

export function tokenizeRuleLine(line: string): TokenizeResult {
  // Most lines have no quotes: plain whitespace splitting gives the same words, faster.
  if (!line.includes('"')) return { ok: true, words: line.split(/\s+/).filter((w) => w !== '') };
  const words: string[] = [];
  let word: string | undefined;
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(line); m; m = PIECE.exec(line)) {
    if (m[4] !== undefined) return { ok: false, error: 'unterminated quoted string' };
    if (m[3] !== undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    const piece = m[1] !== undefined ? m[1].replace(/\\([\s\S])/g, '$1') : m[2]!;
    word = (word ?? '') + piece;
  }
  if (word !== undefined) words.push(word);
  return { ok: true, words };
}
