/**
 * Fonts matched, and form controls laid out once, ahead of the render that needs them.
 *
 * The first time a page lays out text in a font (a family at a weight, style and size), the
 * renderer asks the browser process for it (a font-config match, the face file, its rendering
 * settings per size) and waits for the answer. During a big load the browser process is busy and
 * one answer took up to 270 ms: at 1M lines the dashboard's first render with data (the customer
 * list's first layout) spent 145-245 ms of its 300-470 ms waiting so. Laying out a little text in
 * every font the sections use, a few fonts per task while the engine reads the file, leaves that
 * render nothing to ask (its longest task 125 ms, was 420). The text stays (hidden): a canvas's
 * `measureText` over the same fonts, tried first, warmed nothing the load's first render later
 * found; text laid out in them, and kept, did.
 */

/**
 * Font sizes the elements use, relative to the dashboard's own (`em`), as their stylesheets set
 * them (with the nested ones they make: 0.9em inside 0.9em is 0.81em), and fixed pixel sizes:
 * the charts' labels, and 2px (the customer list's virtualizer sizes itself with a line of text
 * at 2px). A size missing here is matched when first laid out, as before: the only cost. A
 * browser test checks that every font the finished dashboard lays out text in is listed.
 */
export const FONT_SIZES_EM: readonly number[] = [1, 0.78, 0.8, 0.81, 0.85, 0.9, 0.95, 1.15, 1.25];
export const FONT_SIZES_PX: readonly number[] = [2, 10.5, 11, 12, 13];
/** The weights the elements use besides `--rapport-font-weight-strong`: regular, 600, 650 (chart figures), bold (headers). */
export const FONT_WEIGHTS: readonly number[] = [400, 600, 650, 700];

/** A font as the CSS `font` shorthand writes it, e.g. `normal 600 13.6px system-ui, sans-serif`. */
export function fontShorthand(style: string, weight: number | string, sizePx: number, family: string): string {
  return `${style} ${weight} ${Math.round(sizePx * 100) / 100}px ${family}`;
}

/**
 * The fonts the dashboard's sections lay out text in, for a dashboard whose computed style is
 * `host` (its font size and family, and `--_weight-strong` and `--_font-mono` from the theme):
 * every listed size at every listed weight and the strong one, italic regular and strong (a
 * chart's "not available", notes), the monospace family regular (column names), and the generic
 * `sans-serif` regular: the last of the default family list, which the first render with data
 * asked for too (one match, waited on for up to 215 ms at 1M lines, though no text found there
 * is drawn in it). Empty when the host has no size or family (not rendered).
 */
export function dashboardFonts(host: Pick<CSSStyleDeclaration, 'fontSize' | 'fontFamily' | 'getPropertyValue'>): string[] {
  const base = parseFloat(host.fontSize);
  const family = host.fontFamily;
  if (!(base > 0) || !family) return [];
  const sizes = [...new Set([...FONT_SIZES_EM.map((em) => base * em), ...FONT_SIZES_PX])];
  const strong = host.getPropertyValue('--_weight-strong').trim() || '600';
  const weights = [...new Set([...FONT_WEIGHTS.map(String), strong])];
  const fonts = sizes.flatMap((px) => weights.map((w) => fontShorthand('normal', w, px, family)));
  fonts.push(...sizes.flatMap((px) => [...new Set(['400', strong])].map((w) => fontShorthand('italic', w, px, family))));
  const mono = host.getPropertyValue('--_font-mono').trim();
  if (mono) fonts.push(...sizes.map((px) => fontShorthand('normal', 400, px, mono)));
  fonts.push(...sizes.map((px) => fontShorthand('normal', 400, px, 'sans-serif')));
  return [...new Set(fonts)];
}

/** The time a task of the warm-up may take before it lets the page go on (ms). */
const BUDGET_MS = 8;

/**
 * Text laid out in each font: digits, letters and the signs the elements' figures and words use,
 * non-ASCII ones too (a character the font lacks is looked up in another, one more wait).
 */
const SAMPLE = '0123456789 Aa,.%\u2026\u2212\u2013\u00d7\u20ac\u00a0\u202f\u00e9\u00e7\u00e3\u00f1';

/**
 * Lays out SAMPLE in each of `fonts` in `box` (hidden, made by the caller), a few fonts per task
 * of about 8 ms (a font is never split: one that waits on the browser process makes its task
 * longer), so the fonts are matched before text needs them. Resolves with the fonts laid out:
 * all of them, or those before `box` left the page.
 */
export function warmFonts(box: HTMLElement, fonts: readonly string[]): Promise<string[]> {
  return layOutInTasks(box, fonts, BUDGET_MS, (font) => {
    const span = document.createElement('span');
    span.style.setProperty('font', font);
    span.textContent = SAMPLE;
    return span;
  });
}

/**
 * Appends the element `make` gives for each of `items` to `box` and lays it out at once, in tasks
 * after the caller's: at least one per task, more while the task has taken under `budgetMs`.
 * Resolves with the items laid out: all of them, or those before `box` left the page.
 */
function layOutInTasks<T>(box: HTMLElement, items: readonly T[], budgetMs: number, make: (item: T) => HTMLElement): Promise<T[]> {
  const done: T[] = [];
  return new Promise((resolve) => {
    const step = () => {
      const start = performance.now();
      do {
        if (done.length === items.length || !box.isConnected) return resolve(done);
        const item = items[done.length]!;
        const el = make(item);
        box.append(el);
        // Laid out now, in this task: the work is done here, not in the next render.
        el.getBoundingClientRect();
        done.push(item);
      } while (performance.now() - start < budgetMs);
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  });
}

/**
 * Form controls whose first layout on a page costs far more than the next: a date field (its
 * calendar icon is an SVG document of its own, and its fields are built from the locale's date
 * pattern: 33-44 ms on the 2-core bench machine, 2 ms the second time), a list box and a
 * disclosure (10-13 ms, then 2). The settings panel, which appears with the first figures, has
 * all three.
 */
export const WARM_CONTROLS: readonly (() => HTMLElement)[] = [
  () => Object.assign(document.createElement('input'), { type: 'date', tabIndex: -1 }),
  () => {
    const select = Object.assign(document.createElement('select'), { tabIndex: -1 });
    select.append(new Option('0'), new Option('1'));
    return select;
  },
  () => {
    const details = document.createElement('details');
    const summary = Object.assign(document.createElement('summary'), { tabIndex: -1, textContent: '0' });
    details.append(summary, '0');
    return details;
  },
];

/**
 * Lays out one control of `controls` per task in `box` (hidden, made by the caller), so their
 * first layout is done before a render needs them. Resolves with how many were laid out: all, or
 * those before `box` left the page.
 */
export async function warmControls(box: HTMLElement, controls: readonly (() => HTMLElement)[] = WARM_CONTROLS): Promise<number> {
  return (await layOutInTasks(box, controls, 0, (make) => make())).length;
}
