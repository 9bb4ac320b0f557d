// The page: header with the scenario picker, the scenario, the packet visualizer on the
// stage, then the cluster's tables and the YAML the cluster is loaded from. In embed mode
// (`?embed=1`, for an iframe) only the visualizer and its controls, under a one-line title.

import { useAppStore } from '../../store/context';
import { selectIsStale, selectScenarioId } from '../../store/selectors';
import { useUrlSync } from '../../hooks/use-url-sync';
import { Header } from '../Header/Header';
import { ScenarioIntro } from '../ScenarioIntro/ScenarioIntro';
import { ClusterTables } from '../ClusterTables/ClusterTables';
import { YamlEditor } from '../YamlEditor/YamlEditor';
import { Visualizer } from '../Visualizer/Visualizer';
import { EmbedBar } from '../Embed/EmbedBar';

export function App({ embed = false }: { embed?: boolean }) {
  useUrlSync();
  const id = useAppStore(selectScenarioId);
  const stale = useAppStore(selectIsStale);
  if (embed) {
    return (
      <main id="main" className="layout layout--embed" data-scenario={id} data-embed="true">
        <EmbedBar />
        <Visualizer embed />
      </main>
    );
  }
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <Header />
      <main id="main" className="layout" data-scenario={id} data-stale={stale}>
        <div className="layout__stage">
          <ScenarioIntro />
          <Visualizer />
        </div>
        <div className="layout__primary">
          <ClusterTables />
        </div>
        <div className="layout__secondary">
          <YamlEditor />
        </div>
      </main>
      <footer className="app-footer">
        <p>
          kubehops simulates kube-proxy and the kernel deterministically, in your browser: nothing
          you type leaves this page.
        </p>
      </footer>
    </>
  );
}
