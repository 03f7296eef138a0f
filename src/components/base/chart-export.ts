/**
 * Chart export: any Rapport chart element, as drawn on the page, to a standalone SVG document or
 * a PNG, and a download helper.
 *
 * Why the SVG is *composed* rather than a clone in a `<foreignObject>`: some charts are one
 * `<svg>` (segments treemap, ladder, pareto), others are HTML rows each holding small SVGs
 * (quality gap, voice). A `<foreignObject>` wrapping an HTML clone renders in browsers only:
 * Inkscape and Illustrator show nothing for it, and Safari taints a canvas that draws one (no
 * PNG). So the element's rendered tree is walked once and re-drawn in plain SVG from what the
 * browser laid out: every `<svg>` is copied (as a nested `<svg>` at its place) with its computed
 * styles written as presentation attributes, HTML text becomes `<text>` at its line boxes,
 * HTML backgrounds and borders become `<rect>`/`<line>`, and scrolling or `overflow: hidden`
 * boxes become clip paths. Computed styles are resolved values, so every colour taken from a
 * CSS custom property (`var(--_primary)`, `light-dark(...)`, a BI team's theme) is written as
 * the colour itself, and the file looks the same wherever it is opened. Text from data goes
 * into text nodes of an XML document and is escaped by the serialiser: it stays text (characters
 * XML forbids, such as control characters, are dropped: see `xmlSafe`).
 *
 * Not reproduced: CSS generated content (`::before`/`::after`), box shadows, gradients on HTML
 * boxes, and web fonts the viewer lacks (the font family list is kept, so it falls back alike).
 */
import { safeFileName } from '../../data/export/file-name.js';
import { chartExportError, type ChartExportError, type ChartExportNoticeCode } from './chart-export-messages.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Options of `chartToSvg`. */
export interface ChartSvgOptions {
  /** A heading drawn above the chart, and the document's `<title>`. */
  title?: string;
}

/** Options of `chartToPng`. */
export interface ChartPngOptions extends ChartSvgOptions {
  /** Pixels per CSS pixel (default 2, for sharp print and high-density screens; 0.1 .. 8). */
  scale?: number;
}

/** Style properties copied from an SVG element's computed style onto its copy, as presentation attributes. */
const SVG_INHERITED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'letter-spacing',
  'visibility',
  'clip-rule',
  'shape-rendering',
] as const;
/** Not inherited: written when they differ from their initial value. */
const SVG_OWN: Readonly<Record<string, string>> = {
  opacity: '1',
  'dominant-baseline': 'auto',
  'alignment-baseline': 'auto',
  'baseline-shift': '0px',
  'mix-blend-mode': 'normal',
};
/** Source attributes that mean nothing (or something unsafe) outside the page. */
const DROPPED_ATTRIBUTE = /^(on|data-|aria-(?!label$))|^(style|class|part|tabindex|focusable|contenteditable|slot|exportparts)$/i;
/** Elements of the page that are never drawn. */
const SKIPPED_TAGS = new Set(['STYLE', 'SCRIPT', 'TEMPLATE', 'LINK', 'META', 'TITLE', 'NOSCRIPT', 'DIALOG']);

interface Origin {
  x: number;
  y: number;
}

/** Shared state of one export: the output document, the id prefixes and the references still to resolve. */
class Composer {
  readonly doc: XMLDocument;
  readonly root: SVGSVGElement;
  readonly defs: SVGDefsElement;
  private clipCount = 0;
  private readonly prefixes = new Map<Node, string>();
  /** Ids written into the output. */
  private readonly written = new Set<string>();
  /** References made (output id -> where to find the source element). */
  private readonly wanted = new Map<string, { scope: Document | ShadowRoot; id: string }>();
  private measure: CanvasRenderingContext2D | null = null;

