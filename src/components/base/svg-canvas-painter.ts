/**
 * Paints an SVG document onto a 2D canvas with the Canvas API alone: no `<img>`, no `data:` or
 * `blob:` URL, so it works under a Content-Security-Policy whose `img-src` is `'self'` (the
 * strict policy of TOOLCHAIN.md), where drawing the SVG through an image is refused.
 *
 * It reads attributes only: it is meant for the standalone SVG chart-export.ts composes, whose
 * styles are resolved into presentation attributes (a `style` attribute is read too, simply).
 * Supported: `svg` (nested, with x, y, width, height, viewBox, preserveAspectRatio and overflow
 * clipping), `g`, `a`, `switch` (as a group), `use`, `rect` (rx, ry), `circle`, `ellipse`,
 * `line`, `polyline`, `polygon`, `path` (through `Path2D`), `text` and `tspan` (x, y, dx, dy,
 * text-anchor per text chunk, dominant-baseline, font, letter-spacing, fill and stroke);
 * transforms (matrix, translate, scale, rotate, skewX, skewY); opacity (groups through an
 * offscreen layer, so overlapping children blend as in a browser), fill-opacity, stroke-opacity;
 * fill-rule; stroke width, dasharray, dashoffset, linecap, linejoin, miterlimit; paint-order;
 * display and visibility; `clipPath` (of basic shapes and paths, user space or bounding box);
 * patterns (the tile is painted on an offscreen canvas at the output's resolution and repeated
 * with `createPattern`, patternTransform included); linear and radial gradients.
 *
 * Not supported (skipped, the rest is painted): `mask`, `filter`, markers, `image`,
 * `foreignObject`, `textPath`, per-glyph positioning (lists of x / y / rotate: the first value
 * is used), `textLength`, vertical writing modes, `vector-effect`, and CSS basic-shape clip
 * paths (`inset()`, `circle()`). Text is drawn with the fonts the page has, as the image route does.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Where and how large the SVG is painted, in the context's current user units. */
export interface PaintOptions {
  /** The viewport's width (default: the root's `width`, else its viewBox's). */
  width?: number;
  /** The viewport's height (default: the root's `height`, else its viewBox's). */
  height?: number;
}

/** Properties inherited down the tree, with their initial values. */
interface Style {
  fill: string;
  'fill-opacity': number;
  'fill-rule': CanvasFillRule;
  stroke: string;
  'stroke-opacity': number;
  'stroke-width': string;
  'stroke-dasharray': string;
  'stroke-dashoffset': string;
  'stroke-linecap': CanvasLineCap;
  'stroke-linejoin': CanvasLineJoin;
  'stroke-miterlimit': number;
  'paint-order': string;
  'font-family': string;
  'font-size': number;
  'font-weight': string;
  'font-style': string;
  'text-anchor': string;
  'letter-spacing': string;
  visibility: string;
  'clip-rule': CanvasFillRule;
  color: string;
  'xml:space': string;
}

/**
 * SVG's initial `fill` and `color` (the spec's, not a theme colour): what the painter uses for an
 * element that names none. chart-export writes every fill resolved from the theme, so an exported
 * chart never falls back on it.
 */
const SVG_INITIAL_PAINT = 'black';

const INITIAL: Style = {
  fill: SVG_INITIAL_PAINT,
  'fill-opacity': 1,
  'fill-rule': 'nonzero',
  stroke: 'none',
  'stroke-opacity': 1,
  'stroke-width': '1',
  'stroke-dasharray': 'none',
  'stroke-dashoffset': '0',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  'stroke-miterlimit': 4,
  'paint-order': 'normal',
  'font-family': 'sans-serif',
  'font-size': 16,
  'font-weight': 'normal',
  'font-style': 'normal',
  'text-anchor': 'start',
  'letter-spacing': 'normal',
  visibility: 'visible',
  'clip-rule': 'nonzero',
  color: SVG_INITIAL_PAINT,
  'xml:space': 'default',
};

/** Elements that are never painted where they stand (referenced, or metadata). */
const NOT_RENDERED = new Set([
  'defs',
  'clipPath',
  'mask',
  'pattern',
  'linearGradient',
  'radialGradient',
  'marker',
  'symbol',
  'title',
  'desc',
  'metadata',
  'style',
  'script',
  'filter',
  'foreignObject',
  'image',
]);

const SHAPES = new Set(['rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'path']);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The value of a presentation attribute or of the same property in a `style` attribute. */
function prop(el: Element, name: string): string | null {
  const style = el.getAttribute('style');
  if (style) {
    for (const decl of style.split(';')) {
      const i = decl.indexOf(':');
      if (i > 0 && decl.slice(0, i).trim().toLowerCase() === name) return decl.slice(i + 1).replace(/!important/i, '').trim();
    }
  }
  if (name === 'xml:space') return el.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'space') ?? el.getAttribute('xml:space');
  return el.getAttribute(name);
}

/** A length in user units: px, em, ex, pt, pc, in, cm, mm, or a percentage of `ref`. */
export function length(value: string | null | undefined, ref = 0, fontSize = 16, fallback = 0): number {
  if (value == null) return fallback;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|em|rem|ex|pt|pc|in|cm|mm|%)?\s*$/i.exec(value);
  if (!m) return fallback;
  const n = parseFloat(m[1]!);
  switch ((m[2] ?? '').toLowerCase()) {
    case '%':
      return (n / 100) * ref;
    case 'em':
      return n * fontSize;
    case 'rem':
      return n * 16;
    case 'ex':
      return n * fontSize * 0.5;
    case 'pt':
      return (n * 4) / 3;
    case 'pc':
      return n * 16;
    case 'in':
      return n * 96;
    case 'cm':
      return (n * 96) / 2.54;
    case 'mm':
      return (n * 96) / 25.4;
    default:
      return n;
  }
}

