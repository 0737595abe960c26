import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { readApplicationFile, readJsonFile } from '../src/io/json.js';
import { generatePledge } from '../src/generators/pledge.js';
import { generateSummary } from '../src/generators/summary.js';
import { encodeGreyPng, extractPdfText, renderPdfPages } from './helpers/render.js';
test('proto', async () => {
  const company = await readJsonFile('examples/company.json');
  const t0 = Date.now();
  const pledge = await generatePledge(company, 'pdf', { creationDate: new Date('2026-06-15T00:00:00Z') });
  console.log('gen', Date.now() - t0, pledge.length);
  const pages = await renderPdfPages(pledge, 150); writeFileSync("/tmp/pledge.pdf", pledge);
  console.log('render', Date.now() - t0);
  writeFileSync('/tmp/pledge.png', encodeGreyPng(pages[0]!));
  const text = await extractPdfText(pledge);
  console.log(text.pages[0]!.lineParts.map((l) => JSON.stringify(l)).join('\n'));
  console.log(text.pages[0]!.items.slice(0, 5));
  const app = await readApplicationFile('examples/application.json');
  const summary = await generateSummary(app, 'pdf', { creationDate: new Date('2026-06-15T00:00:00Z'), today: '2026-06-15' });
  const sp = await renderPdfPages(summary, 150); writeFileSync("/tmp/summary.pdf", summary);
  sp.forEach((p, i) => writeFileSync(`/tmp/summary-${i + 1}.png`, encodeGreyPng(p)));
  console.log('summary pages', sp.length, summary.length);
});
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
test('crop', () => {
  const crop = (src: string, dst: string, x: number, y: number, w: number, h: number) => {
    const png = PNG.sync.read(readFileSync(src));
    const out = new PNG({ width: w, height: h });
    PNG.bitblt(png, out, x, y, w, h, 0, 0);
    writeFileSync(dst, PNG.sync.write(out));
  };
  crop('/tmp/pledge.png', '/tmp/p_top.png', 0, 0, 1240, 620);
  crop('/tmp/pledge.png', '/tmp/p_mid.png', 0, 600, 1240, 620);
  crop('/tmp/pledge.png', '/tmp/p_bot.png', 0, 1200, 1240, 553);
  for (let i = 1; i <= 6; i++) {
    crop(`/tmp/summary-${i}.png`, `/tmp/s${i}_top.png`, 0, 0, 1240, 880);
    crop(`/tmp/summary-${i}.png`, `/tmp/s${i}_bot.png`, 0, 870, 1240, 883);
  }
});
