// The admin home page's warning when the replica does not keep up
// (README "Continuous replication"), at 320 and 1280 px, checked by axe.
// run.py stores the state `heardctl send` would have found, then runs
// this: node tests/browser/replica.mjs SPEC.json (baseUrl, password, out).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { check, axe, launch } from './lib.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = spec.baseUrl;
mkdirSync('tests/out', { recursive: true });
const result = { ok: false, why: '' };

const browser = await launch();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/admin`);
  await page.fill('#username', 'admin1');
  await page.fill('#password', spec.password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  await page.goto(`${base}/admin/reviews`);
  const warning = page.locator('#replica-warning');
  check(await warning.isVisible(), 'no replica warning on the admin home page');
  const text = await warning.innerText();
  check(text.includes('not being copied off this machine') && /Since \d\d:\d\d UTC/.test(text),
    `warning says: ${text}`);
  await axe(page, 'the replica warning');
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `tests/out/replica-warning-${width}.png`, fullPage: width === 320 });
  }
  result.ok = true;
} catch (e) {
  result.why = String(e.message || e);
} finally {
  await browser.close();
  writeFileSync(spec.out, JSON.stringify(result));
}