function numbers(value: string | null | undefined): number[] {
  if (!value) return [];
  return (value.match(/[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi) ?? []).map(Number);
}

/** An SVG `transform` list (or a CSS `matrix()` / `matrix3d()` from a computed style) as a matrix. */
export function parseTransform(value: string | null | undefined): DOMMatrix {
  const m = new DOMMatrix();
  if (!value || value === 'none') return m;
  for (const [, name, args] of value.matchAll(/([a-zA-Z0-9]+)\s*\(([^)]*)\)/g)) {
    const n = numbers(args);
    switch (name) {
      case 'matrix':
        if (n.length >= 6) m.multiplySelf(new DOMMatrix([n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!]));
        break;
      case 'matrix3d':
        if (n.length >= 16) m.multiplySelf(new DOMMatrix([n[0]!, n[1]!, n[4]!, n[5]!, n[12]!, n[13]!]));
        break;
      case 'translate':
        m.translateSelf(n[0] ?? 0, n[1] ?? 0);
        break;
      case 'translateX':
        m.translateSelf(n[0] ?? 0, 0);
        break;
      case 'translateY':
        m.translateSelf(0, n[0] ?? 0);
        break;
      case 'scale':
        m.scaleSelf(n[0] ?? 1, n[1] ?? n[0] ?? 1);
        break;
      case 'rotate': {
        const [a = 0, cx = 0, cy = 0] = n;
        // A CSS rotate() may carry a unit: deg by default, rad / turn read here.
        const deg = /rad\s*$/.test(args!) ? (a * 180) / Math.PI : /turn\s*$/.test(args!) ? a * 360 : a;
        m.translateSelf(cx, cy).rotateSelf(deg).translateSelf(-cx, -cy);
        break;
      }
      case 'skewX':
        m.skewXSelf(n[0] ?? 0);
        break;
      case 'skewY':
        m.skewYSelf(n[0] ?? 0);
        break;
    }
  }
  return m;
}

/** The transform that maps a viewBox onto a viewport, per preserveAspectRatio. */
function viewBoxTransform(viewBox: number[], width: number, height: number, par: string | null): DOMMatrix {
  const [vx, vy, vw, vh] = viewBox as [number, number, number, number];
  const m = new DOMMatrix();
  if (!(vw > 0 && vh > 0)) return m;
  let sx = width / vw;
  let sy = height / vh;
  const [align = 'xMidYMid', meetOrSlice = 'meet'] = (par ?? '').trim().split(/\s+/).filter((s) => s !== 'defer');
  if (align !== 'none') {
    const s = meetOrSlice === 'slice' ? Math.max(sx, sy) : Math.min(sx, sy);
    sx = sy = s;
  }
  let tx = -vx * sx;
  let ty = -vy * sy;
  if (align !== 'none') {
    const fx = /xMid/.test(align) ? 0.5 : /xMax/.test(align) ? 1 : 0;
    const fy = /YMid/.test(align) ? 0.5 : /YMax/.test(align) ? 1 : 0;
    tx += (width - vw * sx) * fx;
    ty += (height - vh * sy) * fy;
  }
  return m.translateSelf(tx, ty).scaleSelf(sx, sy);
}

/** A viewport's size, for percentages. */
interface Viewport {
  width: number;
  height: number;
}

interface Layer {
  ctx: CanvasRenderingContext2D;
}

/** Paints one SVG document; holds its lookup of ids and the viewport stack. */
class Painter {
  private readonly styles = new Map<Element, Style>();
  private depth = 0;

  constructor(private readonly doc: Document) {}

  /** The computed style of an element from its attributes and its ancestors'. */
  styleOf(el: Element, parent?: Style): Style {
    if (!parent) {
      const cached = this.styles.get(el);
      if (cached) return cached;
    }
    const base = parent ?? (el.parentElement && el.parentElement.namespaceURI === SVG_NS ? this.styleOf(el.parentElement) : INITIAL);
    const s: Style = { ...base };
    const fontSize = prop(el, 'font-size');
    if (fontSize) s['font-size'] = length(fontSize, base['font-size'], base['font-size'], base['font-size']);
    for (const key of Object.keys(INITIAL) as (keyof Style)[]) {
      if (key === 'font-size') continue;
      const v = prop(el, key);
      if (v == null || v === '' || v === 'inherit') continue;
      if (key === 'fill-opacity' || key === 'stroke-opacity') s[key] = opacityValue(v);
      else if (key === 'stroke-miterlimit') s[key] = parseFloat(v) || 4;
      else (s as unknown as Record<string, string>)[key] = v;
    }
    if (!parent) this.styles.set(el, s);
    return s;
  }

  byId(ref: string | null): Element | null {
    if (!ref) return null;
    const m = /url\(\s*["']?#([^"')]+)["']?\s*\)/.exec(ref) ?? /^#(.+)$/.exec(ref.trim());
    if (!m) return null;
    const id = m[1]!;
    return this.doc.getElementById(id) ?? this.doc.querySelector(`[id="${CSS.escape(id)}"]`);
  }

  /** Paints the root `<svg>` into a viewport of `width` × `height` at the origin. */
  paintRoot(ctx: CanvasRenderingContext2D, root: Element, width: number, height: number): void {
    ctx.save();
    const viewBox = numbers(root.getAttribute('viewBox'));
    if (viewBox.length === 4) ctx.transform(...abcdef(viewBoxTransform(viewBox, width, height, root.getAttribute('preserveAspectRatio'))));
    const vp = viewBox.length === 4 ? { width: viewBox[2]!, height: viewBox[3]! } : { width, height };
    this.paintChildren({ ctx }, root, this.styleOf(root), vp);
    ctx.restore();
  }

  private paintChildren(layer: Layer, el: Element, style: Style, vp: Viewport): void {
    for (const child of el.children) this.paint(layer, child, style, vp);
  }

