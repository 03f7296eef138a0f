import '../src/index.js';
import { html, nothing, render } from 'lit';
import { loadSampleShop } from './sample-shop.js';
import {
  AA_NON_TEXT,
  AA_TEXT,
  THEME_PRESETS,
  THEME_TOKENS,
  TOKEN_GROUP_LABELS,
  contrastRatio,
  isColourToken,
  parseHex,
  resolvedColour,
  themeCss,
  themePreset,
  type ColourToken,
  type ThemePreset,
  type TokenGroup,
  type TokenSpec,
  type ValueToken,
} from '../src/themes/index.js';

// The theme editor: a BI team picks a preset, edits tokens, previews the sample dashboard in
// light and dark, and copies the CSS. The preview is themed by exactly the text it copies
// (adopted as a constructed stylesheet, which the strict CSP allows; no inline styles).

type Scheme = 'light' | 'dark';
type Selector = 'rapport-dashboard' | ':root';

const dashboard = document.querySelector('rapport-dashboard');
const editor = document.getElementById('editor')!;
const previewSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, previewSheet];

const state = {
  base: THEME_PRESETS[0]!,
  theme: clonePreset(THEME_PRESETS[0]!),
  scheme: (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') as Scheme,
  selector: 'rapport-dashboard' as Selector,
  onlyChanges: false,
  status: '',
};

function clonePreset(p: ThemePreset): ThemePreset {
  return { ...p, light: { ...p.light }, dark: { ...p.dark }, values: { ...p.values } };
}

/** What a token shows in the preview: its own value, or for a token left to follow, what it follows. */
function tokenValue(t: TokenSpec): string {
  return isColourToken(t.name) ? resolvedColour(state.theme[state.scheme], t.name) : state.theme.values[t.name as ValueToken];
}

/** The value set in the theme itself (undefined: a following token left to follow). */
function ownValue(p: ThemePreset, t: TokenSpec): string | undefined {
  return isColourToken(t.name) ? (p[state.scheme] as Partial<Record<ColourToken, string>>)[t.name] : p.values[t.name as ValueToken];
}

/**
 * Sets a token. A following token (focus ring, rungs, chart ink) is left out of the theme until
 * edited, so changing primary moves it in the preview and in the CSS alike; emptying its field
 * lets it follow again.
 */
function setToken(t: TokenSpec, value: string): void {
  if (isColourToken(t.name)) {
    const colours: Partial<Record<ColourToken, string>> = { ...state.theme[state.scheme] };
    if (value === '' && t.follows) delete colours[t.name];
    else colours[t.name] = value;
    state.theme = { ...state.theme, [state.scheme]: colours as ThemePreset['light'] };
  } else state.theme = { ...state.theme, values: { ...state.theme.values, [t.name]: value } };
  update();
}

function outputCss(): string {
  return themeCss(state.theme, { selector: state.selector, changedFrom: state.onlyChanges ? themePreset('default') : undefined });
}

/** Everything that depends on the state: the page scheme, the preview sheet, the panel. */
function update(): void {
  document.documentElement.dataset.scheme = state.scheme;
  dashboard?.setAttribute('theme', state.scheme);
  // The preview always uses the full sheet for the chosen selector's elements.
  previewSheet.replaceSync(themeCss(state.theme, { selector: 'rapport-dashboard' }));
  render(panel(), editor);
}

/** An id safe for `for` / `aria-describedby` from a token name. */
const idOf = (name: string, suffix: string) => `${name.replace(/^--/, '')}-${suffix}`;

function tokenRow(t: TokenSpec) {
  const value = tokenValue(t);
  const changed = ownValue(state.theme, t) !== ownValue(state.base, t);
  const following = t.follows !== undefined && ownValue(state.theme, t) === undefined;
  const colour = isColourToken(t.name);
  const rgb = colour ? parseHex(value) : null;
  // <input type=color> holds #rrggbb only: an alpha suffix (shadow colours) is kept when picking.
  const hex6 = rgb ? `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}` : '#000000';
  const alpha = colour && /^#[0-9a-f]{8}$/i.test(value) ? value.slice(7) : '';
  // What themeCss leaves out: an empty value or one that could leave its declaration.
  const invalid = value.trim() === '' || /[;{}<>\\]|\/\*/.test(value);
  return html`<div class="token ${colour ? '' : 'value-only'} ${changed ? 'changed' : ''}">
    ${colour
      ? html`<input
          class="swatch"
          type="color"
          aria-label=${`${t.name} colour picker`}
          .value=${hex6}
          @input=${(e: Event) => setToken(t, (e.target as HTMLInputElement).value + alpha)}
        />`
      : nothing}
    <label for=${idOf(t.name, 'text')}>${t.name}</label>
    <input
      class="text"
      id=${idOf(t.name, 'text')}
      type="text"
      spellcheck="false"
      autocomplete="off"
      aria-describedby=${idOf(t.name, 'hint')}
      aria-invalid=${invalid ? 'true' : 'false'}
      .value=${value}
      @change=${(e: Event) => setToken(t, (e.target as HTMLInputElement).value.trim())}
    />
    <p class="hint" id=${idOf(t.name, 'hint')}>
      ${t.description}${t.follows ? (following ? ` Follows ${t.follows}${t.mix ? ` (${t.mix.percent}% over ${t.mix.with})` : ''}; edit to set it.` : ` Set; empty the field to follow ${t.follows} again.`) : ''}${colour && !rgb ? ' Contrast is checked for hex colours only.' : ''}${invalid ? ' Not a valid value: left out of the CSS.' : ''}
    </p>
  </div>`;
}

function tokenGroup(group: TokenGroup) {
  const tokens = THEME_TOKENS.filter((t) => t.group === group);
  const colours = tokens.some((t) => isColourToken(t.name));
  return html`<fieldset>
    <legend>${TOKEN_GROUP_LABELS[group]}${colours ? ` (${state.scheme})` : ''}</legend>
    ${tokens.map(tokenRow)}
  </fieldset>`;
}

/** The checks a team most often breaks with a brand colour, for the scheme being edited. */
function contrastChecks() {
  // As the preview renders them: following tokens resolved from what they follow.
  const c = (name: ColourToken) => resolvedColour(state.theme[state.scheme], name);
  const ratio = (fg: ColourToken, bg: ColourToken) => contrastRatio(c(fg), c(bg));
  const lowest = (fg: (i: number) => ColourToken, bg: (i: number) => ColourToken, n: number) =>
    Math.min(...Array.from({ length: n }, (_, i) => contrastRatio(c(fg(i + 1)), c(bg(i + 1)))));
  const rungs = ['prospect', 'customer', 'client', 'supporter', 'advocate', 'partner', 'lapsed'] as const;
  const checks: [string, number, number][] = [
    ['Text on surface', ratio('--rapport-color-text', '--rapport-color-surface'), AA_TEXT],
    ['Muted text on surface', ratio('--rapport-color-text-muted', '--rapport-color-surface'), AA_TEXT],
    ['Muted text on alternate surface', ratio('--rapport-color-text-muted', '--rapport-color-surface-alt'), AA_TEXT],
    ['Text on primary', ratio('--rapport-color-on-primary', '--rapport-color-primary'), AA_TEXT],
    ['Primary (links) on surface', ratio('--rapport-color-primary', '--rapport-color-surface'), AA_TEXT],
    ['Segment labels on segments (lowest)', lowest(() => '--rapport-segment-label-color', (i) => `--rapport-segment-color-${i}` as ColourToken, 10), AA_TEXT],
    ['Rungs on surface (lowest)', Math.min(...rungs.map((r) => ratio(`--rapport-rung-color-${r}`, '--rapport-color-surface'))), AA_NON_TEXT],
    ['Focus ring on surface', ratio('--rapport-color-focus-ring', '--rapport-color-surface'), AA_NON_TEXT],
  ];
  return html`<ul class="contrast" aria-label=${`Contrast checks, ${state.scheme} scheme`}>
    ${checks.map(([label, r, min]) => {
      const ok = r >= min;
      return html`<li>
        <span>${label}</span>
        <span class=${ok ? 'pass' : 'fail'}>${Number.isNaN(r) ? 'not a hex colour' : `${r.toFixed(1)}:1 ${ok ? '✓' : `✗ below ${min}:1`}`}</span>
      </li>`;
    })}
  </ul>`;
}

function setScheme(s: Scheme): void {
  state.scheme = s;
  update();
}

function setOnlyChanges(on: boolean): void {
  state.onlyChanges = on;
  update();
}

async function copyCss(): Promise<void> {
  const text = outputCss();
  try {
    await navigator.clipboard.writeText(text);
    state.status = 'Copied the CSS to the clipboard.';
  } catch {
    // No clipboard permission (an insecure origin, a policy): select it for Ctrl+C instead.
    const area = document.getElementById('css-output') as HTMLTextAreaElement | null;
    area?.focus();
    area?.select();
    state.status = 'The clipboard is not available here: the CSS is selected, press Ctrl+C (⌘C) to copy it.';
  }
  render(panel(), editor);
}

function panel() {
  const groups = Object.keys(TOKEN_GROUP_LABELS) as TokenGroup[];
  return html`
    <h2>Start from</h2>
    <div class="field">
      <label for="preset">Preset</label>
      <select
        id="preset"
        aria-describedby="preset-description"
        @change=${(e: Event) => {
          state.base = themePreset((e.target as HTMLSelectElement).value);
          state.theme = clonePreset(state.base);
          state.status = '';
          update();
        }}
      >
        ${THEME_PRESETS.map((p) => html`<option value=${p.name} ?selected=${p.name === state.base.name}>${p.label}</option>`)}
      </select>
      <p class="note" id="preset-description">${state.base.description}</p>
    </div>
    <fieldset>
      <legend>Scheme to preview and edit</legend>
      <div class="inline">
        ${(['light', 'dark'] as const).map(
          (s) =>
            html`<label>
              <input type="radio" name="scheme" value=${s} .checked=${state.scheme === s} @change=${() => setScheme(s)} />
              ${s === 'light' ? 'Light' : 'Dark'}
            </label>`,
        )}
      </div>
    </fieldset>
    <div class="actions">
      <button
        type="button"
        @click=${() => {
          state.theme = clonePreset(state.base);
          state.status = `Reset to ${state.base.label}.`;
          update();
        }}
      >
        Reset to preset
      </button>
    </div>

    <h2>Contrast</h2>
    ${contrastChecks()}

    <h2>Tokens</h2>
    ${groups.map(tokenGroup)}

    <h2>Your CSS</h2>
    <div class="field">
      <label for="selector">Apply to</label>
      <select
        id="selector"
        @change=${(e: Event) => {
          state.selector = (e.target as HTMLSelectElement).value as Selector;
          update();
        }}
      >
        <option value="rapport-dashboard" ?selected=${state.selector === 'rapport-dashboard'}>rapport-dashboard (and all inside it)</option>
        <option value=":root" ?selected=${state.selector === ':root'}>:root (every Rapport element)</option>
      </select>
    </div>
    <label class="check">
      <input type="checkbox" .checked=${state.onlyChanges} @change=${(e: Event) => setOnlyChanges((e.target as HTMLInputElement).checked)} />
      Only tokens that differ from Rapport's defaults
    </label>
    <div class="field">
      <label for="css-output">CSS to paste into your page's stylesheet</label>
      <textarea id="css-output" readonly wrap="off" aria-describedby="css-note" .value=${outputCss()}></textarea>
      <p class="note" id="css-note">
        Colours are written as light-dark(light, dark): elements follow the reader's preference, or set theme="light" /
        theme="dark" on the element to fix one.
      </p>
    </div>
    <div class="actions">
      <button type="button" class="primary" @click=${() => void copyCss()}>Copy CSS</button>
    </div>
    <p class="status" role="status">${state.status}</p>
  `;
}

update();

// The same sample shop as the analyst page, so every chart has something to show.
if (dashboard) {
  void loadSampleShop(dashboard);
}
