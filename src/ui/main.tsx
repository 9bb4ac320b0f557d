// The browser host: one store for the page, the scenario named in the address bar (or the
// default), rendered by React.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App/App';
import { AppStoreProvider } from './store/context';
import { createAppStore } from './store/create-app-store';
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO_ID } from './scenarios';
import { readScenarioParam } from './url-state';
import './styles/app.css';
import './styles/panels.css';

const asked = readScenarioParam(window.location.search);
const known = BUILT_IN_SCENARIOS.some((s) => s.id === asked);
const store = createAppStore({
  catalogue: BUILT_IN_SCENARIOS,
  initialId: known && asked !== null ? asked : DEFAULT_SCENARIO_ID,
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
);
