// What-if toggles on the destination's Service: each edits the loaded cluster's Service (not
// the YAML) and, once a packet was sent, re-runs it at once. The kube-proxy mode and the CNI
// model: the modes kubehops does not simulate yet are disabled; the CNI model re-runs the
// trace on the cluster as if its Cluster document named another model, except where that
// model cannot route the scenario's pod IPs (then it is disabled, with the reason).

import { useAppStore } from '../../store/context';
import { selectCluster } from '../../store/selectors';
import { selectCni, selectCniBlockers, selectSetCni, selectSetToggle, selectTargetService } from '../../store/trace-selectors';
import { CNI_MODELS } from '../../trace/cni';
import { TOGGLES, TOGGLE_NAMES, effectiveToggle, toggleApplies } from '../../trace/what-if';
import { serviceKey } from '../../trace/probe-options';
import { RadioGroup } from './RadioGroup';

const MODES = ['iptables', 'nftables', 'ipvs'] as const;

const NOTES: Record<string, string> = {
  externalTrafficPolicy: 'Only NodePort, LoadBalancer and externalIPs have one.',
};

export function WhatIf() {
  const cluster = useAppStore(selectCluster);
  const svc = useAppStore(selectTargetService);
  const setToggle = useAppStore(selectSetToggle);
  const cni = useAppStore(selectCni);
  const setCni = useAppStore(selectSetCni);
  const blockers = useAppStore(selectCniBlockers);
  return (
    <section className="whatif panel" aria-labelledby="whatif-title">
      <div className="panel__head">
        <h2 id="whatif-title" className="panel__title">What if</h2>
      </div>
      <div className="whatif__body">
        <p className="whatif__target">
          {svc ? <>Service <code>{serviceKey(svc)}</code></> : 'The destination is not a Service: nothing to toggle.'}
        </p>
        {TOGGLE_NAMES.map((name) => {
          const applies = svc !== undefined && toggleApplies(svc, name);
          return (
            <RadioGroup
              key={name} legend={name} options={TOGGLES[name]}
              value={svc && applies ? effectiveToggle(svc, name) : undefined}
              disabled={() => !applies}
              onChange={(v) => setToggle(name, v)}
              {...(svc && !applies && NOTES[name] ? { note: NOTES[name] } : {})}
            />
          );
        })}
        <RadioGroup
          legend="kube-proxy mode" options={MODES} value={cluster?.proxy.mode}
          disabled={(m) => m !== 'iptables'} note="nftables and ipvs: not simulated yet."
        />
        <RadioGroup
          legend="CNI" options={CNI_MODELS} value={cni ?? cluster?.spec.cni.model}
          disabled={(m) => blockers.some(([b]) => b === m)} onChange={setCni}
          note={[`The scenario runs ${cluster?.spec.cni.model ?? '—'}.`, ...blockers.map(([m, why]) => `${m} is off: ${why}.`)].join(' ')}
        />
      </div>
    </section>
  );
}
