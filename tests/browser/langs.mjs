// Browser tests for the languages of the child's form (issue 17): on a
// 320 px touch screen each language is picked from the first page's
// links and the whole form is filled in by tapping, axe-core checking
// every page at WCAG 2.2 AA (lang and dir included).  Screenshots of the
// first page in each language go to tests/out/lang-CODE-320.png (and
// Arabic and Tigrinya at 1280 px), the Languages staff page to
// tests/out/languages-WIDTH.png, an Arabic letter to
// tests/out/letter-ar-WIDTH.png.  What was typed goes to OUT for run.py
// to compare with what Heard stored.  Usage: node langs.mjs SPEC.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { Fail, check, axe, goto, launch } from './lib.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = spec.baseUrl;
const cases = {};
mkdirSync('tests/out', { recursive: true });

// Tap an element and wait for the page it leads to.
async function tapTo(page, selector) {
  await Promise.all([page.waitForNavigation(), page.tap(selector)]);
}

// The html element's lang and dir.
async function langDir(page) {
  return page.$eval('html', e => [e.getAttribute('lang'), e.getAttribute('dir')]);
}

// Words typed in each language's box: the person's own script.
const WORDS = {
  ar: 'أحب مدرستي', ps: 'زه خپل ښوونځی خوښوم', prs: 'مکتبم را دوست دارم',
  ckb: 'قوتابخانەکەمم خۆشدەوێت', ti: 'ቤት ትምህርተይ የፍቅሮ', vi: 'Em thích trường học',
  sq: 'Më pëlqen shkolla', am: 'ትምህርት ቤቴን እወዳለሁ', cy: 'Rwy\'n hoffi fy ysgol',
};

