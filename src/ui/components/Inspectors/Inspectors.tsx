// The inspectors: the packet at the current hop, the outcome, and the node's ruleset.

import { OutcomeInspector } from './OutcomeInspector';
import { PacketInspector } from './PacketInspector';
import { RulesetInspector } from './RulesetInspector';

export function Inspectors() {
  return (
    <div className="inspectors">
      <section className="panel inspector" aria-labelledby="packet-title">
        <div className="panel__head"><h2 id="packet-title" className="panel__title">Packet</h2></div>
        <div className="inspector__body"><PacketInspector /></div>
      </section>
      <section className="panel inspector" aria-labelledby="outcome-title">
        <div className="panel__head"><h2 id="outcome-title" className="panel__title">Outcome</h2></div>
        <div className="inspector__body"><OutcomeInspector /></div>
      </section>
      <section className="panel inspector inspector--wide" aria-labelledby="rules-title">
        <div className="panel__head"><h2 id="rules-title" className="panel__title">Rules</h2></div>
        <div className="inspector__body"><RulesetInspector /></div>
      </section>
    </div>
  );
}
