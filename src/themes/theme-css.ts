import { resolvedColour, type SchemeColours, type ThemePreset } from './presets.js';
import { COLOUR_TOKENS, VALUE_TOKENS, type ColourToken, type ThemeTokenName } from './tokens.js';

export interface ThemeCssOptions {
  /** The rule's selector (default `rapport-dashboard`; `:root` themes every element on the page). */
  selector?: string;
  /**
   * `both` (default): each colour as `light-dark(light, dark)`, following the `theme` attribute or
   * the reader's preference. `light` / `dark`: that scheme's colours only, and the scheme fixed
   * through `--rapport-color-scheme`.
   */
  scheme?: 'both' | 'light' | 'dark';
  /** Print only the tokens whose value differs from this preset (a short override sheet). */
  changedFrom?: ThemePreset;
}

/**
 * A value a declaration can hold. Text typed in the theming page ends up here: anything that
 * could close the declaration or the rule is refused rather than escaped, so the sheet a team
 * pastes can never carry more than custom property values.
 */
function safeValue(value: string): string | null {
  const v = value.trim();
  return v !== '' && !/[;{}<>\\]|\/\*|\n/.test(v) ? v : null;
}

/**
 * The CSS text of a theme: one rule setting every `--rapport-*` token, ready to paste into a
 * page's stylesheet (or adopt as a constructed stylesheet, which a strict CSP allows).
 * Pure: the same preset always gives the same text.
 */
export function themeCss(preset: ThemePreset, options: ThemeCssOptions = {}): string {
  const selector = options.selector && !/[{};<>]|\/\*/.test(options.selector) && options.selector.trim() ? options.selector.trim() : 'rapport-dashboard';
  const scheme = options.scheme ?? 'both';
  const base = options.changedFrom;
  const lines: string[] = [];
  const declare = (name: ThemeTokenName | '--rapport-color-scheme', value: string | null) => {
    if (value !== null) lines.push(`  ${name}: ${value};`);
  };

  if (scheme !== 'both') declare('--rapport-color-scheme', scheme);
  const own = (c: SchemeColours, name: ColourToken) => (c as Partial<Record<ColourToken, string>>)[name];
  for (const name of COLOUR_TOKENS) {
    const [ownLight, ownDark] = [own(preset.light, name), own(preset.dark, name)];
    // Left out of the preset: the token follows its leader, in the sheet as on the page.
    if (ownLight === undefined && ownDark === undefined) continue;
    if (base && ownLight === own(base.light, name) && ownDark === own(base.dark, name)) continue;
    // Set in one scheme only: the other keeps what it would follow, written out.
    const light = safeValue(ownLight ?? resolvedColour(preset.light, name));
    const dark = safeValue(ownDark ?? resolvedColour(preset.dark, name));
    if (scheme === 'light') declare(name, light);
    else if (scheme === 'dark') declare(name, dark);
    else if (light !== null && dark !== null) declare(name, light === dark ? light : `light-dark(${light}, ${dark})`);
  }
  for (const name of VALUE_TOKENS) {
    if (base && preset.values[name] === base.values[name]) continue;
    declare(name, safeValue(preset.values[name]));
  }

  // The label is free text too: letters, digits and plain punctuation only in the comment.
  const title = preset.label.replace(/[^\p{L}\p{N} ()'&.,-]/gu, '').trim();
  return `/* Rapport theme: ${title} */\n${selector} {\n${lines.join('\n')}\n}\n`;
}