  /** Paints an element and its subtree, with `parent` its inherited style. */
  paint(layer: Layer, el: Element, parent: Style, vp: Viewport, fromUse = false): void {
    if (el.namespaceURI !== SVG_NS || NOT_RENDERED.has(el.localName)) return;
    if (prop(el, 'display') === 'none') return;
    if (++this.depth > 200) {
      this.depth--;
      return;
    }
    try {
      const style = fromUse ? this.styleOf(el, parent) : this.styleOf(el);
      const ctx = layer.ctx;
      ctx.save();
      try {
        const transform = el.getAttribute('transform');
        if (transform && el.localName !== 'svg') ctx.transform(...abcdef(parseTransform(transform)));
        this.applyClip(ctx, el, style, vp);
        const opacity = opacityValue(prop(el, 'opacity'));
        if (opacity <= 0) return;
        const group = el.localName === 'g' || el.localName === 'svg' || el.localName === 'a' || el.localName === 'switch' || el.localName === 'use';
        // One painted child cannot overlap a sibling: its alpha is multiplied, with no layer.
        const painted = group ? [...el.children].filter((c) => c.namespaceURI === SVG_NS && !NOT_RENDERED.has(c.localName)) : [];
        const single = el.localName !== 'use' && painted.length <= 1 && (painted.length === 0 || SHAPES.has(painted[0]!.localName) || painted[0]!.localName === 'text');
        if (opacity < 1 && group && !single) {
          // A group's opacity applies to the group as drawn: paint it on a layer, then blend the layer.
          const canvas = ctx.canvas;
          const off = offscreen(canvas.width, canvas.height);
          const octx = off.getContext('2d') as CanvasRenderingContext2D | null;
          if (octx) {
            octx.setTransform(ctx.getTransform());
            this.paintContent({ ctx: octx }, el, style, vp, 1);
            ctx.save();
            ctx.setTransform(1, 0, 0, 1, 0, 0);
            ctx.globalAlpha *= opacity;
            ctx.drawImage(off as CanvasImageSource, 0, 0);
            ctx.restore();
            return;
          }
        }
        this.paintContent(layer, el, style, vp, opacity);
      } finally {
        ctx.restore();
      }
    } finally {
      this.depth--;
    }
  }

