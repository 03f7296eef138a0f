import { restoreLightScheme, useDarkScheme } from './setup.js';
import { expectFilled, inLanguage, shownText } from './i18n-helpers.js';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/settings/rapport-settings.js';
import type { RapportSettings } from '../../src/components/settings/rapport-settings.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../src/components/settings/settings-defaults.js';
import type { RapportSettingsChangeDetail } from '../../src/components/events.js';
import { formats } from '../../src/components/format.js';

const settingsPanel = (attrs = html``) =>
  fixture<RapportSettings>(html`<rapport-settings open locale="en-US" first-order="2024-01-02" last-order="2024-03-04">${attrs}</rapport-settings>`);

/** Every rapport-settings-change the element sends, in order. */
function listen(el: RapportSettings): RapportSettingsChangeDetail[] {
  const heard: RapportSettingsChangeDetail[] = [];
  el.addEventListener('rapport-settings-change', (e) => heard.push(e.detail));
  return heard;
}

const control = <T extends HTMLElement = HTMLInputElement>(el: RapportSettings, id: string) => el.shadowRoot!.getElementById(id) as T;

/** Type a value and leave the field (input, then change: applied at once). */
async function enter(el: RapportSettings, id: string, value: string) {
  const input = control(el, id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function choose(el: RapportSettings, id: string, value: string) {
  const select = control<HTMLSelectElement>(el, id);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const errorOf = (el: RapportSettings, id: string) => el.shadowRoot!.getElementById(`${id}-error`)!.textContent!.trim();

function expectRefused(el: RapportSettings, id: string, message: RegExp | string) {
  const input = control(el, id);
  expect(input.getAttribute('aria-invalid'), `${id} aria-invalid`).to.equal('true');
  expect(input.getAttribute('aria-describedby')!.split(' '), `${id} described by its error`).to.include(`${id}-error`);
  if (typeof message === 'string') expect(errorOf(el, id)).to.equal(message);
  else expect(errorOf(el, id)).to.match(message);
}

function expectAccepted(el: RapportSettings, id: string) {
  const input = control(el, id);
  expect(input.getAttribute('aria-invalid')).to.equal('false');
  expect(input.getAttribute('aria-describedby')!.split(' ')).not.to.include(`${id}-error`);
  expect(errorOf(el, id)).to.equal('');
}

describe('rapport-settings', () => {
  afterEach(restoreLightScheme);

  it('renders the defaults, closed unless asked, and is accessible', async () => {
    const closed = await fixture<RapportSettings>(html`<rapport-settings></rapport-settings>`);
    const details = closed.shadowRoot!.querySelector('details')!;
    expect(details.open).to.equal(false);
    expect(closed.shadowRoot!.querySelector('summary')!.textContent!.replace(/\s+/g, ' ')).to.include('Analysis settings');
    expect(closed.shadowRoot!.querySelector('[part~=brief]')!.textContent).to.equal('5 scores · Quantiles · Classic RFM');
    await expect(closed).to.be.accessible();

    const el = await settingsPanel();
    expect(el.settings).to.deep.equal(DEFAULT_ANALYSIS_SETTINGS);
    const date = control(el, 'analysis-date');
    expect(date.type).to.equal('date');
    expect(date.value).to.equal('');
    expect(date.min).to.equal('2024-01-02');
    expect(date.max).to.equal('2024-03-05');
    expect(control(el, 'bins').value).to.equal('5');
    expect(control(el, 'inactive-after').value).to.equal('');
    expect(control(el, 'value-standard').value).to.equal('');
    const method = control<HTMLSelectElement>(el, 'method');
    expect(method.value).to.equal('quantile');
    // Fixed cut points are not offered without breaks.
    expect([...method.options].map((o) => o.value)).to.deep.equal(['quantile', 'ntile']);
    const preset = control<HTMLSelectElement>(el, 'preset');
    expect(preset.value).to.equal('rfm-vignette');
    expect(preset.disabled).to.equal(false);
    expect([...preset.options].map((o) => o.textContent)).to.deep.equal(['Classic RFM', 'Recency × frequency grid']);
    const text = shownText(el);
    expect(text).to.include('Empty: the day after the last order (Mar 5, 2024).');
    expect(text).to.include('From Jan 2, 2024 to Mar 5, 2024.');
    expect(text).to.include('Ten segments, from Champions to Lost');
    expect(el.shadowRoot!.querySelector('[part~=preset-note]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sends only what changed, for each field', async () => {
    const el = await settingsPanel();
    const heard = listen(el);

    await enter(el, 'analysis-date', '2024-02-01');
    expect(heard.pop()).to.deep.equal({ changed: ['analysisDate'], settings: { ...DEFAULT_ANALYSIS_SETTINGS, analysisDate: '2024-02-01' } });

    await choose(el, 'method', 'ntile');
    expect(heard.pop()!.changed).to.deep.equal(['method']);

    await choose(el, 'preset', 'rf-grid');
    const presetChange = heard.pop()!;
    expect(presetChange.changed).to.deep.equal(['preset']);
    expect(presetChange.settings.preset).to.equal('rf-grid');
    expect(shownText(el)).to.include('from Champions to Hibernating');

    await enter(el, 'inactive-after', '120');
    expect(heard.pop()).to.deep.equal({
      changed: ['inactiveAfter'],
      settings: { analysisDate: '2024-02-01', bins: 5, method: 'ntile', preset: 'rf-grid', inactiveAfter: 120, valueStandard: null },
    });

    await enter(el, 'value-standard', '1,234.5');
    const standard = heard.pop()!;
    expect(standard.changed).to.deep.equal(['valueStandard']);
    expect(standard.settings.valueStandard).to.equal(1234.5);
    // What the reader typed stays as typed.
    expect(control(el, 'value-standard').value).to.equal('1,234.5');

    // Bins away from 5: the presets no longer apply, so the preset is reported as null.
    await enter(el, 'bins', '7');
    expect(heard.pop()).to.deep.equal({
      changed: ['bins', 'preset'],
      settings: { analysisDate: '2024-02-01', bins: 7, method: 'ntile', preset: null, inactiveAfter: 120, valueStandard: 1234.5 },
    });

    // Clearing optional fields goes back to "derived" / "none".
    await enter(el, 'inactive-after', '');
    expect(heard.pop()!.settings.inactiveAfter).to.equal(null);
    await enter(el, 'value-standard', '');
    expect(heard.pop()!.settings.valueStandard).to.equal(null);
    await enter(el, 'analysis-date', '');
    expect(heard.pop()!.changed).to.deep.equal(['analysisDate']);

    // The same value again sends nothing.
    await enter(el, 'bins', '7');
    expect(heard).to.have.length(0);
  });

  it('applies typing after a pause, once', async () => {
    const el = await settingsPanel();
    const heard = listen(el);
    const input = control(el, 'bins');
    for (const v of ['1', '6']) {
      input.value = v;
      input.dispatchEvent(new Event('input'));
      await aTimeout(50);
    }
    expect(heard).to.have.length(0);
    await aTimeout(500);
    expect(heard).to.have.length(1);
    expect(heard[0]!.changed).to.deep.equal(['bins', 'preset']);
    expect(heard[0]!.settings.bins).to.equal(6);
    // The refused "1" on the way was never shown nor sent.
    expect(errorOf(el, 'bins')).to.equal('');
  });

  it('shows invalid values beside their field and never sends them', async () => {
    const el = await settingsPanel();
    const heard = listen(el);

    await enter(el, 'bins', '1');
    expectRefused(el, 'bins', 'Enter a whole number from 2 to 10.');
    await enter(el, 'bins', '11');
    expectRefused(el, 'bins', 'Enter a whole number from 2 to 10.');
    await enter(el, 'bins', '');
    expectRefused(el, 'bins', 'Enter a whole number from 2 to 10.');
    // The refused text stays in the field for the reader to fix.
    await enter(el, 'bins', '4.5');
    expect(control(el, 'bins').value).to.equal('4.5');
    expectRefused(el, 'bins', /whole number/);

    await enter(el, 'inactive-after', '-30');
    expectRefused(el, 'inactive-after', 'Enter a whole number of days, 1 or more, or leave it empty.');
    await enter(el, 'inactive-after', '0');
    expectRefused(el, 'inactive-after', /1 or more/);

    await enter(el, 'analysis-date', '2023-12-31');
    expectRefused(el, 'analysis-date', 'Choose a date on or after Jan 2, 2024, the first order.');
    await enter(el, 'analysis-date', '2024-03-06');
    expectRefused(el, 'analysis-date', 'Choose a date on or before Mar 5, 2024, the day after the last order.');

    await enter(el, 'value-standard', 'abc');
    expectRefused(el, 'value-standard', 'Enter a number (for example 1,234.5), or leave it empty.');
    await enter(el, 'value-standard', '1,5');
    expectRefused(el, 'value-standard', /Enter a number/);

    expect(heard, 'nothing invalid is sent').to.have.length(0);
    expect(el.settings).to.deep.equal(DEFAULT_ANALYSIS_SETTINGS);
    await expect(el).to.be.accessible();

    // Fixing a field clears its error and applies it; the other errors stay.
    await enter(el, 'bins', '3');
    expectAccepted(el, 'bins');
    expect(heard.pop()!.changed).to.deep.equal(['bins', 'preset']);
    await enter(el, 'analysis-date', '2024-03-05');
    expectAccepted(el, 'analysis-date');
    expect(heard.pop()!.settings.analysisDate).to.equal('2024-03-05');
    expectRefused(el, 'inactive-after', /1 or more/);
    expectRefused(el, 'value-standard', /Enter a number/);
  });

  it('disables the preset choice when bins is not 5, with a note', async () => {
    const el = await settingsPanel();
    const heard = listen(el);
    el.bins = 7;
    await el.updateComplete;
    expect(heard, 'a property set by the owner sends nothing').to.have.length(0);
    const preset = control<HTMLSelectElement>(el, 'preset');
    expect(preset.disabled).to.equal(true);
    const note = el.shadowRoot!.querySelector('[part~=preset-note]')!;
    expect(note.textContent).to.equal(
      'Preset rules are written for 5 scores per measure. With 7 scores, the dashboard needs segment rules of your own.',
    );
    expect(preset.getAttribute('aria-describedby')!.split(' ')).to.include(note.id);
    expect(el.settings.preset).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~=brief]')!.textContent).to.equal('7 scores · Quantiles · own segment rules');
    await expect(el).to.be.accessible();

    await enter(el, 'bins', '5');
    expect(preset.disabled).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part~=preset-note]')).to.equal(null);
    expect(heard.pop()).to.deep.equal({ changed: ['bins', 'preset'], settings: DEFAULT_ANALYSIS_SETTINGS });
  });

  it('offers the page\'s own rules beside the presets with own-rules (preset null)', async () => {
    const el = await fixture<RapportSettings>(html`<rapport-settings open own-rules .preset=${null}></rapport-settings>`);
    const heard = listen(el);
    const preset = control<HTMLSelectElement>(el, 'preset');
    expect([...preset.options].map((o) => o.textContent)).to.deep.equal(['Classic RFM', 'Recency × frequency grid', 'Own rules']);
    expect(preset.selectedOptions[0]!.textContent).to.equal('Own rules');
    expect(el.settings.preset).to.equal(null);
    expect(shownText(el)).to.include('The segment rules set by the page.');
    await choose(el, 'preset', 'rf-grid');
    expect(heard.pop()!.settings.preset).to.equal('rf-grid');
    await choose(el, 'preset', '');
    expect(heard.pop()).to.deep.equal({ changed: ['preset'], settings: { ...DEFAULT_ANALYSIS_SETTINGS, preset: null } });
    // Without own-rules, null reads as the default preset.
    el.ownRules = false;
    await el.updateComplete;
    expect(el.settings.preset).to.equal('rfm-vignette');
    expect([...preset.options]).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('offers fixed cut points only with breaks; they set the bins', async () => {
    const el = await settingsPanel();
    el.breaks = { recency: [30, 90, 180], frequency: [1, 2, 5], monetary: [50, 100, 500] };
    await el.updateComplete;
    const heard = listen(el);
    const method = control<HTMLSelectElement>(el, 'method');
    expect([...method.options].map((o) => o.value)).to.deep.equal(['quantile', 'ntile', 'fixed']);
    await choose(el, 'method', 'fixed');
    expect(heard.pop()).to.deep.equal({ changed: ['bins', 'method', 'preset'], settings: { ...DEFAULT_ANALYSIS_SETTINGS, bins: 4, method: 'fixed', preset: null } });
    const bins = control(el, 'bins');
    expect(bins.disabled).to.equal(true);
    expect(bins.value).to.equal('4');
    expect(shownText(el)).to.include('4 scores, set by the fixed cut points.');
    // Without breaks, a method "fixed" reads as the default.
    el.breaks = undefined;
    await el.updateComplete;
    expect(el.settings.method).to.equal('quantile');
    expect([...method.options].map((o) => o.value)).to.deep.equal(['quantile', 'ntile']);
  });

  it('Reset goes back to the defaults, sending every setting that changed', async () => {
    const el = await settingsPanel();
    const heard = listen(el);
    await enter(el, 'analysis-date', '2024-02-01');
    await choose(el, 'method', 'ntile');
    await enter(el, 'inactive-after', '60');
    await enter(el, 'bins', '12');
    expectRefused(el, 'bins', /whole number/);
    heard.length = 0;

    const reset = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~=button]')!;
    expect(reset.textContent!.trim()).to.equal('Reset to defaults');
    reset.click();
    await el.updateComplete;
    expect(heard).to.deep.equal([{ changed: ['analysisDate', 'method', 'inactiveAfter'], settings: DEFAULT_ANALYSIS_SETTINGS }]);
    expect(control(el, 'analysis-date').value).to.equal('');
    expect(control(el, 'bins').value).to.equal('5');
    expectAccepted(el, 'bins');
    expect(control(el, 'inactive-after').value).to.equal('');
    expect(control<HTMLSelectElement>(el, 'method').value).to.equal('quantile');

    // Nothing to reset: nothing sent.
    reset.click();
    await el.updateComplete;
    expect(heard).to.have.length(1);
  });

  it('a setting the owner changes replaces what the reader typed there', async () => {
    const el = await settingsPanel();
    await enter(el, 'inactive-after', '-1');
    expectRefused(el, 'inactive-after', /1 or more/);
    el.inactiveAfter = 45;
    await el.updateComplete;
    expect(control(el, 'inactive-after').value).to.equal('45');
    expectAccepted(el, 'inactive-after');
  });

  it('every control is reached by Tab, in order, each with its label', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <button id="before">before</button>
      <rapport-settings open locale="en-US"></rapport-settings>
    </div>`);
    const el = wrap.querySelector('rapport-settings')!;
    await el.updateComplete;
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    // The date input takes one Tab per part (day, month, year): count each control once.
    const reached: string[] = [];
    for (let i = 0; i < 16; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement;
      if (!active) break;
      const name = active.id || active.localName;
      if (reached.at(-1) !== name) reached.push(name);
    }
    expect(reached).to.deep.equal(['summary', 'analysis-date', 'bins', 'method', 'preset', 'inactive-after', 'value-standard', 'button']);
    for (const c of el.shadowRoot!.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      expect(c.labels?.length, `${c.id} has a label`).to.equal(1);
      expect(c.labels![0]!.textContent!.trim(), `${c.id} label`).not.to.equal('');
    }
    // The summary opens and closes the panel from the keyboard.
    const summary = el.shadowRoot!.querySelector('summary')!;
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
  });

  const inLang = (lang: string) =>
    inLanguage<RapportSettings>(lang, html`<rapport-settings open first-order="2024-01-02" last-order="2024-03-04" .valueStandard=${1234.5}></rapport-settings>`);

  it('speaks Portuguese inside lang="pt", with its dates and numbers', async () => {
    const el = await inLang('pt');
    const f = formats('pt');
    const text = shownText(el);
    expect(el.shadowRoot!.querySelector('[part~=title]')!.textContent).to.equal('Definições da análise');
    expect(el.shadowRoot!.querySelector('label[for=bins]')!.textContent).to.equal('Pontuações por medida');
    expect(text).to.include(`Vazio: o dia seguinte à última encomenda (${f.date('2024-03-05')}).`);
    expect(text).to.include('Dez segmentos, de Campeões a Perdidos');
    expect(control(el, 'value-standard').value).to.equal(f.decimal(1234.5));
    expect(control<HTMLSelectElement>(el, 'method').selectedOptions[0]!.textContent).to.equal('Quantis');
    expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Restaurar predefinições');
    // Numbers are read the Portuguese way.
    const heard = listen(el);
    await enter(el, 'value-standard', '2.500,75');
    expect(heard.pop()!.settings.valueStandard).to.equal(2500.75);
    await enter(el, 'analysis-date', '2023-01-01');
    expect(errorOf(el, 'analysis-date')).to.equal(`Escolha uma data igual ou posterior a ${f.date('2024-01-02')}, a primeira encomenda.`);
    el.bins = 6;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=preset-note]')!.textContent).to.include('Com 6 pontuações');
    expectFilled(el);
    await expect(el).to.be.accessible();
  });

  it('speaks Malay inside lang="ms"', async () => {
    const el = await inLang('ms');
    const text = shownText(el);
    expect(el.shadowRoot!.querySelector('[part~=title]')!.textContent).to.equal('Tetapan analisis');
    expect(el.shadowRoot!.querySelector('label[for=inactive-after]')!.textContent).to.equal('Tidak aktif selepas (hari)');
    expect(text).to.include('daripada Juara hingga Hilang');
    expect(text).to.include(`Dari ${formats('ms').date('2024-01-02')} hingga ${formats('ms').date('2024-03-05')}.`);
    await enter(el, 'bins', '11');
    expect(errorOf(el, 'bins')).to.equal('Masukkan nombor bulat dari 2 hingga 10.');
    expectFilled(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible in dark mode, with an error and the preset note shown', async () => {
    const el = await settingsPanel();
    el.theme = 'dark';
    await useDarkScheme();
    await enter(el, 'bins', '8');
    await enter(el, 'value-standard', 'lots');
    expect(el.shadowRoot!.querySelector('[part~=preset-note]')).not.to.equal(null);
    expectRefused(el, 'value-standard', /Enter a number/);
    await expect(el).to.be.accessible();
  });
});
