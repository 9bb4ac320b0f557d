// The packet: a dot at the current hop's host with a label `src -> dst`. A NAT hop shows the
// rewrite: the headers before, then after with the rewritten address highlighted. The group
// is moved by the tween (create-packet-tween.ts); this draws what rides in it.

import type { Hop, HopPacket } from '../../../engine';

const CHAR_W = 6.9;
const LINE_H = 16;

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
  width: number;
}

export function PacketMarker({ hop, x, width }: Props) {
  const nat = hop.kind === 'nat' ? hop : null;
  const lines = nat ? [`${nat.nat} (${nat.hook})`, packetLabel(nat.before), packetLabel(nat.packet)] : [packetLabel(hop.packet)];
  const w = Math.max(...lines.map((l) => l.length)) * CHAR_W + 20;
  const h = lines.length * LINE_H + 10;
  // Centred above the dot, but never past the picture's edges.
  const left = Math.min(Math.max(-w / 2, -x + 4), width - x - w - 4);
  const top = -h - 14;
  return (
    <g className="packet" data-kind={hop.kind} data-leg={hop.leg}>
      <circle r={8} className="packet__dot" />
      <rect x={left} y={top} width={w} height={h} rx={6} className={nat ? 'packet__box packet__box--nat' : 'packet__box'} />
      {nat ? (
        <>
          <text x={left + 10} y={top + 18} className="packet__nat">{lines[0]}</text>
          <text x={left + 10} y={top + 18 + LINE_H} className="packet__before">{lines[1]}</text>
          <text x={left + 10} y={top + 18 + 2 * LINE_H} className="packet__text"><Rewritten before={nat.before} after={nat.packet} /></text>
        </>
      ) : (
        <text x={left + 10} y={top + 18} className="packet__text">{lines[0]}</text>
      )}
    </g>
  );
}
