// Write the hostile-input corpus (test/hostile/corpus.ts) to a folder, to drop the files into
// the demo page or the command line by hand:
//   node scripts/hostile-corpus.mjs DIR [--large BYTES]
// With --large, also DIR/large-orders.csv of about BYTES bytes (e.g. 2e9), streamed to disk
// (never held whole), with markup and quotes in some of its customer ids.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const largeAt = args.indexOf('--large');
const large = largeAt >= 0 ? Number(args[largeAt + 1]) : 0;
if (!dir || (largeAt >= 0 && !(large > 0))) {
  console.error('usage: node scripts/hostile-corpus.mjs DIR [--large BYTES]');
  process.exit(2);
}

const { createServer } = await import('vite');
const vite = await createServer({ root: ROOT, configFile: false, logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
try {
  const { hostileCorpus, largeOrderLines } = await vite.ssrLoadModule('/test/hostile/corpus.ts');
  mkdirSync(dir, { recursive: true });
  const files = hostileCorpus();
  const index = [];
  for (const f of files) {
    writeFileSync(join(dir, f.name), f.bytes);
    index.push(`${f.family}\t${f.name}\t${'load' in f.expect ? 'loads' : `fails: ${f.expect.fail.join(' or ')}`}\t${f.about}`);
  }
  writeFileSync(join(dir, 'INDEX.tsv'), `family\tfile\texpected\twhat\n${index.join('\n')}\n`);
  console.log(`${files.length} files written to ${dir} (INDEX.tsv says what each is and what a correct load does)`);
  if (large > 0) {
    const out = createWriteStream(join(dir, 'large-orders.csv'));
    let written = 0;
    for (const chunk of largeOrderLines(large)) {
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    console.log(`large-orders.csv: ${(written / 1e9).toFixed(2)} GB`);
  }
} finally {
  await vite.close();
}
