// What every browser test shares: a failure that names its reason, an
// axe-core check at WCAG 2.2 AA, opening a page through nginx's limits,
// and Debian's Chromium launched without reaching the network.
import { chromium } from 'playwright-core';
import AxeBuilderModule from '@axe-core/playwright';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;

export class Fail extends Error {}

// Throw a Fail saying why unless cond holds.
export function check(cond, why) { if (!cond) throw new Fail(why); }

// Zero axe violations at WCAG 2.2 AA, or a failure naming each one.
export async function axe(page, where) {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const v = r.violations.map(x => `${x.id} (${x.help}) at ${x.nodes.map(n => n.target.join(' ')).join(', ')}`);
  check(v.length === 0, `axe on ${where}: ${v.join('; ')}`);
}

// Open a page, waiting out a 429 (nginx's flood ceiling, or Heard's own
// limit on failed guesses): the suites open many pages from one address.
export async function goto(page, url) {
  for (let i = 0; i < 30; i++) {
    const r = await page.goto(url);
    if (r.status() !== 429) return r;
    await page.waitForTimeout(2500);
  }
  throw new Fail(`still 429 at ${url}`);
}

// Debian's Chromium, headless, with nothing of its own on the network.
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-gpu', '--no-first-run', '--disable-quic'],
  });
}
