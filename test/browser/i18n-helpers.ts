/**
 * Helpers for the language tests of the browser suites: render an element inside a page in a
 * language, read what a reader sees or hears, check every message was found and filled, and run
 * axe in both colour schemes.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { restoreLightScheme, useDarkScheme } from './setup.js';
import { languageOf, loadLanguage } from '../../src/components/base/i18n.js';

/** The attributes that carry an accessible name or value a screen reader speaks. */
const SPOKEN_ATTRIBUTES = ['aria-label', 'aria-valuetext', 'title'] as const;

/**
 * What a reader sees or hears of an element: its shadow root's text, then every aria-label,
 * aria-valuetext and title inside it, in one string. Runs of markup white space (space, tab,
 * line break) become one space; the no-break spaces that Intl puts inside numbers, money and
 * percentages (French "5 678", "42 %") are kept, so a test can compare with `Intl` output.
 */
export function shownText(el: Element): string {
  const root = el.shadowRoot!;
  const spoken = [...root.querySelectorAll('*')].flatMap((node) => SPOKEN_ATTRIBUTES.map((name) => node.getAttribute(name) ?? ''));
  return [root.textContent ?? '', ...spoken].join(' ').replace(/[ \t\r\n]+/g, ' ');
}

/**
 * The element of `template` rendered inside `<div lang=…>`, as a page in that language holds it
 * (no `locale` of its own unless the template sets one), once it has rendered in that language.
 * The wrapper is its `parentElement`: set its `lang` to test a change of language.
 */
export async function inLanguage<T extends Element>(lang: string, template: TemplateResult): Promise<T> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>${template}</div>`);
  const el = wrapper.firstElementChild as T & { updateComplete?: Promise<unknown> };
  await el.updateComplete;
  // The element loads its language's pack and waits for it before rendering (base/i18n.ts); a
  // pack slower than that wait is rendered when it arrives, so wait for the pack, then that render.
  await loadLanguage(languageOf(lang));
  await el.updateComplete;
  return el;
}

/**
 * Every message was found and filled: no missing key (`⟦key⟧`) and no placeholder left
 * (`{name}`) in the text or the accessible names (see `shownText`).
 */
export function expectFilled(el: Element): void {
  const text = shownText(el);
  expect(text).not.to.include('⟦');
  expect(text).not.to.match(/\{\w+\}/);
}

/**
 * axe passes on the element in the light scheme, then in the dark one; the page is light again
 * afterwards (tests still restore it in an afterEach, in case a check fails half-way).
 */
export async function expectAccessibleLightAndDark(el: Element): Promise<void> {
  await expect(el).to.be.accessible();
  await useDarkScheme();
  await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  await expect(el).to.be.accessible();
  await restoreLightScheme();
}
