// Embed mode's only chrome: the scenario's title and a link to the full page (the same
// address without `embed`), which opens in a new tab so the course page stays put.

import { useAppStore } from '../../store/context';
import { selectScenarioInfo } from '../../store/selectors';

const fullHref = () => {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  return url.href;
};

export function EmbedBar() {
  const info = useAppStore(selectScenarioInfo);
  return (
    <div className="embed-bar">
      <h1 className="embed-bar__title">{info?.title ?? 'kubehops'}</h1>
      <a
        className="embed-bar__link" href={fullHref()} target="_blank" rel="noopener"
        onPointerDown={(e) => { e.currentTarget.href = fullHref(); }} onFocus={(e) => { e.currentTarget.href = fullHref(); }}
      >
        Open in kubehops
      </a>
    </div>
  );
}
