// The inspectors: the packet at the current hop, the outcome, the DNS exchange (for a trace
// to a name), the node's ruleset, the conntrack tables and the destination's EndpointSlices.

import type { ReactNode } from 'react';
import { ConntrackInspector } from './ConntrackInspector';
import { DnsInspector } from './DnsInspector';
import { OutcomeInspector } from './OutcomeInspector';
import { PacketInspector } from './PacketInspector';
import { RulesetInspector } from './RulesetInspector';
import { SliceInspector } from './SliceInspector';

function Panel({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`panel inspector${wide ? ' inspector--wide' : ''}`} aria-labelledby={`${id}-title`} data-inspector={id}>
      <div className="panel__head"><h2 id={`${id}-title`} className="panel__title">{title}</h2></div>
      <div className="inspector__body">{children}</div>
    </section>
  );
}

export function Inspectors() {
  return (
    <div className="inspectors">
      <Panel id="packet" title="Packet"><PacketInspector /></Panel>
      <Panel id="outcome" title="Outcome"><OutcomeInspector /></Panel>
      <DnsInspector />
      <Panel id="rules" title="Rules" wide><RulesetInspector /></Panel>
      <Panel id="conntrack" title="Conntrack" wide><ConntrackInspector /></Panel>
      <Panel id="endpointslice" title="EndpointSlice" wide><SliceInspector /></Panel>
    </div>
  );
}
