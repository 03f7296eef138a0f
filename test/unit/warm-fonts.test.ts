import { describe, expect, it } from 'vitest';
import { FONT_SIZES_EM, FONT_SIZES_PX, FONT_WEIGHTS, dashboardFonts, fontShorthand } from '../../src/components/base/warm-fonts.js';

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";

/** A computed style as the dashboard's host has it: its size and family, and the theme's custom properties. */
const hostStyle = (fontSize: string, fontFamily: string, custom: Record<string, string> = {}) => ({
  fontSize,
  fontFamily,
  getPropertyValue: (name: string) => custom[name] ?? '',
});

describe('the fonts the dashboard warms', () => {
  it('writes fonts as the CSS shorthand, sizes to a hundredth of a pixel', () => {
    expect(fontShorthand('normal', 600, 13.6, 'serif')).toBe('normal 600 13.6px serif');
    expect(fontShorthand('italic', '650', 16 * 0.78, FAMILY)).toBe(`italic 650 12.48px ${FAMILY}`);
    expect(fontShorthand('normal', 400, 14.399999999, 'x')).toBe('normal 400 14.4px x');
  });

  it('lists every size at every weight in the dashboard family, italic regular and strong, the monospace family and sans-serif', () => {
    const fonts = dashboardFonts(hostStyle('16px', FAMILY, { '--_weight-strong': ' 600', '--_font-mono': ` ${MONO}` }));
    const sizes = [16, 12.48, 12.8, 12.96, 13.6, 14.4, 15.2, 18.4, 20, 2, 10.5, 11, 12, 13];
    expect(sizes.length).toBe(FONT_SIZES_EM.length + FONT_SIZES_PX.length);
    for (const px of sizes) {
      for (const w of FONT_WEIGHTS) expect(fonts).toContain(`normal ${w} ${px}px ${FAMILY}`);
      expect(fonts).toContain(`italic 600 ${px}px ${FAMILY}`);
      expect(fonts).toContain(`italic 400 ${px}px ${FAMILY}`);
      expect(fonts).toContain(`normal 400 ${px}px ${MONO}`);
      expect(fonts).toContain(`normal 400 ${px}px sans-serif`);
    }
    expect(fonts.length).toBe(sizes.length * (FONT_WEIGHTS.length + 4));
    expect(new Set(fonts).size).toBe(fonts.length);
  });

  it('follows the theme: the host size, a strong weight of its own, a family of its own, sizes that meet counted once', () => {
    const fonts = dashboardFonts(hostStyle('10px', 'Inter, sans-serif', { '--_weight-strong': '500' }));
    // 1.25em of 10px is 12.5px, 1.15em 11.5px; the fixed 11px, 12px and 13px stay. The theme's strong weight, 500,
    // is among the weights, and italics take it instead of 600.
    expect(fonts).toContain('normal 500 12.5px Inter, sans-serif');
    expect(fonts).toContain('italic 500 11.5px Inter, sans-serif');
    expect(fonts).toContain('normal 700 13px Inter, sans-serif');
    expect(fonts).toContain('normal 400 10px Inter, sans-serif');
    expect(fonts.some((f) => f.includes(' 11px ') && f.startsWith('italic 600'))).toBe(false);
    // No monospace family in the theme: none listed.
    expect(fonts.some((f) => f.includes('monospace'))).toBe(false);
    expect(fonts).toContain('normal 400 10.5px Inter, sans-serif');
    expect(new Set(fonts).size).toBe(fonts.length);
    // 1em of 12px is the fixed 12px: one entry per font all the same.
    const twelve = dashboardFonts(hostStyle('12px', 'X', {}));
    expect(twelve.filter((f) => f === 'normal 400 12px X')).toHaveLength(1);
  });

  it('lists nothing for a host that is not rendered (no size or no family)', () => {
    expect(dashboardFonts(hostStyle('', FAMILY))).toEqual([]);
    expect(dashboardFonts(hostStyle('0px', FAMILY))).toEqual([]);
    expect(dashboardFonts(hostStyle('16px', ''))).toEqual([]);
  });
});
