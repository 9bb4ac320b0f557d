// The banner: the product's name and the scenario picker.

import { ScenarioPicker } from '../ScenarioPicker/ScenarioPicker';

function Logo() {
  // Three hops between two nodes: the product in one glyph.
  return (
    <svg className="brand__logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="8" fill="currentColor" />
      <path d="M7 22c3-9 6-9 9 0s6 9 9 0" fill="none" stroke="var(--logo-ink)" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="7" cy="22" r="2.6" fill="var(--logo-ink)" />
      <circle cx="25" cy="22" r="2.6" fill="var(--logo-ink)" />
    </svg>
  );
}

export function Header() {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="brand">
          <Logo />
          <div>
            <p className="brand__name">kubehops</p>
            <p className="brand__tag">Kubernetes Service networking, hop by hop</p>
          </div>
        </div>
        <ScenarioPicker />
      </div>
    </header>
  );
}
