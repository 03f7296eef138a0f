import { describe, expect, it } from 'vitest';
import { isLanguageLoaded, loadLanguage, translate } from '../../src/components/base/i18n.js';
import { rungLabel, segmentLabel } from '../../src/components/base/common-messages.js';
import { noticeText } from '../../src/components/base/notices/index.js';
import { messages } from '../../src/components/headline/messages.js';

// The languages other than English load on demand (base/i18n.ts); this file loads them itself.
describe('language packs', () => {
  const notice = { code: 'clv.no-customers', params: { date: '2024-01-01' }, text: 'x' };

  it('English is built in; another language reads English until its pack is loaded', () => {
    expect(isLanguageLoaded('en')).toBe(true);
    expect(isLanguageLoaded('pt')).toBe(false);
    expect(translate(messages, 'pt', 'orders')).toBe('Orders');
    expect(rungLabel('pt', 'advocate')).toBe('Advocate');
    expect(noticeText(notice, 'pt')).toMatch(/^No customer/);
  });

  it('fills every catalog, synchronously from then on, and only the language loaded', async () => {
    await loadLanguage('pt');
    expect(isLanguageLoaded('pt')).toBe(true);
    expect(translate(messages, 'pt', 'orders')).toBe('Encomendas');
    expect(messages.pt.orders).toBe('Encomendas');
    expect(rungLabel('pt', 'advocate')).toBe('Defensor');
    expect(segmentLabel('pt', 'Champions')).toBe('Campeões');
    expect(noticeText(notice, 'pt')).toBe('Nenhum cliente fez uma compra até 2024-01-01: não há nada a ajustar.');
    expect(isLanguageLoaded('fr')).toBe(false);
    expect(translate(messages, 'fr', 'orders')).toBe('Orders');
  });

  it('loads a language once, however many ask at once', async () => {
    const asked = [loadLanguage('es'), loadLanguage('es')];
    expect(asked[0]).toBe(asked[1]);
    await Promise.all(asked);
    expect(translate(messages, 'es', 'orders')).toBe('Pedidos');
    await loadLanguage('en');
  });

  it('fills a catalog defined after its language was loaded', async () => {
    await loadLanguage('ms');
    const { messages: later } = await import('../../src/components/drop-zone/messages.js');
    expect(Object.keys(later.ms).sort()).toEqual(Object.keys(later.en).sort());
  });
});