  private paintContent(layer: Layer, el: Element, style: Style, vp: Viewport, opacity: number): void {
    const ctx = layer.ctx;
    const fs = style['font-size'];
    switch (el.localName) {
      case 'svg': {
        const x = length(el.getAttribute('x'), vp.width, fs);
        const y = length(el.getAttribute('y'), vp.height, fs);
        const w = length(el.getAttribute('width') ?? '100%', vp.width, fs);
        const h = length(el.getAttribute('height') ?? '100%', vp.height, fs);
        if (w <= 0 || h <= 0) return;
        ctx.translate(x, y);
        const overflow = prop(el, 'overflow');
        if (overflow !== 'visible' && overflow !== 'auto') {
          ctx.beginPath();
          ctx.rect(0, 0, w, h);
          ctx.clip();
        }
        const viewBox = numbers(el.getAttribute('viewBox'));
        if (viewBox.length === 4) ctx.transform(...abcdef(viewBoxTransform(viewBox, w, h, el.getAttribute('preserveAspectRatio'))));
        const inner = viewBox.length === 4 ? { width: viewBox[2]!, height: viewBox[3]! } : { width: w, height: h };
        if (opacity < 1) ctx.globalAlpha *= opacity;
        this.paintChildren(layer, el, style, inner);
        return;
      }
      case 'g':
      case 'a':
        if (opacity < 1) ctx.globalAlpha *= opacity;
        this.paintChildren(layer, el, style, vp);
        return;
      case 'switch': {
        if (opacity < 1) ctx.globalAlpha *= opacity;
        const first = [...el.children].find((c) => c.namespaceURI === SVG_NS && !NOT_RENDERED.has(c.localName));
        if (first) this.paint(layer, first, style, vp);
        return;
      }
      case 'use': {
        const target = this.byId(el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href'));
        if (!target || target.contains(el)) return;
        if (opacity < 1) ctx.globalAlpha *= opacity;
        ctx.translate(length(el.getAttribute('x'), vp.width, fs), length(el.getAttribute('y'), vp.height, fs));
        if (target.localName === 'symbol') {
          const w = length(el.getAttribute('width') ?? target.getAttribute('width') ?? '100%', vp.width, fs);
          const h = length(el.getAttribute('height') ?? target.getAttribute('height') ?? '100%', vp.height, fs);
          const viewBox = numbers(target.getAttribute('viewBox'));
          const symStyle = this.styleOf(target, style);
          if (viewBox.length === 4) ctx.transform(...abcdef(viewBoxTransform(viewBox, w, h, target.getAttribute('preserveAspectRatio'))));
          for (const child of target.children) this.paint(layer, child, symStyle, vp, true);
        } else this.paint(layer, target, style, vp, true);
        return;
      }
      case 'text':
        this.paintText(ctx, el, style, vp, opacity);
        return;
      default:
        if (SHAPES.has(el.localName)) this.paintShape(ctx, el, style, vp, opacity);
    }
  }

  /** A basic shape's outline as a Path2D, with its bounding box; null when it is not drawn. */
  shapePath(el: Element, style: Style, vp: Viewport): { path: Path2D; box: Box; open: boolean } | null {
    const fs = style['font-size'];
    const diag = Math.hypot(vp.width, vp.height) / Math.SQRT2;
    const path = new Path2D();
    switch (el.localName) {
      case 'rect': {
        const x = length(el.getAttribute('x'), vp.width, fs);
        const y = length(el.getAttribute('y'), vp.height, fs);
        const w = length(el.getAttribute('width'), vp.width, fs);
        const h = length(el.getAttribute('height'), vp.height, fs);
        if (!(w > 0 && h > 0)) return null;
        const rxa = el.getAttribute('rx');
        const rya = el.getAttribute('ry');
        let rx = rxa != null && rxa !== 'auto' ? length(rxa, vp.width, fs) : NaN;
        let ry = rya != null && rya !== 'auto' ? length(rya, vp.height, fs) : NaN;
        if (Number.isNaN(rx)) rx = Number.isNaN(ry) ? 0 : ry;
        if (Number.isNaN(ry)) ry = rx;
        rx = Math.min(Math.max(0, rx), w / 2);
        ry = Math.min(Math.max(0, ry), h / 2);
        if (rx > 0 && ry > 0) {
          path.moveTo(x + rx, y);
          path.lineTo(x + w - rx, y);
          path.ellipse(x + w - rx, y + ry, rx, ry, 0, -Math.PI / 2, 0);
          path.lineTo(x + w, y + h - ry);
          path.ellipse(x + w - rx, y + h - ry, rx, ry, 0, 0, Math.PI / 2);
          path.lineTo(x + rx, y + h);
          path.ellipse(x + rx, y + h - ry, rx, ry, 0, Math.PI / 2, Math.PI);
          path.lineTo(x, y + ry);
          path.ellipse(x + rx, y + ry, rx, ry, 0, Math.PI, (3 * Math.PI) / 2);
          path.closePath();
        } else path.rect(x, y, w, h);
        return { path, box: { x, y, width: w, height: h }, open: false };
      }
      case 'circle':
      case 'ellipse': {
        const cx = length(el.getAttribute('cx'), vp.width, fs);
        const cy = length(el.getAttribute('cy'), vp.height, fs);
        const rx = el.localName === 'circle' ? length(el.getAttribute('r'), diag, fs) : length(el.getAttribute('rx'), vp.width, fs);
        const ry = el.localName === 'circle' ? rx : length(el.getAttribute('ry'), vp.height, fs);
        if (!(rx > 0 && ry > 0)) return null;
        path.ellipse(cx, cy, rx, ry, 0, 0, Math.PI * 2);
        path.closePath();
        return { path, box: { x: cx - rx, y: cy - ry, width: 2 * rx, height: 2 * ry }, open: false };
      }
      case 'line': {
        const x1 = length(el.getAttribute('x1'), vp.width, fs);
        const y1 = length(el.getAttribute('y1'), vp.height, fs);
        const x2 = length(el.getAttribute('x2'), vp.width, fs);
        const y2 = length(el.getAttribute('y2'), vp.height, fs);
        path.moveTo(x1, y1);
        path.lineTo(x2, y2);
        return { path, box: boxOf([x1, y1, x2, y2]), open: true };
      }
      case 'polyline':
      case 'polygon': {
        const n = numbers(el.getAttribute('points'));
        if (n.length < 4) return null;
        path.moveTo(n[0]!, n[1]!);
        for (let i = 2; i + 1 < n.length; i += 2) path.lineTo(n[i]!, n[i + 1]!);
        if (el.localName === 'polygon') path.closePath();
        return { path, box: boxOf(n.length % 2 ? n.slice(0, -1) : n), open: el.localName === 'polyline' };
      }
      case 'path': {
        const d = el.getAttribute('d');
        if (!d || d.trim() === 'none') return null;
        return { path: new Path2D(d), box: pathBox(d), open: true };
      }
    }
    return null;
  }

  private paintShape(ctx: CanvasRenderingContext2D, el: Element, style: Style, vp: Viewport, opacity: number): void {
    if (style.visibility === 'hidden' || style.visibility === 'collapse') return;
    const shape = this.shapePath(el, style, vp);
    if (!shape) return;
    const base = ctx.globalAlpha;
    const fill = () => {
      if (el.localName === 'line') return;
      const paint = this.paintOf(ctx, style.fill, style, shape.box, vp);
      if (!paint) return;
      ctx.globalAlpha = base * opacity * style['fill-opacity'] * paint.alpha;
      ctx.fillStyle = paint.style;
      ctx.fill(shape.path, style['fill-rule']);
    };
    const stroke = () => {
      const paint = this.paintOf(ctx, style.stroke, style, shape.box, vp);
      if (!paint) return;
      if (!this.setStroke(ctx, style, vp)) return;
      ctx.globalAlpha = base * opacity * style['stroke-opacity'] * paint.alpha;
      ctx.strokeStyle = paint.style;
      ctx.stroke(shape.path);
    };
    const order = style['paint-order'].trim().split(/\s+/);
    const strokeFirst = order[0] === 'stroke' || (order[0] === 'markers' && order[1] === 'stroke');
    for (const step of strokeFirst ? [stroke, fill] : [fill, stroke]) {
      ctx.save();
      step();
      ctx.restore();
    }
  }

  /** Sets the line style; false when the stroke has no width. */
  private setStroke(ctx: CanvasRenderingContext2D, style: Style, vp: Viewport): boolean {
    const diag = Math.hypot(vp.width, vp.height) / Math.SQRT2;
    const width = length(style['stroke-width'], diag, style['font-size'], 1);
    if (!(width > 0)) return false;
    ctx.lineWidth = width;
    ctx.lineCap = (['butt', 'round', 'square'] as const).includes(style['stroke-linecap']) ? style['stroke-linecap'] : 'butt';
    ctx.lineJoin = style['stroke-linejoin'] === 'round' || style['stroke-linejoin'] === 'bevel' ? style['stroke-linejoin'] : 'miter';
    ctx.miterLimit = style['stroke-miterlimit'];
    const dashes = style['stroke-dasharray'] === 'none' ? [] : style['stroke-dasharray'].split(/[\s,]+/).filter(Boolean).map((d) => length(d, diag, style['font-size']));
    if (dashes.length && dashes.every((d) => d >= 0) && dashes.some((d) => d > 0)) {
      ctx.setLineDash(dashes.length % 2 ? [...dashes, ...dashes] : dashes);
      ctx.lineDashOffset = length(style['stroke-dashoffset'], diag, style['font-size']);
    }
    return true;
  }

  /**
   * A fill or stroke value as a canvas style: a colour, or a pattern or gradient (`url(#id)`,
   * falling back on the colour after it, if any). Null for `none`.
   */
  paintOf(ctx: CanvasRenderingContext2D, value: string, style: Style, box: Box, vp: Viewport): { style: string | CanvasPattern | CanvasGradient; alpha: number } | null {
    const v = value.trim();
    if (!v || v === 'none' || v === 'transparent') return null;
    if (v.startsWith('url(')) {
      const ref = this.byId(v);
      const fallback = v.replace(/^url\([^)]*\)\s*/, '');
      if (ref?.localName === 'pattern') {
        const pattern = this.pattern(ctx, ref, box, vp);
        if (pattern) return { style: pattern, alpha: 1 };
      } else if (ref?.localName === 'linearGradient' || ref?.localName === 'radialGradient') {
        const gradient = this.gradient(ctx, ref, box, vp);
        if (gradient) return gradient;
      }
      return fallback ? this.paintOf(ctx, fallback, style, box, vp) : null;
    }
    if (/^currentcolou?r$/i.test(v)) return this.paintOf(ctx, style.color, style, box, vp);
    return { style: v, alpha: 1 };
  }

