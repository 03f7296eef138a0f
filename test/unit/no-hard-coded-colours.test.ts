import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine.js';

/**
 * Style only through tokens (docs/THEMING.md): every colour a component paints comes from a
 * `--rapport-*` token in components/base/theme.ts, or from a component property that defaults
 * to one. A literal colour anywhere else escapes both dark mode and a BI team's theme. System
 * colours (CanvasText, Highlight, ...) are the exception inside `@media (forced-colors: active)`,
 * where they are the point.
 */
const COMPONENTS = join(ROOT, 'src', 'components');
const THEME_FILE = join(COMPONENTS, 'base', 'theme.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The CSS named colours (CSS Color 4), lower case. `transparent` and `currentcolor` are not colours of their own. */
const NAMED_COLOURS = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white ' +
    'whitesmoke yellow yellowgreen'
  ).split(' '),
);

/** CSS system colours: allowed in forced-colors blocks only. */
const SYSTEM_COLOURS = new Set(
  'accentcolor accentcolortext activetext buttonborder buttonface buttontext canvas canvastext field fieldtext graytext highlight highlighttext linktext mark marktext selecteditem selecteditemtext visitedtext'.split(
    ' ',
  ),
);

/** Properties (CSS declarations, SVG attributes, styleProps keys) whose value is or holds a colour. */
const COLOUR_PROPERTY =
  /(?:^|[\s{;,(])((?:--[\w-]+|color|background(?:-color)?|fill|stroke|border(?:-(?:top|right|bottom|left|block|inline)(?:-(?:start|end))?)?(?:-color)?|outline(?:-color)?|box-shadow|text-shadow|caret-color|accent-color|stop-color|flood-color|lighting-color|column-rule(?:-color)?|text-decoration(?:-color)?|text-emphasis-color|scrollbar-color|'[\w-]+'))\s*[:=]\s*([^;\n}]+)/g;

/** Blanks out a stretch of text, keeping its line breaks so reported line numbers stay true. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** The text with comments blanked (they may name colours freely). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:'"`])(\/\/[^\n]*)/g, (_m, before: string, comment: string) => before + blank(comment));
}

/** The text with every `@media (forced-colors: active) { ... }` block blanked (brace-matched). */
function withoutForcedColours(text: string): string {
  let out = text;
  for (;;) {
    const at = out.search(/@media\s*\(\s*forced-colors\s*:\s*active\s*\)\s*\{/);
    if (at < 0) return out;
    let i = out.indexOf('{', at) + 1;
    for (let depth = 1; depth > 0 && i < out.length; i++) {
      if (out[i] === '{') depth++;
      else if (out[i] === '}') depth--;
    }
    out = out.slice(0, at) + blank(out.slice(at, i)) + out.slice(i);
  }
}

/** Every hard-coded colour in a component source, as `line: text`. */
function hardCodedColours(source: string): string[] {
  const text = withoutForcedColours(withoutComments(source));
  const found: string[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const add = (index: number, what: string) => found.push(`line ${lineOf(index)}: ${what}`);

  for (const m of text.matchAll(/#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b(?![\w-])/gi)) {
    add(m.index!, m[0]);
  }
  for (const m of text.matchAll(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi)) add(m.index!, `${m[0]}...)`);
  for (const m of text.matchAll(COLOUR_PROPERTY)) {
    // Token names are not colours; a var()'s fallback is checked like any other value.
    const value = m[2]!.replace(/--[\w-]+|\bvar\b/g, ' ');
    for (const word of value.toLowerCase().match(/[a-z]+/g) ?? []) {
      if (NAMED_COLOURS.has(word) || SYSTEM_COLOURS.has(word)) add(m.index!, `${m[1]}: ${word}`);
    }
  }
  return found;
}

describe('no hard-coded colours in components', () => {
  it('the checker finds literals and spares tokens, comments and forced-colors blocks', () => {
    const sample = [
      'css`',
      '  .a { color: var(--_text); background: color-mix(in srgb, var(--_primary) 40%, var(--_surface)); }',
      '  .b { fill: transparent; stroke: currentColor; white-space: nowrap; }',
      '  /* white on the light colours, #fff */',
      '  @media (forced-colors: active) { .c { fill: CanvasText; } .d { stroke: Highlight; } }',
      '`;',
      "const link = html`<a href=\"#details\">x</a>`;",
    ].join('\n');
    expect(hardCodedColours(sample)).toEqual([]);
    const bad = [
      'css`',
      '  .a { color: #1d2430; }',
      '  .b { box-shadow: 0 2px 8px rgb(0 0 0 / 0.15); }',
      '  .c { fill: white; }',
      '  .d { --_x: var(--rapport-x, red); }',
      '  .e { stroke: CanvasText; }',
      '`;',
      "svg`<rect fill=\"#abc\"></rect>`;",
      "styleProps({ 'background': 'navy' });",
    ].join('\n');
    const found = hardCodedColours(bad).join(' | ');
    for (const what of ['#1d2430', 'rgb(', 'fill: white', 'red', 'stroke: canvastext', '#abc', 'navy']) expect(found).toContain(what);
  });

  const files = sources(COMPONENTS).filter((f) => f !== THEME_FILE);
  it.each(files.map((f) => [relative(ROOT, f), f]))('%s takes every colour from a token', (_name, file) => {
    expect(hardCodedColours(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
