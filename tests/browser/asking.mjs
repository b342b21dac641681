// Screenshots of who is asking and what happens next in a form's own
// language (the child's form in Arabic with an IRO passport): the first
// page and the thank-you page at 320 px, each checked by axe-core at
// WCAG 2.2 AA.  Run by asking.py, which starts Heard and hands over the
// links (the thank-you page's form is sent, every page skipped).  Usage: node asking.mjs SPEC.json
import { readFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilderModule from '@axe-core/playwright';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync('tests/out', { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-gpu', '--no-first-run', '--disable-quic'],
});
let failed = 0;
for (const shot of spec.shots) {
  const ctx = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(spec.baseUrl + shot.link.slice(shot.link.indexOf('/c/')));
  // The thank-you page: every page skipped (a child may skip anything).
  for (let i = 0; shot.send && i < 30; i++) {
    const send = await page.$('button[name="action"][value="send"]');
    const next = send ?? await page.$('button[name="action"][value="next"]');
    if (!next) break;
    await Promise.all([page.waitForNavigation(), next.click()]);
  }
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  for (const v of r.violations) {
    failed++;
    console.log(`FAIL ${shot.name}: axe ${v.id} (${v.help})`);
  }
  await page.screenshot({ path: `tests/out/${shot.name}-320.png`, fullPage: true });
  console.log(`shot tests/out/${shot.name}-320.png`);
  await ctx.close();
}
await browser.close();
process.exit(failed ? 1 : 0);