  /** An attribute of a pattern or gradient, or of the one it inherits from through `href`. */
  private inherited(el: Element, name: string): string | null {
    let node: Element | null = el;
    for (let i = 0; node && i < 10; i++) {
      const v = node.getAttribute(name);
      if (v != null) return v;
      node = this.byId(node.getAttribute('href') ?? node.getAttributeNS(XLINK_NS, 'href'));
    }
    return null;
  }

  /** The element holding a pattern's or gradient's children (its own, or those of the one it inherits). */
  private contentOf(el: Element, tags?: string[]): Element {
    let node: Element | null = el;
    for (let i = 0; node && i < 10; i++) {
      const kids = [...node.children].filter((c) => c.namespaceURI === SVG_NS && (!tags || tags.includes(c.localName)));
      if (kids.length) return node;
      node = this.byId(node.getAttribute('href') ?? node.getAttributeNS(XLINK_NS, 'href'));
    }
    return el;
  }

  /** A pattern: its tile painted on an offscreen canvas at the context's resolution, repeated. */
  private pattern(ctx: CanvasRenderingContext2D, el: Element, box: Box, vp: Viewport): CanvasPattern | null {
    const bbox = (this.inherited(el, 'patternUnits') ?? 'objectBoundingBox') === 'objectBoundingBox';
    const fs = this.styleOf(el)['font-size'];
    const dim = (name: string, ref: number, origin: number, size: number) => {
      const raw = this.inherited(el, name);
      if (!bbox) return length(raw, ref, fs);
      const f = raw == null ? 0 : raw.trim().endsWith('%') ? parseFloat(raw) / 100 : parseFloat(raw) || 0;
      return origin + f * size;
    };
    const x = dim('x', vp.width, box.x, box.width);
    const y = dim('y', vp.height, box.y, box.height);
    const w = dim('width', vp.width, 0, box.width);
    const h = dim('height', vp.height, 0, box.height);
    if (!(w > 0 && h > 0)) return null;
    const patternTransform = parseTransform(this.inherited(el, 'patternTransform'));
    // Pixels per pattern unit: the scale of (the context's transform × patternTransform).
    const device = ctx.getTransform().multiply(patternTransform);
    const sx = Math.hypot(device.a, device.b) || 1;
    const sy = Math.hypot(device.c, device.d) || 1;
    const pw = Math.max(1, Math.min(2048, Math.ceil(w * sx)));
    const ph = Math.max(1, Math.min(2048, Math.ceil(h * sy)));
    const tile = offscreen(pw, ph);
    const tctx = tile.getContext('2d') as CanvasRenderingContext2D | null;
    if (!tctx) return null;
    const rx = pw / w;
    const ry = ph / h;
    tctx.scale(rx, ry);
    const viewBox = numbers(this.inherited(el, 'viewBox'));
    let inner: Viewport = vp;
    if (viewBox.length === 4) {
      tctx.transform(...abcdef(viewBoxTransform(viewBox, w, h, this.inherited(el, 'preserveAspectRatio'))));
      inner = { width: viewBox[2]!, height: viewBox[3]! };
    } else if ((this.inherited(el, 'patternContentUnits') ?? 'userSpaceOnUse') === 'objectBoundingBox') {
      tctx.scale(box.width, box.height);
      inner = { width: 1, height: 1 };
    }
    const content = this.contentOf(el);
    const style = this.styleOf(content);
    for (const child of content.children) this.paint({ ctx: tctx }, child, style, inner);
    const pattern = ctx.createPattern(tile as CanvasImageSource, 'repeat');
    if (!pattern) return null;
    pattern.setTransform(patternTransform.translate(x, y).scale(1 / rx, 1 / ry));
    return pattern;
  }

