// The scenario's title and story, and the cluster-wide settings a packet's path depends on.

import { useAppStore } from '../../store/context';
import {
  selectClusterFacts, selectErrors, selectIsEdited, selectIsStale, selectLoadError, selectScenarioInfo,
} from '../../store/selectors';

function StaleNotice() {
  const stale = useAppStore(selectIsStale);
  const errors = useAppStore(selectErrors);
  const loadError = useAppStore(selectLoadError);
  if (!stale) return null;
  const what = loadError !== null ? 'The YAML could not be loaded' : `The YAML has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`;
  return (
    <p className="notice notice--warn">
      {what}: showing the last valid cluster. <a href="#problems">See the problems</a>.
    </p>
  );
}

export function ScenarioIntro() {
  const info = useAppStore(selectScenarioInfo);
  const edited = useAppStore(selectIsEdited);
  const facts = useAppStore(selectClusterFacts);
  return (
    <section className="intro" aria-labelledby="scenario-title">
      <p className="intro__eyebrow">
        Scenario <code>{info?.id}</code>
        {edited && <span className="tag">edited</span>}
      </p>
      <h1 id="scenario-title" className="intro__title">{info?.title ?? 'No scenario'}</h1>
      {info?.story && <p className="intro__story">{info.story}</p>}
      {facts.length > 0 && (
        <dl className="facts" aria-label="Cluster settings">
          {facts.map((f) => (
            <div key={f.term} className="facts__item">
              <dt>{f.term}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <StaleNotice />
    </section>
  );
}
