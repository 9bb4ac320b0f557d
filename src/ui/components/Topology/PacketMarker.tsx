// The packet: a dot at the current hop's host with a label `src -> dst`. A NAT hop shows the
// rewrite (as does a load balancer's rewrite: AWS NLB to a node port or a pod): the headers
// before, then after with the rewritten address highlighted; a DNS hop the query or answer; a
// drop or reject its reason; an encapsulated packet its outer header above the inner one. The
// group is moved by the tween (create-packet-tween.ts); this draws what rides in it.

import type { Hop, HopPacket } from '../../../engine';
import { placeLabel } from '../../layout/label-place';
import type { Box } from '../../layout/topology';
import { outerText } from './Tunnels';

const CHAR_W = 6.9;
const LINE_H = 16;
/** Long DNS answers and drop reasons are wrapped to two lines and cut: the inspectors and the hop list have them whole. */
const MAX_CHARS = 64;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Words into at most `lines` lines of `max` characters, the last cut if the text goes on. */
export function wrapText(text: string, max: number, lines = 2): string[] {
  const out: string[] = [];
  let line = '';
  const words = text.split(' ');
  for (const [i, word] of words.entries()) {
    if (line === '' || line.length + 1 + word.length <= max) {
      line = line === '' ? word : `${line} ${word}`;
      continue;
    }
    if (out.length === lines - 1) return [...out, cut(`${line} ${words.slice(i).join(' ')}`, max)];
    out.push(cut(line, max));
    line = word;
  }
  return [...out, cut(line, max)];
}

const ep = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
export const packetLabel = (p: HopPacket) => `${ep(p.src, p.sport)} -> ${ep(p.dst, p.dport)}`;

function Rewritten({ before, after }: { before: HopPacket; after: HopPacket }) {
  const srcChanged = before.src !== after.src || before.sport !== after.sport;
  const dstChanged = before.dst !== after.dst || before.dport !== after.dport;
  return (
    <>
      <tspan className={srcChanged ? 'packet__changed' : undefined}>{ep(after.src, after.sport)}</tspan>
      {' -> '}
      <tspan className={dstChanged ? 'packet__changed' : undefined}>{ep(after.dst, after.dport)}</tspan>
    </>
  );
}

interface Props {
  hop: Hop;
  /** Where the marker is headed, to keep the label inside the picture. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Boxes the label should not cover (the Services', clients' and load balancers' text). */
  avoid: readonly Box[];
}

/** An address rewrite: by the kernel's NAT, or by a load balancer. */
function rewriteOf(hop: Hop): { title: string; before: HopPacket } | null {
  if (hop.kind === 'nat') return { title: `${hop.nat} (${hop.hook})`, before: hop.before };
  if (hop.kind === 'lb' && hop.before) return { title: `LB rewrite (${hop.host})`, before: hop.before };
  return null;
}

/** `max`: the characters a line of the label may hold in the picture. */
function linesOf(hop: Hop, max: number): string[] {
  const rw = rewriteOf(hop);
  if (rw) return [rw.title, packetLabel(rw.before), packetLabel(hop.packet)];
  if (hop.kind === 'dns') return [`DNS ${hop.event}`, ...wrapText(hop.text, max)];
  if (hop.kind === 'drop' || hop.kind === 'reject') return [...wrapText(`${hop.kind.toUpperCase()}: ${hop.reason}`, max), packetLabel(hop.packet)];
  if ((hop.kind === 'encap' || hop.kind === 'decap' || hop.kind === 'wire') && hop.outer) return [`${hop.kind === 'wire' ? 'outer' : hop.kind} ${outerText(hop.outer)}`, `inner ${packetLabel(hop.packet)}`];
  return [packetLabel(hop.packet)];
}

export function PacketMarker({ hop, x, y, width, height, avoid }: Props) {
  const nat = rewriteOf(hop);
  const lines = linesOf(hop, Math.min(MAX_CHARS, Math.floor((width - 28) / CHAR_W)));
  const w = Math.max(...lines.map((l) => l.length)) * CHAR_W + 20;
  const h = lines.length * LINE_H + 10;
  const { x: left, y: top } = placeLabel({ x, y }, w, h, { width, height }, avoid);
  const kind = nat ? 'nat' : hop.kind === 'dns' ? 'dns' : hop.kind === 'drop' || hop.kind === 'reject' ? 'drop' : lines.length > 1 ? 'outer' : 'plain';
  return (
    <g className="packet" data-kind={hop.kind} data-leg={hop.leg}>
      <circle r={8} className="packet__dot" />
      <rect x={left} y={top} width={w} height={h} rx={6} className={`packet__box packet__box--${kind}`} />
      {nat ? (
        <>
          <text x={left + 10} y={top + 18} className="packet__nat">{lines[0]}</text>
          <text x={left + 10} y={top + 18 + LINE_H} className="packet__before">{lines[1]}</text>
          <text x={left + 10} y={top + 18 + 2 * LINE_H} className="packet__text"><Rewritten before={nat.before} after={hop.packet} /></text>
        </>
      ) : lines.map((l, i) => (
        <text key={i} x={left + 10} y={top + 18 + i * LINE_H} className={i === 0 && lines.length > 1 ? 'packet__nat' : 'packet__text'}>{l}</text>
      ))}
    </g>
  );
}