  private gradient(ctx: CanvasRenderingContext2D, el: Element, box: Box, vp: Viewport): { style: CanvasGradient | CanvasPattern | string; alpha: number } | null {
    const bbox = (this.inherited(el, 'gradientUnits') ?? 'objectBoundingBox') === 'objectBoundingBox';
    const stopsOf = this.contentOf(el, ['stop']);
    const stops = [...stopsOf.children]
      .filter((s) => s.localName === 'stop')
      .map((s) => {
        const off = s.getAttribute('offset') ?? '0';
        return {
          offset: Math.min(1, Math.max(0, off.trim().endsWith('%') ? parseFloat(off) / 100 : parseFloat(off) || 0)),
          colour: prop(s, 'stop-color') ?? SVG_INITIAL_PAINT,
          opacity: opacityValue(prop(s, 'stop-opacity')),
        };
      });
    if (stops.length === 0) return null;
    if (stops.length === 1) return { style: stops[0]!.colour, alpha: stops[0]!.opacity };
    const diag = Math.hypot(vp.width, vp.height) / Math.SQRT2;
    // Bounding-box units: fractions of the box (mapped below); user space: lengths, percentages of the viewport.
    const frac = (name: string, initial: string, ref: number) => {
      const raw = this.inherited(el, name) ?? initial;
      if (!bbox) return length(raw, ref);
      return raw.trim().endsWith('%') ? parseFloat(raw) / 100 : parseFloat(raw) || 0;
    };
    let g: CanvasGradient;
    if (el.localName === 'linearGradient') {
      g = ctx.createLinearGradient(frac('x1', '0%', vp.width), frac('y1', '0%', vp.height), frac('x2', '100%', vp.width), frac('y2', '0%', vp.height));
    } else {
      const cx = frac('cx', '50%', vp.width);
      const cy = frac('cy', '50%', vp.height);
      const r = frac('r', '50%', diag);
      const fx = this.inherited(el, 'fx') == null ? cx : frac('fx', '50%', vp.width);
      const fy = this.inherited(el, 'fy') == null ? cy : frac('fy', '50%', vp.height);
      g = ctx.createRadialGradient(fx, fy, frac('fr', '0', diag), cx, cy, r);
    }
    let last = 0;
    for (const s of stops) {
      last = Math.max(last, s.offset);
      try {
        g.addColorStop(last, withAlpha(s.colour, s.opacity));
      } catch {
        /* an unparsable colour: the stop is left out */
      }
    }
    // The gradient's coordinates are in the box (bounding-box units) or user space, through gradientTransform.
    const t = parseTransform(this.inherited(el, 'gradientTransform'));
    const m = bbox ? new DOMMatrix().translateSelf(box.x, box.y).scaleSelf(box.width || 1, box.height || 1).multiplySelf(t) : t;
    if (m.isIdentity) return { style: g, alpha: 1 };
    // Canvas gradients have no transform of their own: paint the gradient on a tile covering the box, as a pattern.
    const device = ctx.getTransform();
    const scale = Math.max(Math.hypot(device.a, device.b), Math.hypot(device.c, device.d), 1);
    const pw = Math.max(1, Math.min(2048, Math.ceil(box.width * scale)));
    const ph = Math.max(1, Math.min(2048, Math.ceil(box.height * scale)));
    const tile = offscreen(pw, ph);
    const tctx = tile.getContext('2d') as CanvasRenderingContext2D | null;
    if (!tctx) return null;
    tctx.scale(pw / (box.width || 1), ph / (box.height || 1));
    tctx.translate(-box.x, -box.y);
    tctx.transform(...abcdef(m));
    tctx.fillStyle = g;
    const inv = m.inverse();
    const corners = [
      [box.x, box.y],
      [box.x + box.width, box.y],
      [box.x, box.y + box.height],
      [box.x + box.width, box.y + box.height],
    ].map(([px, py]) => inv.transformPoint(new DOMPoint(px, py)));
    const b = boxOf(corners.flatMap((p) => [p.x, p.y]));
    tctx.fillRect(b.x - 1, b.y - 1, b.width + 2, b.height + 2);
    const pattern = ctx.createPattern(tile as CanvasImageSource, 'no-repeat');
    if (!pattern) return null;
    pattern.setTransform(new DOMMatrix().translateSelf(box.x, box.y).scaleSelf((box.width || 1) / pw, (box.height || 1) / ph));
    return { style: pattern, alpha: 1 };
  }

  /** Applies an element's `clip-path: url(#id)` to the context. */
  private applyClip(ctx: CanvasRenderingContext2D, el: Element, style: Style, vp: Viewport): void {
    const value = prop(el, 'clip-path');
    if (!value || value === 'none' || !value.startsWith('url(')) return;
    const clip = this.byId(value);
    if (!clip || clip.localName !== 'clipPath') return;
    const units = clip.getAttribute('clipPathUnits') ?? 'userSpaceOnUse';
    const outline = new Path2D();
    let base = parseTransform(clip.getAttribute('transform'));
    if (units === 'objectBoundingBox') {
      const shape = SHAPES.has(el.localName) ? this.shapePath(el, style, vp) : null;
      const box = shape?.box;
      if (!box) return;
      base = new DOMMatrix().translateSelf(box.x, box.y).scaleSelf(box.width, box.height).multiplySelf(base);
    }
    let rule: CanvasFillRule = 'nonzero';
    const add = (node: Element, m: DOMMatrix) => {
      if (node.namespaceURI !== SVG_NS || prop(node, 'display') === 'none') return;
      const t = m.multiply(parseTransform(node.getAttribute('transform')));
      if (node.localName === 'use') {
        const target = this.byId(node.getAttribute('href') ?? node.getAttributeNS(XLINK_NS, 'href'));
        const fs = this.styleOf(node)['font-size'];
        if (target && !target.contains(node)) add(target, t.translate(length(node.getAttribute('x'), vp.width, fs), length(node.getAttribute('y'), vp.height, fs)));
        return;
      }
      if (node.localName === 'g') {
        for (const c of node.children) add(c, t);
        return;
      }
      const s = this.styleOf(node);
      const shape = this.shapePath(node, s, units === 'objectBoundingBox' ? { width: 1, height: 1 } : vp);
      if (!shape) return;
      rule = s['clip-rule'];
      outline.addPath(shape.path, t);
    };
    for (const c of clip.children) add(c, base);
    ctx.clip(outline, rule);
  }

