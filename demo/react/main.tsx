// Rapport in a React 19 page: the dashboard is one JSX tag; attributes and properties are set
// as props and its events arrive through `on<event>` props. The engine's files are emitted
// beside the bundle by the build (set `duckdb-base` if they live elsewhere).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../src/index.js';
import type { RapportLoadDetail } from '../../src/index.js';
import './rapport-jsx.d.ts';

function App() {
  const [loaded, setLoaded] = useState<RapportLoadDetail['report'] | null>(null);
  const [segment, setSegment] = useState('');
  const [lang, setLang] = useState('pt');
  return (
    <main>
      <h1>Clientes</h1>
      <p>
        <label>
          Idioma{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="pt">Português</option>
            <option value="en">English</option>
          </select>
        </label>
      </p>
      <p id="status" role="status">
        {loaded ? `${loaded.rowsLoaded} linhas carregadas de ${loaded.file}` : 'A carregar…'}
        {segment ? ` · segmento escolhido: ${segment}` : ''}
      </p>
      <rapport-dashboard
        lang={lang}
        src="../../sample-orders.csv"
        currency="EUR"
        onrapport-load={(e) => setLoaded(e.detail.report)}
        onrapport-segment-select={(e) => setSegment(e.detail.segment)}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
