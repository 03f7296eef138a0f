import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RapportDashboard } from '../../src/components/dashboard/rapport-dashboard.js';
import { messages } from '../../src/components/dashboard/messages.js';
import { LANGUAGES, type Language } from '../../src/components/base/i18n.js';
import { dimensionLabel, rungLabel } from '../../src/components/base/common-messages.js';
import { formats } from '../../src/components/format.js';
import { generateSampleCustomers, sampleCustomersCsv, sampleFeedbackCsv, sampleOrdersCsv } from '../../src/sample/sample-orders.js';
import { sampleSurveyCsv } from '../../src/sample/sample-survey.js';
import { createBrowserEngine } from '../../src/data/engine/browser-engine.js';
import type { Engine } from '../../src/data/engine/engine.js';

/**
 * Everything a person sees or hears in an element and every element inside it, through every
 * shadow root: text (not styles, not the live region) and the attributes read out or shown (aria-label, title, alt,
 * placeholder, aria-valuetext, aria-roledescription).
 */
function everyText(el: Element): string {
  const parts: string[] = [];
  const attributes = ['aria-label', 'title', 'alt', 'placeholder', 'aria-valuetext', 'aria-roledescription'];
  const walk = (root: Node) => {
    for (let node = root.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      else if (node instanceof Element) {
        // The live region says each load's outcome once, in the language of that moment.
        if (node.localName === 'style' || node.localName === 'script' || node.getAttribute('role') === 'status') continue;
        for (const a of attributes) {
          const v = node.getAttribute(a);
          if (v) parts.push(v);
        }
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    }
  };
  walk(el.shadowRoot!);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Every Lit element under `el` (through shadow roots), so a language change can be awaited everywhere. */
function litElements(el: Element): { updateComplete: Promise<unknown> }[] {
  const found: { updateComplete: Promise<unknown> }[] = [];
  const walk = (root: ParentNode) => {
    for (const node of root.querySelectorAll('*')) {
      if ('updateComplete' in node) found.push(node as unknown as { updateComplete: Promise<unknown> });
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(el.shadowRoot!);
  return found;
}

/** Switch the dashboard's language and wait until it and every element inside have rendered it. */
async function speak(el: RapportDashboard, lang: Language) {
  el.setAttribute('lang', lang);
  // The language is read by a MutationObserver (a microtask), then each element re-renders.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
    await Promise.all(litElements(el).map((c) => c.updateComplete));
  }
}

/** Rows in the sample customer list (every one loads). */
const LIST_ROWS = generateSampleCustomers().length;

const inner = <T extends Element>(el: Element, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;

/**
 * English interface words that must not be left in another language: the dashboard's
 * section headings and buttons, and the headings, buttons and names of the elements inside.
 * (Texts from the data layer, such as reject reasons and loader warnings, stay English and
 * are not listed.)
 */
const ENGLISH_UI = {
  dashboard: [
    'Ladder of loyalty',
    'Service quality',
    'Complaints, suggestions and compliments',
    'Who brings the value',
    'How segments moved',
    'Replace feedback…',
    'Replace survey…',
    'Change how it is read…',
    'Choose a rung to list its customers',
    'Cut points used',
    'no purchase in the last',
    'rows read',
    'answers loaded',
    // The chart sections' save buttons (their names; the buttons read SVG and PNG).
    'Download the ladder as SVG',
    'Download the value curve as PNG',
  ],
  // Elements converted by other helpers.
  children: [
    'Choose a file…',
    'Load report',
    'Average order value',
    'Repeat customers',
    'Download CSV',
    'Show as table',
    'Advocate',
    'Partner',
    'Reliability',
    'Responsiveness',
  ],
};

/** Words each language must show: the dashboard's own, and a few of the elements inside. */
const EXPECTED: Record<Exclude<Language, 'en'>, { dashboard: string[]; children: string[] }> = {
  pt: { dashboard: ['Escada da fidelização', 'Qualidade do serviço', 'Substituir opiniões…', 'Substituir questionário…'], children: ['Valor médio da encomenda'] },
  es: { dashboard: ['Escalera de fidelización', 'Calidad del servicio', 'Sustituir opiniones…', 'Sustituir encuesta…'], children: ['Valor medio del pedido'] },
  fr: { dashboard: ['Échelle de fidélité', 'Qualité de service', 'Remplacer les avis…', 'Remplacer l’enquête…'], children: ['Panier moyen'] },
  ms: { dashboard: ['Tangga kesetiaan', 'Kualiti perkhidmatan', 'Ganti maklum balas…', 'Ganti tinjauan…'], children: ['Nilai purata pesanan'] },
};

describe('rapport-dashboard in five languages', function () {
  this.timeout(180_000);
  let engine: Engine;
  let el: RapportDashboard;

  // The demo's data: the sample shop's customer list, feedback, survey and orders, loaded once.
  before(async () => {
    engine = await createBrowserEngine();
    // Mounted by hand, in a container of its own: fixture() removes its element after each test.
    const container = document.createElement('div');
    el = document.createElement('rapport-dashboard');
    el.engine = engine;
    container.append(el);
    document.body.append(container);
    await el.updateComplete;
    const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
    await el.loadCustomerList(file('sample-customers.csv', sampleCustomersCsv()));
    await el.loadFeedbackFile(file('sample-feedback.csv', sampleFeedbackCsv()));
    await el.loadSurveyFile(file('sample-survey.csv', sampleSurveyCsv()));
    await el.load({ name: 'sample-orders.csv', bytes: new TextEncoder().encode(sampleOrdersCsv()) });
    await waitUntil(
      () => inner(el, 'rapport-segments') && inner(el, 'rapport-ladder') && inner(el, 'rapport-voice') && el.shadowRoot!.querySelector('[part=ladder-moves]'),
      'every section shown',
      { timeout: 60_000 },
    );
  });
  after(async () => {
    el?.parentElement?.remove();
    await restoreLightScheme();
    await engine?.close();
  });

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      let text = '';
      before(async () => {
        await speak(el, lang);
        text = everyText(el);
      });

      it('leaves no message key and no unfilled placeholder', () => {
        expect(text, 'a missing message shows as ⟦key⟧').not.to.include('⟦');
        expect(text.match(/\{[A-Za-z_]\w*\}/g) ?? [], 'unfilled placeholders').to.deep.equal([]);
      });

      it('shows the dashboard in the language: headings, notes and buttons', () => {
        const m = messages[lang];
        for (const key of ['section.customers', 'section.ladder', 'section.quality', 'section.voice', 'section.segments', 'section.value', 'section.migration'] as const) {
          expect(text).to.include(m[key] as string);
        }
        expect(text).to.include(m['ladder.note'] as string);
        if (lang === 'en') for (const s of ENGLISH_UI.dashboard) expect(text).to.include(s);
        else {
          for (const s of EXPECTED[lang].dashboard) expect(text).to.include(s);
          for (const s of ENGLISH_UI.dashboard) expect(text, `English "${s}" in ${lang}`).not.to.include(s);
        }
      });

      it('formats the dashboard’s dates and numbers for the language', () => {
        const ladder = inner<HTMLElement & { ladder: { asOf: string | null } | null }>(el, 'rapport-ladder')!;
        const f = formats(lang);
        expect(text).to.include(f.date(ladder.ladder!.asOf!));
        const list = el.shadowRoot!.querySelector('[part=customer-list]')!.textContent!;
        expect(list).to.include(f.integer(LIST_ROWS));
      });

      it('shows the elements inside in the language (other helpers’ elements)', () => {
        expect(text).to.include(rungLabel(lang, 'advocate'));
        expect(text).to.include(dimensionLabel(lang, 'reliability'));
        if (lang !== 'en') {
          for (const s of EXPECTED[lang].children) expect(text).to.include(s);
          const left = ENGLISH_UI.children.filter((s) => text.includes(s));
          expect(left, `English words left in ${lang}`).to.deep.equal([]);
        }
      });
    });
  }

  // Declared after the languages: mocha runs a suite's own tests before its nested suites.
  describe('then', () => {
    it('is accessible in Portuguese and Malay, light and dark', async () => {
      // The customer table draws only the rows in view: bring it into view, as a reader would.
      const table = inner<HTMLElement>(el, 'rapport-customer-table')!;
      table.scrollIntoView();
      await waitUntil(() => table.shadowRoot!.querySelectorAll('lit-virtualizer [role=row]').length > 0, 'rows drawn');
      for (const lang of ['pt', 'ms'] as const) {
        await speak(el, lang);
        await expect(el).to.be.accessible();
      }
      await useDarkScheme();
      await speak(el, 'pt');
      await expect(el).to.be.accessible();
      await restoreLightScheme();
    });

    it('takes the language from an ancestor, and locale still sets the number format', async () => {
      const container = el.parentElement!;
      container.lang = 'fr';
      el.removeAttribute('lang');
      await speak(el, 'fr');
      el.removeAttribute('lang');
      for (let i = 0; i < 2; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await Promise.all(litElements(el).map((c) => c.updateComplete));
      }
      expect(el.hasAttribute('lang')).to.equal(false);
      expect(everyText(el)).to.include(messages.fr['section.ladder'] as string);
      const list = () => el.shadowRoot!.querySelector('[part=customer-list]')!.textContent!;
      expect(list()).to.include(formats('fr').integer(LIST_ROWS));
      el.locale = 'en-US';
      await el.updateComplete;
      expect(list()).to.include(formats('en-US').integer(LIST_ROWS));
      expect(list()).to.include('lignes lues');
      el.locale = undefined;
      container.removeAttribute('lang');
    });
  });
});

describe('rapport-dashboard announcements in the language', function () {
  this.timeout(60_000);
  let engine: Engine;
  before(async () => {
    engine = await createBrowserEngine();
  });
  after(() => engine.close());

  const live = (el: RapportDashboard) => el.shadowRoot!.querySelector('[role=status]')!.textContent;
  const ONE_ROW = 'customer_id,order_date,amount\nS1,2024-01-01,5\n';
  const cases: [Language, string][] = [
    // Portuguese, like French, takes the singular for 0 (CLDR).
    ['pt', 'one.csv carregado: 1 linha lida, 1 carregada, 0 rejeitadas.'],
    ['es', 'one.csv cargado: 1 fila leída, 1 cargada, 0 rechazadas.'],
    ['fr', 'one.csv chargé\u00a0: 1 ligne lue, 1 chargée, 0 rejetée.'],
    ['ms', 'one.csv dimuatkan: 1 baris dibaca, 1 dimuatkan, 0 ditolak.'],
  ];
  for (const [lang, expected] of cases) {
    it(`${lang}: says what loaded, each count agreeing with its noun`, async () => {
      const el = await fixture<RapportDashboard>(html`<div lang=${lang}><rapport-dashboard></rapport-dashboard></div>`).then((d) => d.firstElementChild as RapportDashboard);
      el.engine = engine;
      await el.load({ name: 'one.csv', bytes: new TextEncoder().encode(ONE_ROW) });
      await el.updateComplete;
      expect(live(el)).to.equal(expected);
    });
  }
});
