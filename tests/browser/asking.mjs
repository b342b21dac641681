// Who is asking and what happens next in a form's own language (the
// child's form in Arabic, its IRO with a passport): the first page and
// the thank-you page at 320 px, under axe-core, photographed to
// tests/out/asking-ar-first-320.png and asking-ar-thanks-320.png.  run.py
// hands over the links (the thank-you page's form is sent with every
// page skipped, as a child may) and reads OUT.  Usage: node asking.mjs SPEC.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { check, axe, launch } from './lib.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync('tests/out', { recursive: true });
const result = { ok: false, why: '' };

const browser = await launch();
try {
  for (const shot of spec.shots) {
    const ctx = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(spec.baseUrl + shot.link.slice(shot.link.indexOf('/c/')));
    for (let i = 0; shot.send && i < 30; i++) {
      const send = await page.$('button[name="action"][value="send"]');
      const next = send ?? await page.$('button[name="action"][value="next"]');
      if (!next) break;
      await Promise.all([page.waitForNavigation(), next.click()]);
    }
    const main = await page.innerHTML('main');
    check(main.includes('<bdi>Sam</bdi>'), `${shot.name}: the IRO's name is not isolated in Arabic`);
    check(!main.includes('lang="en-GB"'), `${shot.name}: English left on an Arabic page`);
    await axe(page, shot.name);
    await page.screenshot({ path: `tests/out/${shot.name}-320.png`, fullPage: true });
    await ctx.close();
  }
  result.ok = true;
} catch (e) {
  result.why = String(e.message || e);
} finally {
  await browser.close();
  writeFileSync(spec.out, JSON.stringify(result));
}
