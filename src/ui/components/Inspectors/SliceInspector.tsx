// The destination Service's EndpointSlices: each endpoint's addresses, conditions (ready,
// serving, terminating), node, zone and topology hints, in the API's own words.

import type { Endpoint } from '../../../engine';
import { useAppStore } from '../../store/context';
import { selectDestinationSlices } from '../../store/inspect-selectors';
import { serviceKey } from '../../trace/probe-options';

const cond = (v: boolean | undefined) => (v === undefined ? 'unset' : String(v));
const hints = (e: Endpoint) => [
  ...(e.hints?.forZones ?? []).map((z) => `zone ${z.name}`), ...(e.hints?.forNodes ?? []).map((n) => `node ${n.name}`),
].join(', ') || '—';

export function SliceInspector() {
  const view = useAppStore(selectDestinationSlices);
  if (!view) return <p className="inspector__empty">The destination is not a Service.</p>;
  const { service, slices } = view;
  return (
    <>
      <p className="ruleset__caption">
        EndpointSlices of <code>{serviceKey(service)}</code>{service.spec.type === 'ExternalName' ? ' (an ExternalName Service has none)' : ''}.
      </p>
      {slices.length === 0 && service.spec.type !== 'ExternalName' && <p className="inspector__empty">No EndpointSlices: no endpoints, so kube-proxy rejects the connection.</p>}
      {slices.map((sl) => (
        <div key={sl.metadata.name} className="table-scroll">
          <table className="table inspector__table slice" aria-label={`EndpointSlice ${sl.metadata.name}`}>
            <caption className="slice__caption mono">
              {sl.metadata.name} · {sl.addressType} · ports {(sl.ports ?? []).map((p) => `${p.name ? `${p.name}=` : ''}${p.port}/${p.protocol ?? 'TCP'}`).join(', ') || '—'}
            </caption>
            <thead>
              <tr><th scope="col">Addresses</th><th scope="col">ready</th><th scope="col">serving</th><th scope="col">terminating</th><th scope="col">Node</th><th scope="col">Zone</th><th scope="col">Hints</th></tr>
            </thead>
            <tbody>
              {sl.endpoints.map((e) => (
                <tr key={e.addresses.join(',')} data-ready={e.conditions?.ready !== false}>
                  <th scope="row" className="mono">{e.addresses.join(', ')}{e.targetRef?.name ? ` (${e.targetRef.name})` : ''}</th>
                  <td className="mono">{cond(e.conditions?.ready)}</td>
                  <td className="mono">{cond(e.conditions?.serving)}</td>
                  <td className="mono">{cond(e.conditions?.terminating)}</td>
                  <td>{e.nodeName ?? '—'}</td>
                  <td>{e.zone ?? '—'}</td>
                  <td>{hints(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
