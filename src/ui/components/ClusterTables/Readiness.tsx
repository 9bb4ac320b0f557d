// Readiness in words and a shape, never colour alone.

import type { EndpointRow } from '../../format/cluster-rows';
import { NONE } from '../../format/cluster-rows';

export function Readiness({ ready }: { ready: boolean }) {
  return (
    <span className={`badge ${ready ? 'badge--ok' : 'badge--warn'}`}>
      <span className="badge__dot" aria-hidden="true" />
      {ready ? 'Ready' : 'Not ready'}
    </span>
  );
}

export function Endpoints({ endpoints }: { endpoints: readonly EndpointRow[] }) {
  if (endpoints.length === 0) return <span className="mono">{NONE}</span>;
  return (
    <ul className="endpoints">
      {endpoints.map((e) => (
        <li key={e.address}>
          <span className="mono">{e.address}</span>{' '}
          <Readiness ready={e.ready} />
        </li>
      ))}
    </ul>
  );
}
