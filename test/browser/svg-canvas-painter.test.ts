import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/segments/rapport-segments.js';
import '../../src/components/ladder/rapport-ladder.js';
import '../../src/components/quality-gap/rapport-quality-gap.js';
import { paintSvg, parseTransform } from '../../src/components/base/svg-canvas-painter.js';
import { chartToSvg } from '../../src/components/base/chart-export.js';
import { coloursIn, ladderResult, SEGMENTS } from './chart-export-fixtures.js';
import { qualityResult } from '../helpers/quality.js';

/** The strict policy of TOOLCHAIN.md (scripts/vite-plugins.ts STRICT_CSP). */
const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'";

type RGBA = [number, number, number, number];

/** Paints `body` (inside a 100×100 svg on white) at `scale`, and returns a pixel reader in SVG units. */
function paint(body: string, scale = 1, size = 100): { at: (x: number, y: number) => RGBA; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = size * scale;
  canvas.height = size * scale;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.scale(scale, scale);
  paintSvg(ctx, `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`);
  return {
    ctx,
    at: (x, y) => [...ctx.getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data] as RGBA,
  };
}

const near = (actual: RGBA, expected: [number, number, number], tolerance = 3) =>
  expect(
    actual.slice(0, 3).every((v, i) => Math.abs(v - expected[i]!) <= tolerance),
    `rgb(${actual.slice(0, 3).join(', ')}) is not near rgb(${expected.join(', ')})`,
  ).to.equal(true);
const WHITE: [number, number, number] = [255, 255, 255];