// Fill one page by tapping: the first choice of every question (where
// a finger lands on its card), and the language's words in every box.
async function tapPage(page, words) {
  const typed = {};
  const seen = new Set();
  const els = await page.$$eval('form.form input, form.form textarea', l => l
    .filter(e => e.type !== 'hidden')
    .map(e => ({ id: e.id, name: e.name, type: e.tagName === 'TEXTAREA' ? 'textarea' : e.type, value: e.value })));
  for (const f of els) {
    if (f.type === 'radio' || f.type === 'checkbox') {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      await page.tap(`#${f.id}`);
      check(await page.$eval(`#${f.id}`, e => e.checked), `tapping ${f.id} did not choose it`);
      typed[f.name] = [f.value];
    } else {
      await page.tap(`#${f.id}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(words);
      typed[f.name] = [words];
    }
  }
  return typed;
}

// One language: pick it on the first page, fill every page, send.
async function runLanguage(browser, code, l) {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  const typed = {};
  try {
    await goto(page, base + l.link);
    check(new URL(page.url()).pathname === '/form', `landed on ${page.url()}`);
    const [lang0] = await langDir(page);
    check(lang0 === 'en-GB', `first page in ${lang0} before choosing`);
    await tapTo(page, `a[hreflang="${code}"]`);
    const [lang, dir] = await langDir(page);
    const rtl = ['ar', 'ps', 'prs', 'ckb'].includes(code);
    check(lang === code && dir === (rtl ? 'rtl' : 'ltr'), `${code}: lang ${lang} dir ${dir}`);
    check(await page.isVisible(`.lang-links__current[lang="${code}"]`), `${code} not shown as chosen`);
    await page.screenshot({ path: `tests/out/lang-${code}-320.png`, fullPage: true });
    let mirrored = !rtl;
    for (let n = 0; n < 12; n++) {
      await axe(page, `${code} page ${n + 1}`);
      if (rtl && await page.$('.choices .choice + .choice')) {
        // Right to left: a question's first choice is at the right of
        // its second (cards and radios alike).
        const x = await page.$eval('.choices', e => {
          const c = e.querySelectorAll('.choice');
          const a = c[0].getBoundingClientRect(), b = c[1].getBoundingClientRect();
          return { first: a.right, second: b.right, sameRow: Math.abs(a.top - b.top) < 2 };
        });
        if (x.sameRow) {
          check(x.first > x.second, `${code}: first choice not at the right (${JSON.stringify(x)})`);
          mirrored = true;
        }
      }
      const [pl, pd] = await langDir(page);
      check(pl === code && pd === (rtl ? 'rtl' : 'ltr'), `${code} page ${n + 1}: lang ${pl} dir ${pd}`);
      if (await page.$('button[value=send]')) {
        if (code === 'ar' || code === 'ti')
          await page.screenshot({ path: `tests/out/lang-${code}-check-320.png`, fullPage: true });
        await tapTo(page, 'button[value=send]');
        break;
      }
      Object.assign(typed, await tapPage(page, WORDS[code]));
      await tapTo(page, 'button[value=next]');
    }
    check(mirrored, `${code}: no row of choices met to check right to left`);
    await axe(page, `${code} thank-you`);
    check((await langDir(page))[0] === code, `${code}: thank-you page not in the language`);
    check(await page.isVisible('.panel h1'), `${code}: no thank-you`);
    check(foreign.length === 0, `requests left the site: ${foreign.join(', ')}`);
    cases[`child in ${code}, tapped at 320 px`] = { ok: true, typed, consultation: l.consultation };
  } catch (e) {
    cases[`child in ${code}, tapped at 320 px`] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// The first page at 1280 px in Arabic and Tigrinya (no answers sent).
async function wide(browser) {
  for (const code of ['ar', 'ti']) {
    const l = spec.wide[code];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await goto(page, base + l.link);
      await goto(page, `${base}/form?p=1&lang=${code}`);
      await axe(page, `${code} at 1280 px`);
      await page.screenshot({ path: `tests/out/lang-${code}-1280.png`, fullPage: true });
      cases[`child in ${code} at 1280 px`] = { ok: true };
    } catch (e) {
      cases[`child in ${code} at 1280 px`] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
    } finally {
      await context.close();
    }
  }
}

// The Languages page: a manager signs Arabic off; axe and screenshots.
async function staff(browser) {
  for (const width of [320, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const name = `Languages page at ${width} px`;
    try {
      await goto(page, `${base}/admin`);
      await page.fill('#username', 'boss');
      await page.fill('#password', spec.password);
      await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
      await goto(page, `${base}/admin/languages`);
      await axe(page, name);
      if (width === 320) {
        await Promise.all([page.waitForNavigation(),
          page.click('form:has(input[name=code][value=ar]) button')]);
        check(await page.isVisible('text=The Arabic translation is signed off as checked.'), 'no sign-off notice');
        await axe(page, `${name}, Arabic signed off`);
      }
      await page.screenshot({ path: `tests/out/languages-${width}.png`, fullPage: true });
      cases[name] = { ok: true };
    } catch (e) {
      cases[name] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
    } finally {
      await context.close();
    }
  }
}

// An Arabic letter for the post, issued on the review page by an admin:
// axe on the page, the letter photographed at 320 and 1280 px.
async function letter(browser) {
  for (const width of [320, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const name = `Arabic letter at ${width} px`;
    try {
      await goto(page, `${base}/admin`);
      await page.fill('#username', 'admin1');
      await page.fill('#password', spec.password);
      await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
      await goto(page, `${base}/admin/review?id=${spec.review}`);
      await page.check('input[name=aud][value=child]');
      await page.selectOption('#channel', 'post');
      await page.selectOption('#lang', 'ar');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ask for views")')]);
      check(await page.locator('.letter[lang=ar][dir=rtl]').count() === 1, 'no Arabic letter');
      await axe(page, name);
      // Letters show only when printed.
      await page.emulateMedia({ media: 'print' });
      await page.locator('.letter').first().screenshot({ path: `tests/out/letter-ar-${width}.png` });
      cases[name] = { ok: true };
    } catch (e) {
      cases[name] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
    } finally {
      await context.close();
    }
  }
}

const browser = await launch();
try {
  for (const [code, l] of Object.entries(spec.langLinks)) await runLanguage(browser, code, l);
  await wide(browser);
  await staff(browser);
  await letter(browser);
} finally {
  await browser.close();
  writeFileSync(spec.out, JSON.stringify({ cases }));
}
