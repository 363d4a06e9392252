import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { RULESET_VERSION } from '../../shared/rules/index.js';
import {
  initialLang,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Lang,
  rememberLang,
  SpeakerContext,
  speaker,
  useSpeaker,
} from './i18n.js';
import { CheckPage } from './pages/check.js';
import { EsfPage } from './pages/esf.js';
import { ResidencyPage } from './pages/residency.js';
import { SuppliersPage } from './pages/suppliers.js';
import { VatPage } from './pages/vat.js';

/** The pages, by their hash route (`#/check`); the supplier list is the start page. */
const PAGES = {
  suppliers: { title: 'web.nav.suppliers', Page: SuppliersPage },
  check: { title: 'web.nav.check', Page: CheckPage },
  esf: { title: 'web.nav.esf', Page: EsfPage },
  vat: { title: 'web.nav.vat', Page: VatPage },
  residency: { title: 'web.nav.residency', Page: ResidencyPage },
} as const satisfies Record<string, { title: string; Page: ComponentType }>;
type Route = keyof typeof PAGES;

const routeOf = (hash: string): Route => {
  const name = hash.replace(/^#\/?/, '');
  return name in PAGES ? (name as Route) : 'suppliers';
};

/** The page named in the location's hash, following it as it changes. */
function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const route = useHashRoute();
  const s = useMemo(() => speaker(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${s.tr(PAGES[route].title)} · Salyk`;
  }, [lang, route, s]);

  const { Page } = PAGES[route];
  return (
    <SpeakerContext.Provider value={s}>
      <Header lang={lang} setLang={setLang} />
      <nav class="tabs" aria-label={s.tr('web.nav.label')}>
        {(Object.keys(PAGES) as Route[]).map((r) => (
          <a key={r} href={`#/${r}`} aria-current={r === route ? 'page' : undefined}>
            {s.tr(PAGES[r].title)}
          </a>
        ))}
      </nav>
      <main id="main">
        <Page />
      </main>
      <footer class="foot">{s.tr('web.footer', { version: RULESET_VERSION })}</footer>
    </SpeakerContext.Provider>
  );
}

/** The brand and the language choice (remembered for the next visit). */
function Header({ lang, setLang }: { lang: Lang; setLang: (lang: Lang) => void }) {
  const s = useSpeaker();
  return (
    <header class="top">
      <div class="brand">
        <span class="logo" aria-hidden="true">
          ◆
        </span>
        <div>
          <p class="name">Salyk</p>
          <p class="tagline">{s.tr('web.tagline')}</p>
        </div>
      </div>
      <label class="lang">
        <span>{s.tr('web.lang.label')}</span>
        <select
          value={lang}
          onChange={(e) => {
            const next = e.currentTarget.value as Lang;
            rememberLang(next);
            setLang(next);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