describe('paintSvg', () => {
  it('paints rects (with rx), circles, ellipses, polygons and paths at their pixels', () => {
    const { at } = paint(`
      <rect x="10" y="10" width="20" height="20" fill="rgb(255, 0, 0)"/>
      <rect x="40" y="10" width="20" height="20" rx="10" fill="rgb(0, 0, 255)"/>
      <circle cx="80" cy="20" r="10" fill="#00ff00"/>
      <ellipse cx="20" cy="50" rx="10" ry="5" fill="black"/>
      <polygon points="40,40 60,40 60,60" fill="rgb(255, 0, 255)"/>
      <path d="M70 40 h20 v20 h-20 Z M75 45 h10 v10 h-10 Z" fill="rgb(0, 128, 128)" fill-rule="evenodd"/>`);
    near(at(15, 15), [255, 0, 0]);
    near(at(35, 15), WHITE);
    near(at(50, 20), [0, 0, 255]);
    near(at(41, 11), WHITE); // The rounded corner is cut.
    near(at(80, 20), [0, 255, 0]);
    near(at(89.5, 29.5), WHITE);
    near(at(20, 50), [0, 0, 0]);
    near(at(20, 57), WHITE);
    near(at(58, 45), [255, 0, 255]);
    near(at(42, 55), WHITE);
    near(at(72, 42), [0, 128, 128]);
    near(at(80, 50), WHITE); // The hole of the even-odd path.
  });

  it('strokes lines and outlines with width, dashes and opacity', () => {
    const { at } = paint(`
      <line x1="0" y1="10" x2="100" y2="10" stroke="rgb(0, 0, 0)" stroke-width="4"/>
      <line x1="0" y1="30" x2="100" y2="30" stroke="black" stroke-width="4" stroke-dasharray="10 10"/>
      <rect x="20" y="50" width="40" height="40" fill="none" stroke="rgb(255, 0, 0)" stroke-width="6"/>
      <rect x="70" y="50" width="20" height="20" fill="black" fill-opacity="0.5"/>
      <polyline points="70,80 90,80" stroke="rgb(0, 0, 255)" stroke-width="4" stroke-opacity="0.5" fill="none"/>`);
    near(at(50, 9), [0, 0, 0]);
    near(at(50, 14), WHITE);
    near(at(5, 30), [0, 0, 0]); // A dash,
    near(at(15, 30), WHITE); // a gap.
    near(at(20, 70), [255, 0, 0]);
    near(at(40, 70), WHITE); // fill="none".
    near(at(80, 60), [128, 128, 128], 2);
    near(at(80, 80), [128, 128, 255], 2);
  });

  it('applies transforms: translate, scale, rotate (about a point) and matrix, nested', () => {
    const { at } = paint(`
      <g transform="translate(10, 10) scale(2)"><rect width="10" height="10" fill="rgb(255, 0, 0)"/></g>
      <g transform="rotate(90 75 25)"><rect x="65" y="20" width="20" height="2" fill="rgb(0, 0, 255)"/></g>
      <g transform="matrix(1 0 0 1 50 50)"><g transform="translate(10 10)"><circle r="5" fill="rgb(0, 255, 0)"/></g></g>`);
    near(at(28, 28), [255, 0, 0]);
    near(at(32, 32), WHITE);
    // A horizontal bar 65..85 × 20..22 turned by 90° (clockwise on screen) about (75, 25): vertical at x 78..80, y 15..35.
    near(at(79, 17), [0, 0, 255]);
    near(at(79, 33), [0, 0, 255]);
    near(at(74, 17), WHITE);
    near(at(82, 21), WHITE);
    near(at(60, 60), [0, 255, 0]);
    expect(parseTransform('rotate(90)').transformPoint(new DOMPoint(1, 0)).y).to.be.closeTo(1, 1e-9);
  });

  it('paints at the canvas scale: 2 pixels per unit', () => {
    const { at, ctx } = paint('<rect x="10" y="10" width="10" height="10" fill="rgb(255, 0, 0)"/>', 2);
    expect(ctx.canvas.width).to.equal(200);
    near(at(10.1, 10.1), [255, 0, 0]);
    near(at(19.9, 19.9), [255, 0, 0]);
    near(at(20.1, 15), WHITE);
  });

  it('places nested svgs by x, y and viewBox, and clips them to their box', () => {
    const { at } = paint(`<svg x="50" y="50" width="20" height="20" viewBox="0 0 10 10"><rect width="20" height="5" fill="rgb(255, 0, 0)"/></svg>
      <svg x="10" y="10" width="20" height="20" overflow="visible"><rect x="15" width="10" height="5" fill="rgb(0, 0, 255)"/></svg>`);
    near(at(55, 55), [255, 0, 0]);
    near(at(55, 65), WHITE); // y 5..10 of the viewBox: empty.
    near(at(75, 55), WHITE); // Past the nested svg's box: clipped.
    near(at(32, 12), [0, 0, 255]); // overflow="visible": not clipped.
  });

  it('places text by x, y, text-anchor and dominant-baseline, in its font and fill', () => {
    const ink = (ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number) => {
      const d = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      let n = 0;
      let sx = 0;
      let minY = Infinity;
      let maxY = -Infinity;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i]! < 128 && d[i + 2]! < 128) {
          n++;
          const p = i / 4;
          sx += x0 + (p % (x1 - x0));
          const y = y0 + Math.floor(p / (x1 - x0));
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
      return { n, meanX: sx / n, minY, maxY };
    };
    const { ctx } = paint(`
      <text x="50" y="30" font-size="20" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="rgb(0, 0, 0)">HHHH</text>
      <text x="100" y="70" font-size="20" font-family="sans-serif" text-anchor="end" dominant-baseline="middle" fill="rgb(0, 0, 0)">HH</text>
      <text x="0" y="90" font-size="10" fill="rgb(255, 0, 0)">ab<tspan dx="20" fill="rgb(0, 0, 0)">HH</tspan></text>`);
    const middle = ink(ctx, 0, 0, 100, 40);
    expect(middle.n).to.be.greaterThan(50);
    expect(middle.meanX).to.be.closeTo(50, 2);
    expect(middle.maxY).to.be.within(28, 30); // On the alphabetic baseline at y = 30.
    const end = ink(ctx, 0, 45, 100, 80);
    expect(end.n).to.be.greaterThan(20);
    expect(end.meanX).to.be.within(75, 99);
    expect((end.minY + end.maxY) / 2).to.be.closeTo(70, 2.5); // Centred on y = 70.
    // The tspan's black HH comes after "ab" and its dx, not at x = 0.
    const tspan = ink(ctx, 0, 80, 100, 95);
    expect(tspan.n).to.be.greaterThan(5);
    expect(tspan.meanX).to.be.greaterThan(30);
  });

  it('fills with a hatching pattern (patternTransform) and clips with a clipPath', () => {
    const { at } = paint(`
      <defs>
        <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="8" stroke="rgb(0, 0, 0)" stroke-width="4"/>
        </pattern>
        <clipPath id="clip"><rect x="60" y="10" width="20" height="20"/></clipPath>
      </defs>
      <rect x="0" y="0" width="50" height="50" fill="url(#hatch)"/>
      <rect x="50" y="0" width="50" height="50" fill="rgb(255, 0, 0)" clip-path="url(#clip)"/>`);
    let dark = 0;
    let light = 0;
    for (let x = 2; x < 48; x += 0.5) {
      const [r] = at(x, 25);
      if (r < 60) dark++;
      if (r > 200) light++;
    }
    expect(dark, 'stripes').to.be.greaterThan(10);
    expect(light, 'gaps').to.be.greaterThan(20);
    near(at(70, 20), [255, 0, 0]);
    near(at(55, 20), WHITE);
    near(at(70, 40), WHITE);
  });

  it('blends a group with opacity as one layer (overlapping children do not add up)', () => {
    const { at } = paint(`<g opacity="0.5"><rect x="10" y="10" width="40" height="40" fill="black"/><rect x="30" y="30" width="40" height="40" fill="black"/></g>`);
    near(at(20, 20), [128, 128, 128], 2);
    near(at(40, 40), [128, 128, 128], 2); // Not darker where they overlap.
  });
});

