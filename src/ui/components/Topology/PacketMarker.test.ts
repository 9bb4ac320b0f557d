import { describe, expect, it } from 'vitest';
import { wrapText } from './PacketMarker';

describe('wrapText', () => {
  it('keeps a short text on one line', () => {
    expect(wrapText('DROP: no endpoints', 40)).toEqual(['DROP: no endpoints']);
  });

  it('wraps at words into two lines and cuts the rest', () => {
    const text = 'REJECT: default/web:http has no endpoints (icmp-port-unreachable)';
    expect(wrapText(text, 30)).toEqual(['REJECT: default/web:http has', 'no endpoints (icmp-port-unrea…']);
    for (const line of wrapText(text, 30)) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('cuts a word longer than a line', () => {
    expect(wrapText('x'.repeat(50), 20)).toEqual([`${'x'.repeat(19)}…`]);
  });
});