  /** A `<text>`: its runs (text nodes and tspans) laid out in chunks, each aligned by text-anchor. */
  private paintText(ctx: CanvasRenderingContext2D, el: Element, style: Style, vp: Viewport, opacity: number): void {
    interface Run {
      text: string;
      style: Style;
      x: number | null;
      y: number | null;
      dx: number;
      dy: number;
      baseline: string;
      el: Element;
    }
    const runs: Run[] = [];
    const walk = (node: Element, s: Style, baseline: string) => {
      const fs = s['font-size'];
      let x: number | null = node.hasAttribute('x') ? length(firstItem(node.getAttribute('x')), vp.width, fs) : null;
      let y: number | null = node.hasAttribute('y') ? length(firstItem(node.getAttribute('y')), vp.height, fs) : null;
      let dx = length(firstItem(node.getAttribute('dx')), vp.width, fs);
      let dy = length(firstItem(node.getAttribute('dy')), vp.height, fs);
      const own = prop(node, 'dominant-baseline') ?? prop(node, 'alignment-baseline');
      const b = own && own !== 'auto' && own !== 'inherit' ? own : baseline;
      const hidden = prop(node, 'display') === 'none';
      if (hidden) return;
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
          const text = child.nodeValue ?? '';
          if (!text) continue;
          runs.push({ text, style: s, x, y, dx, dy, baseline: b, el: node });
          x = y = null;
          dx = dy = 0;
        } else if (child instanceof Element && child.namespaceURI === SVG_NS && (child.localName === 'tspan' || child.localName === 'a')) {
          // Pending positions of the parent apply to the first character of the child.
          if (x !== null || y !== null || dx || dy) {
            runs.push({ text: '', style: s, x, y, dx, dy, baseline: b, el: node });
            x = y = null;
            dx = dy = 0;
          }
          walk(child, this.styleOf(child), b);
        }
      }
      if (x !== null || y !== null || dx || dy) runs.push({ text: '', style: s, x, y, dx, dy, baseline: b, el: node });
    };
    walk(el, style, 'auto');
    // White space: the default collapses it across the runs, as SVG does (xml:space="preserve" keeps each as a space).
    let previousSpace = true;
    for (const r of runs) {
      if (r.style['xml:space'] === 'preserve') {
        r.text = r.text.replace(/[\n\r\t]/g, ' ');
        previousSpace = r.text.endsWith(' ');
      } else {
        let t = r.text.replace(/[\n\r]/g, '').replace(/\t/g, ' ').replace(/ +/g, ' ');
        if (previousSpace && t.startsWith(' ')) t = t.slice(1);
        if (t) previousSpace = t.endsWith(' ');
        r.text = t;
      }
    }
    const last = [...runs].reverse().find((r) => r.text);
    if (last && last.style['xml:space'] !== 'preserve') last.text = last.text.replace(/ +$/, '');
    // Chunks: a new one starts at every absolute x or y.
    const chunks: Run[][] = [];
    for (const r of runs) {
      if (chunks.length === 0 || r.x !== null || r.y !== null) chunks.push([]);
      chunks[chunks.length - 1]!.push(r);
    }
    let cx = 0;
    let cy = 0;
    for (const chunk of chunks) {
      let width = 0;
      for (const r of chunk) {
        this.setFont(ctx, r.style);
        width += r.dx + (r.text ? ctx.measureText(r.text).width : 0);
      }
      const first = chunk[0]!;
      const chunkAnchor = first.style['text-anchor'].trim();
      let x = (first.x ?? cx) - (chunkAnchor === 'middle' ? width / 2 : chunkAnchor === 'end' ? width : 0);
      let y = first.y ?? cy;
      for (const r of chunk) {
        x += r.dx;
        y += r.dy;
        if (!r.text) continue;
        this.setFont(ctx, r.style);
        const w = ctx.measureText(r.text).width;
        const s = r.style;
        if (s.visibility !== 'hidden' && s.visibility !== 'collapse') {
          ctx.textAlign = 'left';
          const shift = baselineShift(ctx, r.baseline);
          const base = ctx.globalAlpha;
          const box = { x, y: y - s['font-size'], width: w, height: s['font-size'] * 1.2 };
          const fill = () => {
            const paint = this.paintOf(ctx, s.fill, s, box, vp);
            if (!paint) return;
            ctx.globalAlpha = base * opacity * s['fill-opacity'] * paint.alpha;
            ctx.fillStyle = paint.style;
            ctx.fillText(r.text, x, y + shift);
          };
          const stroke = () => {
            const paint = this.paintOf(ctx, s.stroke, s, box, vp);
            if (!paint || !this.setStroke(ctx, s, vp)) return;
            ctx.globalAlpha = base * opacity * s['stroke-opacity'] * paint.alpha;
            ctx.strokeStyle = paint.style;
            ctx.strokeText(r.text, x, y + shift);
          };
          const strokeFirst = s['paint-order'].trim().startsWith('stroke');
          for (const step of strokeFirst ? [stroke, fill] : [fill, stroke]) {
            ctx.save();
            step();
            ctx.restore();
          }
        }
        x += w;
      }
      cx = x;
      cy = y;
    }
  }

  private setFont(ctx: CanvasRenderingContext2D, s: Style): void {
    const style = /italic|oblique/.test(s['font-style']) ? 'italic ' : '';
    const weight = s['font-weight'] && s['font-weight'] !== 'normal' ? `${s['font-weight']} ` : '';
    const size = `${Math.max(0, s['font-size'])}px`;
    // A family list the canvas refuses leaves the generic one set first.
    ctx.font = `${style}${weight}${size} sans-serif`;
    ctx.font = `${style}${weight}${size} ${s['font-family'] || 'sans-serif'}`;
    if ('letterSpacing' in ctx) {
      const ls = s['letter-spacing'];
      (ctx as { letterSpacing: string }).letterSpacing = ls && ls !== 'normal' ? `${length(ls, 0, s['font-size'])}px` : '0px';
    }
  }
}

function firstItem(value: string | null): string | null {
  if (value == null) return null;
  const first = value.trim().split(/[\s,]+/)[0];
  return first === undefined || first === '' ? null : first;
}

