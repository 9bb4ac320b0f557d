// The packet: a dot at the current hop's host with a label `src -> dst`. A NAT hop shows the
// rewrite: the headers before, then after with the rewritten address highlighted; a DNS hop
// the query or answer; an encapsulated packet its outer header above the inner one. The
// group is moved by the tween (create-packet-tween.ts); this draws what rides in it.

import type { Hop, HopPacket } from '../../../engine';
import type { Box } from '../../layout/topology';
import { outerText } from './Tunnels';

const CHAR_W = 6.9;
const LINE_H = 16;
/** Long DNS answers are cut: the DNS inspector and the hop list have them whole. */
const MAX_CHARS = 64;
const cut = (s: string) => (s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s);

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
  /** Boxes the label should not cover (the Services' addresses and ports). */
  avoid: readonly Box[];
}

const hits = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function linesOf(hop: Hop): string[] {
  if (hop.kind === 'nat') return [`${hop.nat} (${hop.hook})`, packetLabel(hop.before), packetLabel(hop.packet)];
  if (hop.kind === 'dns') return [`DNS ${hop.event}`, cut(hop.text)];
  if ((hop.kind === 'encap' || hop.kind === 'decap' || hop.kind === 'wire') && hop.outer) return [`${hop.kind === 'wire' ? 'outer' : hop.kind} ${outerText(hop.outer)}`, `inner ${packetLabel(hop.packet)}`];
  return [packetLabel(hop.packet)];
}

export function PacketMarker({ hop, x, y, width, avoid }: Props) {
  const nat = hop.kind === 'nat' ? hop : null;
  const lines = linesOf(hop);
  const w = Math.max(...lines.map((l) => l.length)) * CHAR_W + 20;
  const h = lines.length * LINE_H + 10;
  // Centred above the dot, but never past the picture's edges; below it where above would
  // cover a Service's lines or leave the picture.
  const left = Math.min(Math.max(-w / 2, -x + 4), width - x - w - 4);
  const above = -h - 14;
  const blocked = y + above < 0 || avoid.some((b) => hits(b, { x: x + left, y: y + above, w, h }));
  const top = blocked ? 14 : above;
  const kind = nat ? 'nat' : hop.kind === 'dns' ? 'dns' : lines.length > 1 ? 'outer' : 'plain';
  return (
    <g className="packet" data-kind={hop.kind} data-leg={hop.leg}>
      <circle r={8} className="packet__dot" />
      <rect x={left} y={top} width={w} height={h} rx={6} className={`packet__box packet__box--${kind}`} />
      {nat ? (
        <>
          <text x={left + 10} y={top + 18} className="packet__nat">{lines[0]}</text>
          <text x={left + 10} y={top + 18 + LINE_H} className="packet__before">{lines[1]}</text>
          <text x={left + 10} y={top + 18 + 2 * LINE_H} className="packet__text"><Rewritten before={nat.before} after={nat.packet} /></text>
        </>
      ) : lines.map((l, i) => (
        <text key={i} x={left + 10} y={top + 18 + i * LINE_H} className={i === 0 && lines.length > 1 ? 'packet__nat' : 'packet__text'}>{l}</text>
      ))}
    </g>
  );
}
