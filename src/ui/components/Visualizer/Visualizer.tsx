// The stage: what to send, the answer (the source IP the backend saw), the topology with the
// packet on it, the what-if toggles, time control, the hop list and the inspectors (not in
// embed mode, where an iframe has room for the view and its controls only).

import { usePlaybackClock } from '../../hooks/use-playback-clock';
import { useShortcuts } from '../../hooks/use-shortcuts';
import { useAppStore } from '../../store/context';
import { selectCurrentHop, selectSent } from '../../store/trace-selectors';
import { ConnectionRun } from '../ConnectionRun/ConnectionRun';
import { HopList } from '../HopList/HopList';
import { Inspectors } from '../Inspectors/Inspectors';
import { ProbeControls } from '../ProbeControls/ProbeControls';
import { SourceSeen } from '../SourceSeen/SourceSeen';
import { TimeControls } from '../TimeControls/TimeControls';
import { Topology } from '../Topology/Topology';
import { WhatIf } from '../WhatIf/WhatIf';

export function Visualizer({ embed = false }: { embed?: boolean }) {
  usePlaybackClock();
  useShortcuts();
  const sent = useAppStore(selectSent);
  const hop = useAppStore(selectCurrentHop);
  return (
    <section className="viz" aria-labelledby="viz-title" data-sent={sent !== null}>
      <div className="panel viz__send">
        <div className="panel__head"><h2 id="viz-title" className="panel__title">Send a packet</h2></div>
        <div className="viz__send-body">
          <ProbeControls />
          <div className="viz__answer">
            <SourceSeen />
            <ConnectionRun />
          </div>
        </div>
      </div>
      <div className="viz__stage">
        <div className="panel viz__picture">
          <Topology />
          <TimeControls />
          {hop && <p className="viz__now mono" data-kind={hop.kind}>{hop.leg === 'orig' ? 'request' : 'reply'} · {hop.kind} · {hop.host}</p>}
        </div>
        <WhatIf />
      </div>
      <div className="viz__detail">
        <HopList />
        {!embed && <Inspectors />}
      </div>
    </section>
  );
}