  constructor(readonly origin: Origin) {
    this.doc = document.implementation.createDocument(SVG_NS, 'svg', null);
    this.root = this.doc.documentElement as unknown as SVGSVGElement;
    this.root.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:xlink', XLINK_NS);
    this.defs = this.el('defs');
    this.root.appendChild(this.defs);
  }

  el<K extends keyof SVGElementTagNameMap>(tag: K): SVGElementTagNameMap[K];
  el(tag: string): SVGElement;
  el(tag: string): SVGElement {
    return this.doc.createElementNS(SVG_NS, tag) as SVGElement;
  }

  /** A fresh id for a clip path of the output. */
  clipId(): string {
    return `rapport-clip-${++this.clipCount}`;
  }

  /** The id an element of `scope` gets in the output: prefixed per shadow root, so two roots' ids cannot collide. */
  idFor(scope: Document | ShadowRoot, id: string): string {
    let prefix = this.prefixes.get(scope);
    if (!prefix) this.prefixes.set(scope, (prefix = `r${this.prefixes.size}-`));
    return `${prefix}${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  }

  markWritten(id: string): void {
    this.written.add(id);
  }

  /** `url(#x)` / `url("https://page/#x")` / `#x` in a value -> the output id, remembered for the defs. */
  rewriteRefs(value: string, scope: Document | ShadowRoot): string {
    const ref = (id: string) => {
      const out = this.idFor(scope, id);
      this.wanted.set(out, { scope, id });
      return out;
    };
    if (/^#/.test(value)) return `#${ref(decodeURIComponent(value.slice(1)))}`;
    return value.replace(/url\(\s*["']?[^"')#]*#([^"')]+)["']?\s*\)/g, (_m, id: string) => `url(#${ref(decodeURIComponent(id))})`);
  }

  /**
   * Copies every referenced gradient, pattern, clip path, marker, mask or symbol the output does
   * not hold yet (e.g. a hatching pattern kept in a 0×0 `<svg>` of defs) into the top `<defs>`.
   */
  resolveDefs(): void {
    // A def may reference another (a pattern's gradient): loop until nothing new is wanted.
    for (let round = 0; round < 5; round++) {
      const missing = [...this.wanted].filter(([out]) => !this.written.has(out));
      if (missing.length === 0) return;
      for (const [out, { scope, id }] of missing) {
        this.written.add(out);
        const source = scope.getElementById(id);
        if (source instanceof SVGElement) this.defs.appendChild(copySvg(this, source, scope, null));
      }
    }
  }

  /** Ascent and descent of a font, to put HTML text on its baseline. */
  fontMetrics(font: string, size: number): { ascent: number; descent: number } {
    this.measure ??= document.createElement('canvas').getContext('2d');
    if (this.measure) {
      this.measure.font = font;
      const m = this.measure.measureText('Hg');
      if (m.fontBoundingBoxAscent !== undefined && Number.isFinite(m.fontBoundingBoxAscent)) {
        return { ascent: m.fontBoundingBoxAscent, descent: m.fontBoundingBoxDescent };
      }
    }
    return { ascent: size * 0.9, descent: size * 0.25 };
  }
}

const px = (n: number) => String(Math.round(n * 100) / 100);

/** True when a computed colour is fully transparent. */
function transparent(colour: string): boolean {
  return colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour) || /\/\s*0\)$/.test(colour);
}

/** An SVG element and its subtree, copied into the output with computed styles inlined. */
function copySvg(c: Composer, source: SVGElement, scope: Document | ShadowRoot, parentStyle: CSSStyleDeclaration | null): SVGElement {
  const out = c.el(source.localName);
  const style = getComputedStyle(source);
  for (const attr of [...source.attributes]) {
    if (DROPPED_ATTRIBUTE.test(attr.name)) continue;
    // A custom property in an attribute means nothing outside the page: the computed style below says it.
    if (attr.value.includes('var(')) continue;
    if (attr.name === 'id') {
      const id = c.idFor(scope, attr.value);
      c.markWritten(id);
      out.setAttribute('id', id);
    } else if (attr.name === 'href' || attr.name === 'xlink:href') {
      out.setAttributeNS(attr.name === 'href' ? null : XLINK_NS, attr.name, c.rewriteRefs(attr.value, scope));
    } else if (attr.namespaceURI && attr.namespaceURI !== SVG_NS) {
      out.setAttributeNS(attr.namespaceURI, attr.name, attr.value);
    } else {
      out.setAttribute(attr.name, c.rewriteRefs(attr.value, scope));
    }
  }
  for (const prop of SVG_INHERITED) {
    const value = style.getPropertyValue(prop);
    if (!value) continue;
    // Inherited: written where it changes, or where the source element set it itself.
    if (!parentStyle || parentStyle.getPropertyValue(prop) !== value || source.hasAttribute(prop)) out.setAttribute(prop, c.rewriteRefs(value, scope));
  }
  for (const [prop, initial] of Object.entries(SVG_OWN)) {
    const value = style.getPropertyValue(prop);
    if (value && value !== initial) out.setAttribute(prop, value);
  }
  for (const prop of ['clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'filter']) {
    const value = style.getPropertyValue(prop);
    if (value && value !== 'none') out.setAttribute(prop, c.rewriteRefs(value, scope));
  }
  if (style.display === 'none') out.setAttribute('display', 'none');
  // A transform set by a stylesheet (not the attribute) would be lost: write it out.
  if (!source.hasAttribute('transform') && style.transform && style.transform !== 'none' && !(source instanceof SVGSVGElement)) {
    out.setAttribute('transform', style.transform);
  }
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) out.appendChild(c.doc.createTextNode(child.textContent ?? ''));
    else if (child instanceof SVGElement && child.localName !== 'foreignObject' && child.localName !== 'script' && child.localName !== 'style') {
      out.appendChild(copySvg(c, child, scope, style));
    }
  }
  return out;
}

/** The scope (document or shadow root) ids of `node` live in. */
function scopeOf(node: Node): Document | ShadowRoot {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root : document;
}

/** An `<svg>` of the page, drawn at its place in the output as a nested `<svg>`. */
function drawSvg(c: Composer, svg: SVGSVGElement, into: Element): void {
  const box = svg.getBoundingClientRect();
  const scope = scopeOf(svg);
  if (box.width < 0.5 || box.height < 0.5) {
    // A 0×0 svg holds defs for the others (a hatching pattern): copied on demand by resolveDefs.
    return;
  }
  const copy = copySvg(c, svg, scope, null);
  copy.removeAttribute('width');
  copy.removeAttribute('height');
  copy.setAttribute('x', px(box.left - c.origin.x));
  copy.setAttribute('y', px(box.top - c.origin.y));
  copy.setAttribute('width', px(box.width));
  copy.setAttribute('height', px(box.height));
  if (!svg.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${px(box.width)} ${px(box.height)}`);
  const overflow = getComputedStyle(svg).overflow;
  if (overflow === 'visible') copy.setAttribute('overflow', 'visible');
  into.appendChild(copy);
}

/** The background and borders of an HTML box. */
function drawBox(c: Composer, el: Element, style: CSSStyleDeclaration, box: DOMRect, into: Element): void {
  const x = box.left - c.origin.x;
  const y = box.top - c.origin.y;
  const radius = parseFloat(style.borderTopLeftRadius) || 0;
  if (!transparent(style.backgroundColor) && box.width > 0 && box.height > 0) {
    const rect = c.el('rect');
    rect.setAttribute('x', px(x));
    rect.setAttribute('y', px(y));
    rect.setAttribute('width', px(box.width));
    rect.setAttribute('height', px(box.height));
    if (radius) rect.setAttribute('rx', px(Math.min(radius, box.width / 2, box.height / 2)));
    rect.setAttribute('fill', style.backgroundColor);
    into.appendChild(rect);
  }
  const sides = (['top', 'right', 'bottom', 'left'] as const).map((side) => ({
    side,
    width: parseFloat(style.getPropertyValue(`border-${side}-width`)) || 0,
    colour: style.getPropertyValue(`border-${side}-color`),
    line: style.getPropertyValue(`border-${side}-style`),
  }));
  const drawn = sides.filter((s) => s.width > 0 && s.line !== 'none' && s.line !== 'hidden' && !transparent(s.colour));
  if (drawn.length === 0) return;
  const same = drawn.length === 4 && drawn.every((s) => s.width === drawn[0]!.width && s.colour === drawn[0]!.colour);
  const dash = (s: (typeof drawn)[number]) => (s.line === 'dashed' ? `${px(s.width * 3)} ${px(s.width * 2)}` : s.line === 'dotted' ? `${px(s.width)} ${px(s.width)}` : null);
  if (same) {
    const s = drawn[0]!;
    const rect = c.el('rect');
    rect.setAttribute('x', px(x + s.width / 2));
    rect.setAttribute('y', px(y + s.width / 2));
    rect.setAttribute('width', px(Math.max(0, box.width - s.width)));
    rect.setAttribute('height', px(Math.max(0, box.height - s.width)));
    if (radius) rect.setAttribute('rx', px(Math.max(0, radius - s.width / 2)));
    rect.setAttribute('fill', 'none');
    rect.setAttribute('stroke', s.colour);
    rect.setAttribute('stroke-width', px(s.width));
    const d = dash(s);
    if (d) rect.setAttribute('stroke-dasharray', d);
    into.appendChild(rect);
    return;
  }
  for (const s of drawn) {
    const line = c.el('line');
    const h = s.width / 2;
    const [x1, y1, x2, y2] =
      s.side === 'top'
        ? [x, y + h, x + box.width, y + h]
        : s.side === 'bottom'
          ? [x, y + box.height - h, x + box.width, y + box.height - h]
          : s.side === 'left'
            ? [x + h, y, x + h, y + box.height]
            : [x + box.width - h, y, x + box.width - h, y + box.height];
    line.setAttribute('x1', px(x1));
    line.setAttribute('y1', px(y1));
    line.setAttribute('x2', px(x2));
    line.setAttribute('y2', px(y2));
    line.setAttribute('stroke', s.colour);
    line.setAttribute('stroke-width', px(s.width));
    const d = dash(s);
    if (d) line.setAttribute('stroke-dasharray', d);
    into.appendChild(line);
  }
}

function transformText(text: string, transform: string): string {
  if (transform === 'uppercase') return text.toUpperCase();
  if (transform === 'lowercase') return text.toLowerCase();
  if (transform === 'capitalize') return text.replace(/(^|\s)(\p{L})/gu, (_m, s: string, l: string) => s + l.toUpperCase());
  return text;
}

/** One `<text>` at a line box of the page. */
function writeText(c: Composer, text: string, rect: DOMRect, style: CSSStyleDeclaration, into: Element): void {
  if (!text.trim() || rect.width <= 0 || rect.height <= 0) return;
  const size = parseFloat(style.fontSize) || 16;
  const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const { ascent, descent } = c.fontMetrics(font, size);
  const t = c.el('text');
  t.setAttribute('x', px(rect.left - c.origin.x));
  t.setAttribute('y', px(rect.top - c.origin.y + (rect.height - (ascent + descent)) / 2 + ascent));
  t.setAttribute('font-family', style.fontFamily);
  t.setAttribute('font-size', style.fontSize);
  if (style.fontWeight !== '400') t.setAttribute('font-weight', style.fontWeight);
  if (style.fontStyle !== 'normal') t.setAttribute('font-style', style.fontStyle);
  if (style.letterSpacing !== 'normal') t.setAttribute('letter-spacing', style.letterSpacing);
  t.setAttribute('fill', style.color);
  if (style.opacity !== '1') t.setAttribute('opacity', style.opacity);
  t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
  // A text node of the output document: markup in data is escaped by the serialiser, never parsed.
  t.appendChild(c.doc.createTextNode(transformText(text, style.textTransform)));
  into.appendChild(t);
}

/** An HTML text node: one `<text>` per line it occupies on the page. */
function drawTextNode(c: Composer, node: Text, style: CSSStyleDeclaration, into: Element): void {
  const raw = node.textContent ?? '';
  if (!raw.trim()) return;
  const pre = /^(pre|pre-wrap|break-spaces)$/.test(style.whiteSpace);
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return;
  const collapse = (s: string) => (pre ? s : s.replace(/\s+/g, ' '));
  if (rects.length === 1) {
    writeText(c, collapse(raw).trim(), rects[0]!, style, into);
    return;
  }
  // Wrapped onto several lines: group the words by the line box they were laid out on.
  const words = [...raw.matchAll(/\S+/g)];
  let line: { text: string[]; rect: DOMRect | null; top: number } = { text: [], rect: null, top: NaN };
  const flush = () => {
    if (line.rect && line.text.length) writeText(c, line.text.join(' '), line.rect, style, into);
  };
  for (const w of words) {
    range.setStart(node, w.index!);
    range.setEnd(node, w.index! + w[0].length);
    const r = [...range.getClientRects()].find((x) => x.width > 0);
    if (!r) continue;
    if (line.rect && Math.abs(r.top - line.top) < r.height / 2) {
      line.text.push(w[0]);
      const left = Math.min(line.rect.left, r.left);
      const right = Math.max(line.rect.right, r.right);
      line.rect = new DOMRect(left, line.rect.top, right - left, line.rect.height);
    } else {
      flush();
      line = { text: [w[0]], rect: r, top: r.top };
    }
  }
  flush();
}

/** True for an element kept for assistive technology only (the `.visually-hidden` pattern: 1px, clipped). */
function visuallyHidden(style: CSSStyleDeclaration, box: DOMRect): boolean {
  if (/inset\(\s*50%/.test(style.clipPath) || /rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(style.clip)) return true;
  return box.width <= 1 && box.height <= 1 && style.overflow !== 'visible';
}

/** The nodes a node shows: a shadow host its shadow tree, a slot its assigned nodes, anything else its children. */
function shownChildren(node: Node): Node[] {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    return assigned.length ? assigned : [...node.childNodes];
  }
  return [...node.childNodes];
}

/** Draws what a node of the page shows, in paint order (document order; positioned layers are not reordered). */
function drawNode(c: Composer, node: Node, parentStyle: CSSStyleDeclaration, into: Element): void {
  if (node.nodeType === Node.TEXT_NODE) {
    if (parentStyle.visibility === 'visible') drawTextNode(c, node as Text, parentStyle, into);
    return;
  }
  if (!(node instanceof Element) || SKIPPED_TAGS.has(node.tagName)) return;
  if (node instanceof SVGSVGElement) {
    if (getComputedStyle(node).display !== 'none') drawSvg(c, node, into);
    return;
  }
  if (node instanceof SVGElement) return;
  const style = getComputedStyle(node);
  if (style.display === 'none' || style.opacity === '0') return;
  if (node instanceof HTMLSlotElement || style.display === 'contents') {
    for (const child of shownChildren(node)) drawNode(c, child, style, into);
    return;
  }
  const box = node.getBoundingClientRect();
  if (visuallyHidden(style, box)) return;
  let target = into;
  if (style.opacity !== '1') {
    const g = c.el('g');
    g.setAttribute('opacity', style.opacity);
    into.appendChild(g);
    target = g;
  }
  if (style.visibility === 'visible') drawBox(c, node, style, box, target);
  if (node instanceof HTMLSelectElement) {
    const chosen = node.selectedOptions[0];
    if (chosen && style.visibility === 'visible') {
      const inner = new DOMRect(box.left + (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.borderLeftWidth) || 0), box.top, box.width, box.height);
      writeText(c, chosen.textContent?.trim() ?? '', inner, style, target);
    }
    return;
  }
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
    if (style.visibility === 'visible' && node.type !== 'hidden' && node.type !== 'checkbox' && node.type !== 'radio') {
      const inner = new DOMRect(box.left + (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.borderLeftWidth) || 0), box.top, box.width, box.height);
      writeText(c, node.value, inner, style, target);
    }
    return;
  }
  // A box that clips its content (overflow hidden, a scroller): a clip path of its inner box.
  if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
    const id = c.clipId();
    const clip = c.el('clipPath');
    clip.setAttribute('id', id);
    const rect = c.el('rect');
    rect.setAttribute('x', px(box.left - c.origin.x + node.clientLeft));
    rect.setAttribute('y', px(box.top - c.origin.y + node.clientTop));
    rect.setAttribute('width', px(node.clientWidth || box.width));
    rect.setAttribute('height', px(node.clientHeight || box.height));
    clip.appendChild(rect);
    c.defs.appendChild(clip);
    const g = c.el('g');
    g.setAttribute('clip-path', `url(#${id})`);
    target.appendChild(g);
    target = g;
  }
  for (const child of shownChildren(node)) drawNode(c, child, style, target);
}

/**
 * The colour the element is drawn on: its own background, or the nearest ancestor's (through
 * shadow hosts), or else the theme's surface as the element resolves it (its `theme`, the
 * page's scheme, a BI team's tokens).
 *
 * The surface is read from the host's computed `flood-color`, which themeTokens sets to
 * `var(--_surface)`: a computed colour has `light-dark()`, `color-mix()` and every `var()`
 * resolved for the host's own color-scheme, so `theme="dark"` on a light page gives the dark
 * surface. Nothing is added to the element's tree (a probe inside its shadow root would fire
 * slotchange and mutation observers), and flood-color paints nothing on an HTML host.
 */
function backgroundOf(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    if (!transparent(bg)) return bg;
    const parent: Element | null = node.parentElement;
    if (parent) node = parent;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  const style = getComputedStyle(el);
  // Not a Rapport element (no theme tokens): no background, the viewer's own shows through.
  if (!style.getPropertyValue('--_surface').trim()) return 'none';
  return style.getPropertyValue('flood-color') || 'none';
}

/**
 * Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE,
 * U+FFFF; unpaired surrogates). XMLSerializer writes them as they are, and the file then fails
 * to parse anywhere, so they are dropped from every text and attribute value of the output.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string safe to write into an XML text node or attribute value. */
export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Every text node and attribute value of the output, made XML-safe in one pass before serialising. */
function makeXmlSafe(root: Element): void {
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) {
      const safe = xmlSafe(node.nodeValue ?? '');
      if (safe !== node.nodeValue) node.nodeValue = safe;
      return;
    }
    if (node instanceof Element) {
      for (const attr of [...node.attributes]) {
        const safe = xmlSafe(attr.value);
        if (safe !== attr.value) node.setAttributeNS(attr.namespaceURI, attr.name, safe);
      }
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
}

interface ComposedSvg {
  svg: string;
  /** The same picture as a document, for painting without parsing the text again (a Trusted Types sink). */
  doc: XMLDocument;
  width: number;
  height: number;
}

function compose(el: HTMLElement, options: ChartSvgOptions): ComposedSvg {
  if (!el?.isConnected) throw chartExportError('chart-export.not-shown');
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) throw chartExportError('chart-export.no-size');
  const hostStyle = getComputedStyle(el);
  const title = xmlSafe(options.title ?? '').trim();
  const fontSize = parseFloat(hostStyle.fontSize) || 16;
  const titleBand = title ? Math.ceil(fontSize * 2.2) : 0;
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height) + titleBand;
  const c = new Composer({ x: box.left, y: box.top - titleBand });
  const root = c.root;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', hostStyle.fontFamily);
  root.setAttribute('font-size', hostStyle.fontSize);
  if (title) {
    const t = c.el('title');
    t.appendChild(c.doc.createTextNode(title));
    root.insertBefore(t, root.firstChild);
  }
  const background = c.el('rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', backgroundOf(el));
  root.appendChild(background);
  if (title) {
    const heading = c.el('text');
    heading.setAttribute('x', '0');
    heading.setAttribute('y', px(fontSize * 1.5));
    heading.setAttribute('font-family', hostStyle.fontFamily);
    heading.setAttribute('font-size', px(fontSize * 1.2));
    heading.setAttribute('font-weight', '600');
    heading.setAttribute('fill', hostStyle.color);
    heading.appendChild(c.doc.createTextNode(title));
    root.appendChild(heading);
  }
  const content = c.el('g');
  root.appendChild(content);
  // The element's own box (a chart's card), then what it shows.
  drawBox(c, el, hostStyle, box, content);
  for (const child of shownChildren(el)) drawNode(c, child, hostStyle, content);
  c.resolveDefs();
  if (!c.defs.hasChildNodes()) c.defs.remove();
  makeXmlSafe(c.root);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(c.doc)}\n`;
  return { svg, doc: c.doc, width, height };
}

/**
 * A chart element as a standalone SVG document (text, UTF-8): what the element shows now, at its
 * size on the page (`width`, `height` and `viewBox` in CSS pixels), colours and fonts resolved
 * from the styles in force, so it opens the same in a browser, Inkscape or Illustrator. Works for
 * any element: one `<svg>` or HTML rows holding small SVGs. Throws when the element is not shown.
 */
export function chartToSvg(el: HTMLElement, options: ChartSvgOptions = {}): string {
  return compose(el, options).svg;
}

/** Milliseconds to wait for the browser to draw the SVG before giving up. */
const IMAGE_TIMEOUT_MS = 15_000;

/** A 1×1 SVG as a `data:` URL: loads wherever `data:` images are allowed, whatever the chart holds. */
const TINY_SVG = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');

/** Whether the page lets a `data:` SVG image load (a strict img-src refuses it). */
function dataImagesAllowed(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = new Image();
    const timer = setTimeout(() => resolve(false), 2000);
    probe.onload = () => {
      clearTimeout(timer);
      resolve(true);
    };
    probe.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    probe.src = TINY_SVG;
  });
}

/**
 * The SVG drawn as an image, or an error that says why not: the page's CSP refusing `data:`
 * images (reported by a violation event, or found by loading a tiny `data:` SVG, which only a
 * policy stops), or else the chart's SVG itself could not be drawn.
 */
function loadSvgImage(svg: string): Promise<HTMLImageElement> {
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return new Promise((resolve, reject) => {
    const img = new Image();
    let settled = false;
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (e.blockedURI.startsWith('data') || e.effectiveDirective.startsWith('img-src') || e.effectiveDirective.startsWith('default-src')) {
        finish(cspError(e.originalPolicy));
      }
    };
    const timer = setTimeout(() => finish(chartExportError('chart-export.timeout', { seconds: IMAGE_TIMEOUT_MS / 1000 })), IMAGE_TIMEOUT_MS);
    function finish(error: Error | null) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
      img.onload = img.onerror = null;
      if (error) reject(error);
      else resolve(img);
    }
    document.addEventListener('securitypolicyviolation', onViolation);
    img.onload = () => finish(null);
    img.onerror = () => {
      // Policy or drawing? A tiny data: SVG tells: only a policy stops that one loading.
      void dataImagesAllowed().then((allowed) =>
        finish(
          allowed
            ? chartExportError('chart-export.svg-not-drawn')
            : cspError(null),
        ),
      );
    };
    img.src = url;
  });
}

function cspError(policy: string | null): Error {
  return policy ? chartExportError('chart-export.csp-blocked-policy', { policy }) : chartExportError('chart-export.csp-blocked');
}

/** Image-route failures the canvas painter can stand in for (the policy, the browser's SVG image, a tainted canvas). */
const PAINTABLE: ReadonlySet<ChartExportNoticeCode> = new Set(['chart-export.csp-blocked', 'chart-export.csp-blocked-policy', 'chart-export.svg-not-drawn', 'chart-export.timeout', 'chart-export.canvas-unreadable']);

/**
 * Set once the page's policy has refused the `data:` image: later exports go straight to the
 * canvas painter (no second violation report, no wait).
 */
let imageRouteRefused = false;

function newCanvas(width: number, height: number, scale: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw chartExportError('chart-export.no-canvas');
  return { canvas, ctx };
}

function encode(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => {
    try {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(chartExportError('chart-export.not-encoded'))), 'image/png');
    } catch (e) {
      reject(chartExportError('chart-export.canvas-unreadable', { reason: e instanceof Error ? e.message : String(e) }));
    }
  });
}

function isChartExportError(e: unknown): e is ChartExportError {
  return e instanceof Error && typeof (e as Partial<ChartExportError>).notice?.code === 'string';
}

/**
 * A chart element as a PNG (`image/png` Blob): the `chartToSvg` drawing rendered on a canvas at
 * `scale` pixels per CSS pixel (default 2). Rejects, never hangs, with an Error that says why.
 *
 * Two routes. First the browser draws the SVG as an image (a `data:` URL): exact, as the SVG
 * file looks. Where the page's Content-Security-Policy refuses that image (an `img-src` without
 * `data:`, as in the strict policy the product works under), where the browser cannot draw the
 * SVG image, or where it taints the canvas, the SVG is painted on the canvas directly with the
 * Canvas 2D API (svg-canvas-painter.ts): no image, no URL, so no policy stops it. The painted PNG
 * matches the chart but for what the painter leaves out (masks, filters, markers: the charts use
 * none). The policy's refusal is remembered, so later exports paint at once.
 *
 * Errors: the element is not shown, no 2D canvas, the PNG could not be encoded, or both routes
 * failed (the image route's error is reported: it says what the policy would need). The error's
 * `notice` says the same for the interface to translate (`errorText`).
 */
export async function chartToPng(el: HTMLElement, options: ChartPngOptions = {}): Promise<Blob> {
  const scale = Math.min(8, Math.max(0.1, Number.isFinite(options.scale) ? options.scale! : 2));
  const { svg, doc, width, height } = compose(el, options);
  let imageError: ChartExportError | null = null;
  if (!imageRouteRefused) {
    try {
      const img = await loadSvgImage(svg);
      const { canvas, ctx } = newCanvas(width, height, scale);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      return await encode(canvas);
    } catch (e) {
      if (!isChartExportError(e) || !PAINTABLE.has(e.notice.code)) throw e;
      imageError = e;
      if (e.notice.code === 'chart-export.csp-blocked' || e.notice.code === 'chart-export.csp-blocked-policy') imageRouteRefused = true;
    }
  }
  // A fresh canvas: one an image tainted stays unreadable.
  const { canvas, ctx } = newCanvas(width, height, scale);
  try {
    // Fetched on first use (a chunk beside rapport.js): only PNG exports the policy refuses as an image need it.
    const { paintSvg } = await import('./svg-canvas-painter.js');
    ctx.scale(canvas.width / width, canvas.height / height);
    paintSvg(ctx, doc, { width, height });
  } catch {
    throw imageError ?? cspError(null);
  }
  return encode(canvas);
}

/**
 * Saves a Blob as a file through a temporary link; the file name is made safe first (no path
 * separators, quotes or control characters; see `safeFileName`). Returns the name used.
 */
export function downloadBlob(blob: Blob, fileName: string): string {
  const name = safeFileName(fileName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoked after the click has started the download, not before.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return name;
}
