// The browser host: one store for the page, the scenario, edits and view named in the
// address bar (or the defaults), rendered by React.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App/App';
import { AppStoreProvider } from './store/context';
import { createAppStore } from './store/create-app-store';
import { restoreView } from './store/view-state';
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO_ID } from './scenarios';
import { readAnimateParam, readEmbedParam, readScenarioParam, readViewParams } from './url-state';
import { decodeYaml, readYamlParam } from './yaml-param';
import './styles/app.css';
import './styles/panels.css';
import './styles/visualizer.css';
import './styles/topology.css';
import './styles/inspectors.css';

const search = window.location.search;
const asked = readScenarioParam(search);
const known = BUILT_IN_SCENARIOS.some((s) => s.id === asked);
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const store = createAppStore({
  catalogue: BUILT_IN_SCENARIOS,
  initialId: known && asked !== null ? asked : DEFAULT_SCENARIO_ID,
  animate: (readAnimateParam(search) ?? true) && !reducedMotion,
});
// A link names a view (and edits) of its own scenario only.
const yaml = readYamlParam(search);
const edited = known && yaml !== null ? await decodeYaml(yaml) : null;
if (edited !== null) {
  store.getState().editText(edited);
  store.getState().applyText();
}
if (known) restoreView(store, readViewParams(search));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App embed={readEmbedParam(search)} />
    </AppStoreProvider>
  </StrictMode>,
);