/** Share of pixels whose colour differs by more than `threshold` in any channel. */
function difference(a: Uint8ClampedArray, b: Uint8ClampedArray, threshold = 48): number {
  let differ = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i]! - b[i]!) > threshold || Math.abs(a[i + 1]! - b[i + 1]!) > threshold || Math.abs(a[i + 2]! - b[i + 2]!) > threshold) differ++;
  }
  return differ / (a.length / 4);
}

async function viaImage(svg: string, width: number, height: number): Promise<Uint8ClampedArray> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(img, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height).data;
}

function viaPainter(svg: string, width: number, height: number): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  paintSvg(ctx, svg, { width, height });
  return ctx.getImageData(0, 0, width, height).data;
}

/** Share of pixels allowed to differ between the painted chart and the browser's own drawing of its SVG. */
const LIMIT = 0.005;

describe('paintSvg on exported charts', () => {
  it('matches the browser drawing the same SVG as an image, for the segments, the ladder and the quality gap', async () => {
    const charts = [
      await fixture<HTMLElement>(html`<rapport-segments locale="en-US" .summary=${SEGMENTS}></rapport-segments>`),
      await fixture<HTMLElement>(html`<rapport-ladder locale="en-US" .ladder=${ladderResult()}></rapport-ladder>`),
      await fixture<HTMLElement>(html`<rapport-quality-gap locale="en-US" .gap=${qualityResult()}></rapport-quality-gap>`),
    ];
    const shares: Record<string, number> = {};
    for (const el of charts) {
      const svg = chartToSvg(el);
      const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
      const width = Number(root.getAttribute('width'));
      const height = Number(root.getAttribute('height'));
      const painted = viaPainter(svg, width, height);
      expect(coloursIn(painted), el.localName).to.be.greaterThan(3);
      shares[el.localName] = difference(await viaImage(svg, width, height), painted);
    }
    // Text antialiasing and the hatching's phase differ by a pixel here and there, nothing more
    // (measured: segments 0.005%, ladder 0.18%, quality gap 0.01%).
    const shown = Object.entries(shares).map(([name, share]) => `${name} ${(share * 100).toFixed(3)}%`).join(', ');
    for (const share of Object.values(shares)) expect(share, `pixels that differ: ${shown}`).to.be.below(LIMIT);
  });
});

describe('chartToPng under the strict Content-Security-Policy', () => {
  it('exports real charts as non-blank PNGs of the right size, painted on a canvas', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '1400px';
    const result = new Promise<Record<string, unknown>>((resolve) => {
      const listen = (event: MessageEvent) => {
        if ((event.data as { probe?: string })?.probe !== 'chart-export-csp') return;
        window.removeEventListener('message', listen);
        resolve(event.data as Record<string, unknown>);
      };
      window.addEventListener('message', listen);
    });
    // srcdoc has the test page's origin, so 'self' is the test server; the probe is an external module.
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}"><script type="module" src="${new URL('./chart-export-csp-probe.ts', import.meta.url).href}"></script>`;
    document.body.append(frame);
    try {
      const data = await result;
      expect(data.dataImage, 'the policy blocks data: images').to.equal(false);
      expect(data.violations).to.include('img-src');
      const results = data.results as Record<string, Record<string, unknown>>;
      for (const name of ['segments', 'ladder']) {
        const r = results[name]!;
        expect(r.error, name).to.equal(undefined);
        expect(r.type).to.equal('image/png');
        expect(r.width, name).to.equal(r.expectedWidth);
        expect(r.height, name).to.equal(r.expectedHeight);
        expect(r.width as number).to.be.greaterThan(100);
        expect(r.colours as number, `${name}: colours`).to.be.greaterThan(5);
      }
    } finally {
      frame.remove();
    }
  });
});
