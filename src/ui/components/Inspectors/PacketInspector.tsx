// The packet's headers at the current hop; for a NAT hop, before and after, with the
// rewritten fields marked.

import type { HopPacket } from '../../../engine';
import { useAppStore } from '../../store/context';
import { selectCurrentHop } from '../../store/trace-selectors';

const FIELDS = ['proto', 'src', 'sport', 'dst', 'dport'] as const;
// tcpdump's and conntrack's words, short enough for a narrow column.
const NAMES: Record<(typeof FIELDS)[number], string> = { proto: 'proto', src: 'src', sport: 'sport', dst: 'dst', dport: 'dport' };

export function PacketInspector() {
  const hop = useAppStore(selectCurrentHop);
  if (!hop) return <p className="inspector__empty">No packet sent yet.</p>;
  const before: HopPacket | null = hop.kind === 'nat' ? hop.before : null;
  return (
    <table className="table inspector__table" aria-label="Packet headers">
      <thead>
        <tr>
          <th scope="col">Header</th>
          {before && <th scope="col">Before {hop.kind === 'nat' ? hop.nat : ''}</th>}
          <th scope="col">{before ? 'After' : `At ${hop.host}`}</th>
        </tr>
      </thead>
      <tbody>
        {FIELDS.map((f) => {
          const changed = before !== null && before[f] !== hop.packet[f];
          return (
            <tr key={f} data-changed={changed}>
              <th scope="row">{NAMES[f]}</th>
              {before && <td className="mono">{String(before[f])}</td>}
              <td className="mono">{String(hop.packet[f])}{changed && <span className="changed-tag">rewritten</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
