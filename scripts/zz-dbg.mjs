import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage();
page.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
page.on('console', (m) => console.log(m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.stack));
await page.goto(process.argv[2]);
await page.waitForTimeout(8000);
const r = await page.evaluate(async () => {
  const d = document.querySelector('rapport-dashboard');
  const ds = await d.getDataset();
  const q = ds.engine.query.bind(ds.engine);
  ds.engine.query = async (sql, p) => { try { return await q(sql, p); } catch (e) { throw new Error('SQL FAILED: ' + sql.slice(0, 300) + ' :: ' + e.message + ' :: ' + (e.cause && e.cause.stack)); } };
  try { const text = await (await fetch('./sample-orders.csv')).text(); const r = await ds.load({ name: 'x.csv', bytes: new TextEncoder().encode(text) }); return 'ok ' + r.report.rowsLoaded; } catch (e) { return 'ERR ' + e.message + '\n' + (e.cause && e.cause.stack); }
});
console.log(r);
await browser.close();