/**
 * How far below `y` the alphabetic baseline sits for an SVG dominant-baseline, with the
 * context's font (textBaseline is left alphabetic, and the text drawn at y + this):
 * `middle` centres the x-height on y, `central` the em box, as browsers draw SVG text.
 */
function baselineShift(ctx: CanvasRenderingContext2D, b: string): number {
  ctx.textBaseline = 'alphabetic';
  if (b === 'auto' || b === 'alphabetic' || b === 'use-script' || b === 'no-change' || b === 'reset-size') return 0;
  const m = ctx.measureText('x');
  const em = m as TextMetrics & { emHeightAscent?: number; emHeightDescent?: number };
  const ascent = em.emHeightAscent ?? m.fontBoundingBoxAscent;
  const descent = em.emHeightDescent ?? m.fontBoundingBoxDescent;
  switch (b) {
    case 'middle':
      return m.actualBoundingBoxAscent / 2;
    case 'mathematical':
      return m.actualBoundingBoxAscent / 2;
    case 'central':
      return (ascent - descent) / 2;
    case 'hanging':
      return (m as TextMetrics & { hangingBaseline?: number }).hangingBaseline ?? ascent * 0.8;
    case 'text-top':
    case 'text-before-edge':
    case 'before-edge':
      return ascent;
    case 'text-bottom':
    case 'text-after-edge':
    case 'after-edge':
      return -descent;
    case 'ideographic':
      return -descent;
    default:
      return 0;
  }
}

function opacityValue(v: string | null | undefined): number {
  if (v == null || v === '') return 1;
  const n = v.trim().endsWith('%') ? parseFloat(v) / 100 : parseFloat(v);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 1;
}

/** A colour with an opacity applied, for a gradient stop (stop-opacity). */
function withAlpha(colour: string, alpha: number): string {
  if (alpha >= 1) return colour;
  return `color-mix(in srgb, ${colour} ${Math.round(alpha * 1000) / 10}%, transparent)`;
}

function abcdef(m: DOMMatrix): [number, number, number, number, number, number] {
  return [m.a, m.b, m.c, m.d, m.e, m.f];
}

function boxOf(coords: number[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < coords.length; i += 2) {
    x0 = Math.min(x0, coords[i]!);
    x1 = Math.max(x1, coords[i]!);
    y0 = Math.min(y0, coords[i + 1]!);
    y1 = Math.max(y1, coords[i + 1]!);
  }
  if (!Number.isFinite(x0)) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * A path's bounding box from its end and control points (absolute and relative commands):
 * exact for lines, a little generous for curves and arcs, which is what pattern and gradient
 * boxes need.
 */
function pathBox(d: string): Box {
  const points: number[] = [];
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  for (const [, cmd, args] of d.matchAll(/([MmLlHhVvCcSsQqTtAaZz])([^MmLlHhVvCcSsQqTtAaZz]*)/g)) {
    const n = numbers(args);
    const rel = cmd === cmd!.toLowerCase();
    const C = cmd!.toUpperCase();
    if (C === 'Z') {
      x = sx;
      y = sy;
      continue;
    }
    const size = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7 }[C as 'M'] ?? 2;
    for (let i = 0; i + size <= n.length; i += size) {
      const a = n.slice(i, i + size);
      if (C === 'H') {
        x = rel ? x + a[0]! : a[0]!;
      } else if (C === 'V') {
        y = rel ? y + a[0]! : a[0]!;
      } else if (C === 'A') {
        const nx = rel ? x + a[5]! : a[5]!;
        const ny = rel ? y + a[6]! : a[6]!;
        // The arc stays within its radii of both ends.
        points.push(x - a[0]!, y - a[1]!, x + a[0]!, y + a[1]!, nx - a[0]!, ny - a[1]!, nx + a[0]!, ny + a[1]!);
        x = nx;
        y = ny;
      } else {
        for (let j = 0; j < size; j += 2) points.push(rel ? x + a[j]! : a[j]!, rel ? y + a[j + 1]! : a[j + 1]!);
        x = rel ? x + a[size - 2]! : a[size - 2]!;
        y = rel ? y + a[size - 1]! : a[size - 1]!;
      }
      points.push(x, y);
      if (C === 'M' && i === 0) {
        sx = x;
        sy = y;
      }
    }
  }
  return boxOf(points);
}

function offscreen(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(Math.max(1, width), Math.max(1, height));
  const c = document.createElement('canvas');
  c.width = Math.max(1, width);
  c.height = Math.max(1, height);
  return c;
}

/** An SVG document's text parsed as XML; throws on a parse error. */
export function parseSvg(svg: string): XMLDocument {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error || doc.documentElement.namespaceURI !== SVG_NS || doc.documentElement.localName !== 'svg') {
    throw new Error(`The SVG could not be parsed${error ? `: ${error.textContent?.trim().split('\n')[0]}` : ''}`);
  }
  return doc;
}

/**
 * Paints an SVG document (text, a parsed document, or its root `<svg>`) on `ctx`, in the
 * context's current user space, into a viewport of `options.width` × `options.height` at the
 * origin (defaults: the root's width and height). The caller scales the context for the output
 * resolution. Reads attributes only; loads nothing.
 */
export function paintSvg(ctx: CanvasRenderingContext2D, svg: string | Document | Element, options: PaintOptions = {}): void {
  const root = typeof svg === 'string' ? parseSvg(svg).documentElement : svg instanceof Document ? svg.documentElement : svg;
  const doc = root.ownerDocument;
  const viewBox = numbers(root.getAttribute('viewBox'));
  const width = options.width ?? length(root.getAttribute('width'), 0, 16, viewBox[2] ?? 300);
  const height = options.height ?? length(root.getAttribute('height'), 0, 16, viewBox[3] ?? 150);
  new Painter(doc).paintRoot(ctx, root, width, height);
}
