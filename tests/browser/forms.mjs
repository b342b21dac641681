// Browser tests for Heard: Debian's Chromium driven by playwright-core,
// every page checked by axe-core (WCAG 2.2 AA).  Each audience's form is
// filled in with the keyboard, one mistake is made and corrected, and the
// form is sent.  What was typed goes to OUT for run.py to compare with
// what Heard stored.  Usage: node forms.mjs SPEC.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Fail, check, axe, goto, launch } from './lib.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = spec.baseUrl;
const TEXT = 'Caf\u00e9 na\u00efve \u{1F600} \u05e9\u05dc\u05d5\u05dd';
const cases = {};
let letterLink = null;
mkdirSync('tests/out', { recursive: true });

// The fields of the form on the page, in order.
async function fields(page) {
  return page.$$eval('form.form input, form.form textarea', els => els
    .filter(e => e.type !== 'hidden')
    .map(e => ({ id: e.id, name: e.name, type: e.type === 'textarea' || e.tagName === 'TEXTAREA' ? 'textarea' : e.type,
      value: e.value, required: !!e.closest('.field') && !e.closest('.field').querySelector('.optional') &&
        !e.closest('form').classList.contains('form--child'),
      limit: parseInt(e.dataset.limit || '0', 10) })));
}

// Type into a text field from the keyboard.
async function type(page, id, text) {
  await page.focus(`#${id}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

// Fill every field on the page by keyboard; returns {question: [values]}.
async function fillPage(page, skip = new Set()) {
  const typed = {};
  const seen = new Set();
  for (const f of await fields(page)) {
    if (skip.has(f.name)) continue;
    if (f.type === 'radio' || f.type === 'checkbox') {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      await page.focus(`#${f.id}`);
      const checked = await page.$eval(`#${f.id}`, e => e.checked);
      if (!checked) await page.keyboard.press('Space');
      typed[f.name] = [f.value];
    } else if (f.name.endsWith('-day')) {
      await type(page, f.id, '7');
    } else if (f.name.endsWith('-month')) {
      await type(page, f.id, '3');
    } else if (f.name.endsWith('-year')) {
      await type(page, f.id, '2025');
      typed[f.name.slice(0, -5)] = ['2025-03-07'];
    } else {
      const short = await page.$eval(`#${f.id}`, e => e.closest('.field').querySelector('.hint')?.textContent || '');
      const text = /0 to 40|percentage/.test(short) ? '12' : TEXT;
      await type(page, f.id, text);
      typed[f.name] = [text];
    }
  }
  return typed;
}

// Press the page's main button (Next, or Send on the check page) with the
// keyboard.
async function submit(page) {
  const btn = (await page.$('button[value=send]')) ? 'button[value=send]' : 'button[value=next]';
  await page.focus(btn);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

// One audience: open, make a mistake, fix it, walk every page, send.
async function runForm(browser, name, opener) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const foreign = [];
  let bytes = 0;
  page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  page.on('response', async r => { try { if (r.url().startsWith(base)) bytes += gzipSync(await r.body()).length; } catch { /* redirects have no body */ } });
  const typed = {};
  try {
    await opener(page);
    check(new URL(page.url()).pathname === '/form', `landed on ${page.url()}`);
    check(!page.url().includes('/c/'), 'the link token stayed in the address bar');
    await page.waitForLoadState('networkidle');
    check(bytes < 50 * 1024, `first page weighs ${bytes} bytes compressed`);
    let mistake = false;
    for (let n = 0; n < 12; n++) {
      await axe(page, `${name} page ${n + 1}`);
      if (name === 'child' && n === 0) {
        await page.setViewportSize({ width: 360, height: 800 });
        await page.screenshot({ path: 'tests/out/child-360.png', fullPage: true });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: 'tests/out/child-1280.png', fullPage: true });
      }
      const fs = await fields(page);
      if (!mistake) {
        // The mistake: leave required answers empty, or give an impossible
        // date, or write past a length limit.
        const req = fs.filter(f => f.required && f.type !== 'radio' && f.type !== 'checkbox' && !f.name.match(/-(day|month|year)$/));
        const reqChoice = fs.filter(f => f.required && (f.type === 'radio'));
        const date = fs.find(f => f.name.endsWith('-month'));
        const long = fs.find(f => f.type === 'textarea' && f.limit > 0);
        let kept = null;
        if (req.length || reqChoice.length || date || long) {
          const skip = new Set([...req, ...reqChoice].map(f => f.name));
          const t = await fillPage(page, skip);
          if (!req.length && !reqChoice.length && date) await type(page, date.id, '13');
          if (!req.length && !reqChoice.length && !date) await page.fill(`#${long.id}`, 'x'.repeat(long.limit + 1));
          kept = Object.entries(t).find(([k, v]) => v[0] === TEXT && !(long && k === long.name && !date && !req.length && !reqChoice.length));
          await submit(page);
          const title = await page.title();
          check(title.startsWith('Error: '), `${name}: title after a mistake is "${title}"`);
          check(await page.isVisible('.error-summary h2:has-text("There is a problem")'), `${name}: no error summary`);
          for (const href of await page.$$eval('.error-summary a', as => as.map(a => a.getAttribute('href')))) {
            check(await page.$(href) !== null, `${name}: summary link ${href} points nowhere`);
          }
          if (kept) {
            const v = await page.inputValue(`[name="${kept[0]}"]`);
            check(v === TEXT, `${name}: "${kept[0]}" was not kept after the mistake (${v})`);
          }
          await axe(page, `${name} page ${n + 1} with errors`);
          if (name === 'child') {
            await page.setViewportSize({ width: 360, height: 800 });
            await page.screenshot({ path: 'tests/out/child-error-360.png', fullPage: true });
            await page.setViewportSize({ width: 1280, height: 900 });
          }
          mistake = true;
        }
      }
      Object.assign(typed, await fillPage(page));
      const last = (await page.$('button[value=send]')) !== null;
      await submit(page);
      if (last) break;
      if (await page.isVisible('.error-summary')) {
        throw new Fail(`${name}: unexpected errors on page ${n + 1}: ${await page.textContent('.error-summary')}`);
      }
    }
    check(mistake, `${name}: no mistake could be made`);
    check(await page.isVisible('h1:has-text("Thank you")'), `${name}: no thank-you page (${await page.title()})`);
    await axe(page, `${name} thank-you`);
    check(foreign.length === 0, `${name}: requests to ${foreign.join(', ')}`);
    cases[name] = { ok: true, typed };
  } catch (e) {
    cases[name] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// The child's form as a child on a phone (320x640) goes through it: back,
// forward and skip without losing a word, leave and come back to the same
// page, check the answers, change one, send.  axe on every page and a
// screenshot of each in tests/out/child-320-*.png.
async function childJourney(browser) {
  let context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
  let page = await context.newPage();
  const typed = {};
  let shots = 0;
  const look = async (what) => {
    await axe(page, `child at 320 px: ${what}`);
    shots++;
    await page.screenshot({ path: `tests/out/child-320-${String(shots).padStart(2, '0')}-${what}.png`, fullPage: true });
  };
  const press = async (value) => {
    await page.focus(`button[value=${value}]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  };
  const heading = async () => (await page.textContent('h1')).trim();
  const on = async (want) => { const h = await heading(); check(h === want, `on "${h}", not "${want}"`); };
  const tap = async (q, n) => {
    await page.tap(`#q-${q}-${n}`);
    const v = await page.inputValue(`#q-${q}-${n}`);
    typed[q] = (await page.$eval(`#q-${q}-${n}`, e => e.type)) === 'checkbox' ? [...(typed[q] || []), v] : [v];
  };
  const words = new Set();
  const write = async (q, text) => { await page.fill(`#q-${q}`, text); typed[q] = [text]; words.add(q); };
  try {
    await goto(page, base + spec.journey.link);
    await on('Hello!');
    await look('feelings');
    await tap('today', 3);
    await press('next');
    await on('Good things');
    await tap('good', 4);
    await write('good_things', `My dog ${TEXT}`);
    await look('good-things');
    await press('back');
    await on('Hello!');
    check(await page.isChecked('#q-today-3'), 'the face was lost going back');
    await press('next');
    check(await page.inputValue('#q-good_things') === `My dog ${TEXT}`, 'Back lost the words');
    check(await page.isChecked('#q-good-4'), 'Back lost the picture chosen');
    await write('good_things', `My dog and my bike ${TEXT}`);
    await press('skip');
    await on('Where I live');
    await press('back');
    check(await page.inputValue('#q-good_things') === `My dog and my bike ${TEXT}`, 'Skip lost the words');
    await press('next');
    await on('Where I live');
    await press('next');
    await on('Worries');
    await write('worries', 'Spiders \u{1F577} and the dark');
    await tap('worry', 5);
    await look('worries');
    await press('save');
    check(await page.isVisible('h1:has-text("Your answers are saved")'), 'not saved');
    await look('saved');
    await context.close();
    // Leave and come back on another phone: the same page, the same words.
    context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
    page = await context.newPage();
    await goto(page, base + spec.journey.link);
    await on('Worries');
    check(await page.inputValue('#q-worries') === 'Spiders \u{1F577} and the dark', 'resumed without the words');
    check(await page.isChecked('#q-worry-5'), 'resumed without the picture chosen');
    await press('next');
    await on('Someone to talk to');
    await press('next');
    await on('Dreams');
    await write('dreams', 'A puppy');
    await look('dreams');
    await press('next');
    await on('Who comes to my meeting?');
    await tap('who', 0);
    await tap('who', 4);
    await look('who');
    await press('next');
    await on('Where and when?');
    await tap('where', 1);
    await write('when_time', 'After school');
    await look('where');
    await press('next');
    await on('Having my say');
    await tap('chair', 0);
    await tap('advocate_want', 0);
    await look('having-my-say');
    await press('next');
    await on('Nearly done');
    await write('advocate_who', 'Jo');
    await write('only_iro', 'I miss my gran');
    await tap('helper', 1);
    await look('done');
    await press('next');
    await on('Check your answers');
    await look('check');
    const body = await page.textContent('main');
    for (const q of words) check(body.includes(typed[q][0]), `check page lacks ${q}: ${typed[q][0]}`);
    for (const t of ['Happy', 'Mum', 'A friend', 'At school', 'My carer']) check(body.includes(t), `check page lacks ${t}`);
    for (const q of ['today', 'good_things', 'worries', 'who', 'where', 'advocate_who', 'helper']) {
      check(await page.$(`a[href$="#q-${q}"]`) !== null || await page.$(`a[href$="#q-${q}-0"]`) !== null, `no Change link for ${q}`);
    }
    check(await page.$('img[src="/static/img/mum.svg"]') !== null, 'the check page lacks the pictures chosen');
    // Change the worries: the link goes to their page, the words are there.
    await Promise.all([page.waitForNavigation(), page.click('a[href*="#q-worries"]')]);
    await on('Worries');
    check(await page.inputValue('#q-worries') === 'Spiders \u{1F577} and the dark', 'Change lost the words');
    await write('worries', 'Spiders');
    for (let n = 0; n < 9 && await heading() !== 'Check your answers'; n++) await press('next');
    await on('Check your answers');
    check((await page.textContent('main')).includes('Spiders'), 'the change is not on the check page');
    await press('send');
    check(await page.isVisible('h1:has-text("Thank you")'), `no thank-you page (${await page.title()})`);
    await look('thanks');
    cases['child at 320 px: back, skip, resume, check, send'] = { ok: true, typed, consultation: spec.journey.consultation };
  } catch (e) {
    cases['child at 320 px: back, skip, resume, check, send'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// The child's form by tapping pictures only (issue 15 item 1), as a child
// on a 320x640 phone: no word typed.  The first page weighs under 50 KB
// (every byte fetched, uncompressed), its faces are on the first screen,
// and no page of the form is taller than 960 px (one and a half screens;
// the check page, a list of everything, is exempt).  Every page has
// picture cards to tap.  Back, forward and skip keep what was tapped; the
// form is left and resumed on the same page; the check page shows the
// pictures chosen; the form is sent.  axe on every page; screenshots at
// 320 and 1280 px: tests/out/child-cards-320-*.png and -1280-*.png.
async function childCards(browser) {
  const name = 'child by tapping pictures only at 320 px';
  const phone = { viewport: { width: 320, height: 640 }, hasTouch: true };
  let context = await browser.newContext(phone);
  let page = await context.newPage();
  let bytes = 0;
  page.on('response', async r => { try { if (r.url().startsWith(base)) bytes += (await r.body()).length; } catch { /* redirects */ } });
  const tapped = {};
  let shots = 0;
  const heading = async () => (await page.textContent('h1')).trim();
  const on = async (want) => { const h = await heading(); check(h === want, `on "${h}", not "${want}"`); };
  const look = async (what) => {
    await axe(page, `child cards at 320 px: ${what}`);
    shots++;
    const n = String(shots).padStart(2, '0');
    await page.screenshot({ path: `tests/out/child-cards-320-${n}-${what}.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `tests/out/child-cards-1280-${n}-${what}.png`, fullPage: true });
    await page.setViewportSize({ width: 320, height: 640 });
  };
  // A form page: cards to tap, and no taller than 960 px at 320 px.
  const formPage = async (want) => {
    await on(want);
    check(await page.$('.choices--pictures') !== null, `"${want}" has no pictures to tap`);
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    check(h <= 960, `"${want}" is ${h} px tall at 320 px`);
  };
  // Tap the n-th picture card of question q (the card is the input's
  // label; the invisible input lies over it, so the finger lands on it).
  const tap = async (q, n) => {
    await page.tap(`#q-${q}-${n}`);
    const el = await page.$(`#q-${q}-${n}`);
    const v = await el.inputValue();
    if ((await el.getAttribute('type')) === 'checkbox') {
      tapped[q] = (await el.isChecked()) ? [...(tapped[q] || []), v] : (tapped[q] || []).filter(x => x !== v);
    } else tapped[q] = [v];
  };
  const press = async (value) => {
    await Promise.all([page.waitForNavigation(), page.tap(`button[value=${value}]`)]);
  };
  const kept = async (what) => {
    for (const [q, vals] of Object.entries(tapped)) {
      for (const box of await page.$$(`input[name="${q}"]`)) {
        const want = vals.includes(await box.inputValue());
        check(await box.isChecked() === want, `${what}: ${q} ${await box.inputValue()} ${want ? 'lost' : 'appeared'}`);
      }
    }
  };
  // Nothing is typed: every text box is as empty as it came.
  const noWords = async () => {
    for (const b of await page.$$('form.form textarea, form.form input[type=text]')) {
      check((await b.inputValue()) === '', 'a text box has words in it');
    }
  };
  try {
    await goto(page, base + spec.cards.link);
    await page.waitForLoadState('networkidle');
    check(bytes < 50 * 1024, `the first page weighs ${bytes} bytes`);
    await formPage('Hello!');
    const faces = await page.$$eval('.choices--faces .choice__label', ls => ls.map(l => l.getBoundingClientRect().bottom));
    check(faces.length === 5 && Math.max(...faces) <= 640, `the faces end at ${Math.max(...faces)} px`);
    await tap('today', 4);
    await look('hello');
    await press('next');
    await formPage('Good things');
    await tap('good', 0);
    await tap('good', 4);
    await tap('good', 8);
    await look('good-things');
    await press('back');
    await formPage('Hello!');
    await kept('back');
    await press('next');
    await formPage('Good things');
    await kept('forward');
    await tap('good', 8);  // untapped: a second tap takes it away
    await press('next');
    await formPage('Where I live');
    await tap('good_feel', 3);
    await look('where-i-live');
    await press('next');
    await formPage('Worries');
    await tap('worry', 1);
    await tap('worry', 6);
    await look('worries');
    await press('skip');
    await formPage('Someone to talk to');
    await press('back');
    await formPage('Worries');
    await kept('skip');
    await press('next');
    await formPage('Someone to talk to');
    await look('someone-to-talk-to');
    await press('next');
    await formPage('Dreams');
    await tap('wish', 4);
    await tap('wish', 7);
    await look('dreams');
    await press('next');
    await formPage('Who comes to my meeting?');
    await tap('who', 2);
    await tap('who', 3);
    await look('who');
    await press('save');
    check(await page.isVisible('h1:has-text("Your answers are saved")'), 'not saved');
    await look('saved');
    await context.close();
    // Come back on another phone: the same page, the same pictures.
    context = await browser.newContext(phone);
    page = await context.newPage();
    await goto(page, base + spec.cards.link);
    await formPage('Who comes to my meeting?');
    await kept('resumed');
    await press('next');
    await formPage('Where and when?');
    await tap('where', 0);
    await look('where-and-when');
    await noWords();
    await press('next');
    await formPage('Having my say');
    await tap('chair', 2);
    await tap('advocate_want', 1);
    await look('having-my-say');
    await press('next');
    await formPage('Nearly done');
    await tap('helper', 0);
    await look('nearly-done');
    await noWords();
    await press('next');
    await on('Check your answers');
    await look('check');
    const pics = await page.$$eval('.check-list img', is => is.map(i => i.getAttribute('src')));
    for (const src of ['/static/img/face-5.svg', '/static/img/home.svg', '/static/img/pet.svg', '/static/img/feelings.svg',
      '/static/img/school.svg', '/static/img/star.svg', '/static/img/carer.svg', '/static/img/siblings.svg',
      '/static/img/not-sure.svg', '/static/img/no.svg', '/static/img/me.svg']) {
      check(pics.includes(src), `the check page lacks the picture ${src}`);
    }
    check(!pics.includes('/static/img/play.svg'), 'the check page shows a picture tapped away');
    await press('send');
    check(await page.isVisible('h1:has-text("Thank you")'), `no thank-you page (${await page.title()})`);
    await look('thanks');
    cases[name] = { ok: true, typed: tapped, consultation: spec.cards.consultation };
  } catch (e) {
    cases[name] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
  // The first page with JavaScript off: tap a face, Next, the next page.
  const ctx = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const p2 = await ctx.newPage();
  try {
    await goto(p2, base + spec.cardsNoJs.link);
    check((await p2.textContent('h1')).trim() === 'Hello!', 'no first page without JavaScript');
    await p2.tap('#q-today-0');
    check(await p2.isChecked('#q-today-0'), 'a face cannot be tapped without JavaScript');
    await Promise.all([p2.waitForNavigation(), p2.tap('button[value=next]')]);
    check((await p2.textContent('h1')).trim() === 'Good things', 'Next does not work without JavaScript');
    await p2.tap('#q-good-2');
    await Promise.all([p2.waitForNavigation(), p2.tap('button[value=back]')]);
    check(await p2.isChecked('#q-today-0'), 'Back lost the face without JavaScript');
    // Every page of the child's form, no taller than 960 px without
    // JavaScript either (each card's <audio> kept), up to the check page.
    const tall = [];
    for (let i = 0; i < 15; i++) {
      const h1 = (await p2.textContent('h1')).trim();
      if (h1 === 'Check your answers') break;
      check(await p2.$$eval('.choices--pictures .choice', cs => cs.every(c => !!c.querySelector('.speak audio'))), `"${h1}": a card without its control`);
      const h = await p2.evaluate(() => document.documentElement.scrollHeight);
      if (h > 960) tall.push(`"${h1}" is ${h} px`);
      await p2.screenshot({ path: `tests/out/child-nojs-320-${String(i + 1).padStart(2, '0')}.png`, fullPage: true });
      await Promise.all([p2.waitForNavigation(), p2.tap('button[value=next]')]);
    }
    check(tall.length === 0, `without JavaScript at 320 px: ${tall.join(', ')}`);
    check((await p2.textContent('h1')).trim() === 'Check your answers', 'Next did not reach the check page without JavaScript');
    cases['child first page, no JavaScript, at 320 px'] = { ok: true };
  } catch (e) {
    cases['child first page, no JavaScript, at 320 px'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }
}

// Public pages that are not a form, and the child's form without JavaScript.
async function otherPages(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await goto(page, `${base}/`);
    await axe(page, 'home');
    await goto(page, `${base}/code`);
    await axe(page, 'code page');
    await page.focus('#code');
    await page.keyboard.type('ABCD');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check((await page.title()).startsWith('Error: '), 'code error title');
    await axe(page, 'code page with an error');
    const r = await goto(page, `${base}/no/such/page`);
    check(r.status() === 404, '404 status');
    await axe(page, '404 page');
    await goto(page, `${base}/c/${'Q'.repeat(43)}`);
    await axe(page, 'unknown link page');
    cases['public pages'] = { ok: true };
  } catch (e) {
    cases['public pages'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// Staff pages: sign in as each role and check every page they reach.
async function staffPages(browser) {
  const run = async (user, paths, act) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await goto(page, `${base}/admin`);
      await axe(page, 'sign-in');
      await page.fill('#username', user);
      await page.fill('#password', spec.password);
      await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
      check(new URL(page.url()).pathname === '/admin/reviews', `${user} signed in to ${page.url()}`);
      for (const p of paths) {
        const r = await page.goto(`${base}${p}`);
        check(r.status() === 200, `${user} ${p}: ${r.status()}`);
        await axe(page, `${user} ${p}`);
      }
      if (act) await act(page);
      cases[`staff ${user}`] = { ok: true };
    } catch (e) {
      cases[`staff ${user}`] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
    } finally {
      await context.close();
    }
  };
  const rv = spec.review;
  await run('admin1', ['/admin/reviews?from=2000-01-01&to=2100-01-01', `/admin/review?id=${rv}`,
    '/admin/reviews/new', '/admin/reports', '/admin/reports?by=month', '/admin/reports?by=wording', '/admin/targets',
    '/admin/targets?year=2024', '/admin/staff',
    `/admin/typein?c=${spec.typein}`, '/admin/chase', '/admin/chase?all=1',
    '/admin/chase?aud=parent&opened=0&failed=1', '/admin/sending',
    `/admin/review?id=${spec.sendReview}`], async (page) => {
    // Staff who leave (issue 16 item 4): each account's own forms, the
    // disabled IRO's review to reallocate; a role changed on its route.
    await goto(page, `${base}/admin/staff`);
    let body = await page.content();
    check(body.includes('Reviews to reallocate') && body.includes('LEAVE-1'), 'the leaver\'s review is listed');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/staff-${width}.png`, fullPage: true });
    }
    await page.selectOption('#role-user', 'leaver');
    await page.selectOption('#role-new', 'admin');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Change role")')]);
    body = await page.content();
    check(body.includes('leaver is now an admin.'), 'role changed');
    await axe(page, 'admin1 staff role changed');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({ path: 'tests/out/staff-changed-320.png', fullPage: true });
    // A role that reads answers waits for a manager (issue 16 item 3).
    await page.selectOption('#role-user', 'leaver');
    await page.selectOption('#role-new', 'manager');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Change role")')]);
    check((await page.content()).includes('until a manager approves'), 'manager role waits');
    await axe(page, 'admin1 staff role requested');
  });
  // The IRO records a participation code through the review page's own
  // form, which posts to its own route (/admin/review/participation).
  await run('iro1', [`/admin/review?id=${rv}`, `/admin/answers?review=${rv}`], async (page) => {
    await goto(page, `${base}/admin/review?id=${rv}`);
    // Each code is a radio with its meaning as a hint (issue 13 item 12).
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.locator('form[action^="/admin/review/participation"]').screenshot({ path: `tests/out/review-participation-${width}.png` });
    }
    await page.check('#code-PN6');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the participation code")')]);
    check(new URL(page.url()).pathname === '/admin/review/participation', `participation posted to ${page.url()}`);
    let body = await page.content();
    check(body.includes('The participation code is recorded.'), 'participation recorded');
    check(body.includes('<strong>PN6</strong>: Child does not attend but conveys'), 'the summary shows the meaning');
    await axe(page, 'iro1 participation recorded');
    // The format, on its own route (item 13).
    await page.check('#format-in_person');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the format")')]);
    check(new URL(page.url()).pathname === '/admin/review/format', `format posted to ${page.url()}`);
    body = await page.content();
    check(body.includes("The review's format is recorded.") || body.includes('The review&#39;s format is recorded.') ||
      body.includes('The review&#x27;s format is recorded.'), 'format recorded');
    await axe(page, 'iro1 format recorded');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/review-format-${width}.png`, fullPage: true });
    }
    // The IRO's page before the meeting (issue 15 item 5): what the child
    // asked for at the top, who has replied beside the views, the code
    // with its meaning; a copy to print without the private answer.
    await goto(page, `${base}/admin/answers?review=${rv}`);
    body = await page.content();
    check(body.includes('What the child asked for') && body.includes('Who has replied'), 'the IRO page has its summary');
    check(body.includes('<strong>PN6</strong>: Child does not attend but conveys'), 'the IRO page shows the code and its meaning');
    check((await page.locator('.brief [href*="-only_iro"]').count()) > 0, 'the summary links to the private answer');
    check((await page.locator('.answers [id$="-only_iro"] dd').first().textContent()).includes(TEXT), 'the IRO reads the private answer');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `tests/out/iro-views-${width}.png`, fullPage: true });
    }
    await page.check('#leave_out');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show this copy")')]);
    check(new URL(page.url()).searchParams.get('leave_out') === 'private', `the copy to print is ${page.url()}`);
    await axe(page, 'iro1 views without the private answer');
    for (const dd of await page.locator('.answers [id$="-only_iro"] dd').allTextContents())
      check(dd === 'Left out of this copy.', `the print copy carries the private answer: ${dd}`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: 'tests/out/iro-views-print.png', fullPage: true });
    await page.pdf({ path: 'tests/out/iro-views-print.pdf', format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });
  // The reports a committee reads (issue 13): a year to date by month,
  // with what each figure means; screenshots at 320 and 1280 px.
  await run('boss', ['/admin/reports?by=iro', `/admin/answers?review=${rv}`, '/admin/audit',
    '/admin/reports?from=2026-04-01&to=2026-11-10&by=month', '/admin/audit?action=read-answers',
    '/admin/audit?child=BROWSER-1&person=boss', '/admin/reports?by=audience',
    '/admin/staff/approvals'], async (page) => {
    // The request admin1 made waits here; screenshots at 320 and 1280 px.
    await goto(page, `${base}/admin/staff/approvals`);
    check((await page.content()).includes('leaver'), 'the request is listed');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/staff-approvals-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await goto(page, `${base}/admin/reports?from=2026-04-01&to=2026-11-10&by=month`);
    const body = await page.content();
    check(body.includes('the same part of the financial year before'), 'year to date compared with the same span');
    check(body.includes('never late'), 'the page says what late means');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/reports-${width}.png`, fullPage: true });
    }
    // Item 13: the annual report's participation and in-person figures.
    await goto(page, `${base}/admin/reports?by=iro`);
    const ann = await page.content();
    check(ann.includes('children aged 4 and over') && ann.includes('against a target of 85%'), 'participation section');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.locator('#participation').screenshot({ path: `tests/out/reports-participation-${width}.png` });
    }
    // Issue 13 item 10: the chart's legend, each audience by month, and
    // forms still open apart from those not returned.
    await goto(page, `${base}/admin/reports?by=audience`);
    const rep = await page.content();
    check(rep.includes('Still open') && rep.includes('Download the chart as an SVG file'), 'open forms and SVG link');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/reports-audience-${width}.png`, fullPage: true });
    }
    // Item 9: the audit log, a page at a time, and a bad filter explained.
    await goto(page, `${base}/admin/audit`);
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/audit-${width}.png`, fullPage: true });
    }
    const r = await page.goto(`${base}/admin/audit?from=2026-02-30&action=refused`);
    check(r.status() === 400, `bad audit filter: ${r.status()}`);
    check(await page.inputValue('#from') === '2026-02-30', 'the date typed was lost');
    await axe(page, 'audit log with a bad filter');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/audit-error-${width}.png`, fullPage: true });
    }
  });
}

// The statutory timetable as an admin officer uses it: the list with due
// dates and reviews to book, adding a review with the keyboard (a past
// date is asked about first), marking it held; screenshots at 320 px and
// 1280 px of each page for a person to look at.
async function timetablePages(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const shoot = async (name) => {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/${name}-${width}.png`, fullPage: true });
    }
  };
  try {
    await goto(page, `${base}/admin`);
    await page.fill('#username', 'admin1');
    await page.fill('#password', spec.password);
    await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
    await goto(page, `${base}/admin/reviews`);
    const list = await page.content();
    check(list.includes('Reviews to book') && list.includes('TIME-1'), 'TIME-1 not listed to book');
    await shoot('reviews');
    await page.click('a:has-text("Book a review")');
    check(await page.inputValue('#child') === 'TIME-1', 'book link did not start the form for TIME-1');
    await page.fill('#date', '2026-01-05');
    await page.selectOption('#type', 'cic');
    await Promise.all([page.waitForNavigation(), page.press('#date', 'Enter')]);
    const asked = await page.content();
    check(asked.includes('The review date is in the past'), 'a past date was not asked about');
    check(await page.inputValue('#date') === '2026-01-05', 'the date typed was lost');
    await axe(page, 'new review, past date asked about');
    await shoot('new-review-error');
    await page.check('#confirm');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Add the review")')]);
    check(new URL(page.url()).pathname === '/admin/review', `add went to ${page.url()}`);
    await page.fill('#held_on', '2026-01-05');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Mark as held")')]);
    check((await page.content()).includes('The review is marked as held.'), 'not marked held');
    await axe(page, 'review marked held');
    await shoot('review');
    await goto(page, `${base}/admin/reports?from=2025-04-01&to=2026-03-31`);
    check((await page.content()).includes('reviews held within timescale'), 'no held-in-time line');
    await axe(page, 'reports with held in time');
    await shoot('reports');
    cases['timetable pages'] = { ok: true };
  } catch (e) {
    cases['timetable pages'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// Letters for the post, issued from the review page with no name given:
// the links page is checked by axe as seen on screen and as printed (only
// the letters print); the first letter's QR code is photographed for
// run.py to decode with zbarimg, and the link the page shows once goes to
// OUT beside it; the printed letters at 320 px and 1280 px are
// photographed for a person to look at.
async function letterPages(browser) {
  const context = await browser.newContext({ deviceScaleFactor: 2 });
  const page = await context.newPage();
  try {
    await goto(page, `${base}/admin`);
    await page.fill('#username', 'admin1');
    await page.fill('#password', spec.password);
    await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
    await goto(page, `${base}/admin/review?id=${spec.review}`);
    await page.check('#aud-parent');
    await page.check('#aud-carer');
    await page.selectOption('#channel', 'post');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ask for views")')]);
    check(new URL(page.url()).pathname === '/admin/review/issue', `issue went to ${page.url()}`);
    const links = await page.$$eval('tbody tr td:nth-child(3) code', cs => cs.map(c => c.textContent));
    check(links.length === 2 && links.every(l => l.includes('/c/')), `links shown: ${links}`);
    check(await page.locator('.letter').count() === 2, 'not two letters');
    check(await page.locator('.letter .qr').count() === 2, 'not a QR code on each letter');
    check(!(await page.content()).includes('Dear'), 'a letter still says "Dear"');
    await axe(page, 'links and codes');
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/issued-${width}.png`, fullPage: true });
    }
    await page.emulateMedia({ media: 'print' });
    check(await page.locator('.letter').first().isVisible(), 'letters do not print');
    check(!(await page.locator('table').first().isVisible()), 'the table of links prints');
    await axe(page, 'letters as printed');
    // The first letter up to its paper form (which starts a new page):
    // what the person reads first.  At A4's width (794 px) it must fit on
    // one A4 page (1123 px less Chromium's default print margins).
    for (const width of [320, 794, 1280]) {
      await page.setViewportSize({ width, height: 1100 });
      const clip = await page.evaluate(() => {
        const l = document.querySelector('.letter');
        const f = l.querySelector('.paper-form');
        const top = l.getBoundingClientRect().top + window.scrollY;
        return { x: 0, y: top, width: document.documentElement.clientWidth,
          height: f.getBoundingClientRect().top + window.scrollY - top };
      });
      if (width === 794) check(clip.height < 1123 - 2 * 38, `a letter's first page is ${clip.height} px at A4 width`);
      await page.screenshot({ path: `tests/out/letter-${width}.png`, clip, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.locator('.letter .qr').first().screenshot({ path: 'tests/out/letter-qr.png' });
    cases['letters'] = { ok: true };
    letterLink = links[0];
  } catch (e) {
    cases['letters'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// The chase list as an admin officer uses it, with the keyboard: tick two
// forms (each box's label names the child and the form), ask for a
// reminder now (they are listed as not queued: nothing is sent without a
// Notify key), download nothing; then the same with JavaScript off.
// Screenshots at 320 px and 1280 px for a person to look at.
async function chasePages(browser) {
  for (const js of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const name = js ? 'chase list' : 'chase list, no JavaScript';
    try {
      await goto(page, `${base}/admin`);
      await page.fill('#username', 'admin1');
      await page.fill('#password', spec.password);
      await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
      await goto(page, `${base}/admin/chase`);
      const boxes = await page.$$eval('input[name=c]', bs => bs.map(b => b.id));
      check(boxes.length >= 3, `chase rows: ${boxes.length}`);
      const label = await page.$eval(`label[for=${boxes[0]}]`, l => l.textContent);
      check(/: .+ form/.test(label), `tick box label: ${label}`);
      if (js) {
        await axe(page, 'chase list');
        for (const width of [320, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          await page.screenshot({ path: `tests/out/chase-${width}.png`, fullPage: true });
        }
      }
      // The keyboard: focus a box, Space ticks it, Tab moves on.
      await page.focus(`#${boxes[0]}`);
      await page.keyboard.press('Space');
      await page.focus(`#${boxes[1]}`);
      await page.keyboard.press('Space');
      check(await page.isChecked(`#${boxes[0]}`) && await page.isChecked(`#${boxes[1]}`), 'ticked by keyboard');
      await page.focus('button:has-text("Send a reminder now")');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      check(new URL(page.url()).pathname === '/admin/chase/remind', `remind posted to ${page.url()}`);
      const body = await page.content();
      check(body.includes('not queued') && body.includes('No reminders queued'), 'reminders listed as not queued, with why');
      if (js) {
        await axe(page, 'chase list after a reminder');
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: 'tests/out/chase-remind-1280.png', fullPage: true });
      }
      cases[name] = { ok: true };
    } catch (e) {
      cases[name] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
    } finally {
      await context.close();
    }
  }
}

// The Sending page and a review whose forms Heard sends, as an admin
// officer uses them with the keyboard: a bad template id refused next to
// its field, a form issued with a bad contact then a good one, a contact
// changed; then the Sending page without JavaScript.  Screenshots at
// 320 px and 1280 px for a person to look at.
async function sendingPages(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const shoot = async (name) => {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/${name}-${width}.png`, fullPage: true });
    }
  };
  const signIn = async (p) => {
    await goto(p, `${base}/admin`);
    await p.fill('#username', 'admin1');
    await p.fill('#password', spec.password);
    await Promise.all([p.waitForNavigation(), p.press('#password', 'Enter')]);
  };
  try {
    await signIn(page);
    await goto(page, `${base}/admin/sending`);
    let html = await page.content();
    check(html.includes('Sending is not set up') && html.includes('BROWSER-2'), 'sending page: not set up, what would go');
    check(!html.includes('sam.jones') && !html.includes('/c/'), 'sending page shows a contact or link');
    await axe(page, 'sending');
    await shoot('sending');
    await page.focus('#invite_email');
    await page.keyboard.type('not-a-template-id');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    html = await page.content();
    check(html.includes('id="invite_email-error"'), 'bad template id not refused');
    check(await page.inputValue('#invite_email') === 'not-a-template-id', 'typed template id lost');
    await axe(page, 'sending with an error');
    await shoot('sending-error');
    await type(page, 'invite_email', '11111111-2222-3333-4444-555555555555');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check((await page.content()).includes('The template ids are saved.'), 'template id not saved');
    await page.focus('summary:has-text("Change the timetable")');
    await page.keyboard.press('Enter');
    await type(page, 'reminders-parent', '5, 12');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check((await page.content()).includes('id="reminders-parent-error"'), 'bad timetable not refused');
    await axe(page, 'sending with a timetable error');

    const rv = spec.sendReview;
    await goto(page, `${base}/admin/review?id=${rv}`);
    html = await page.content();
    check(html.includes('sam.jones@example.org') && html.includes('waiting'), 'contact and messages not shown');
    await page.focus('#aud-carer');
    await page.keyboard.press('Space');
    await page.focus('#contact');
    await page.keyboard.type('Flat 2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Northtown');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ask for views")')]);
    html = await page.content();
    check(html.includes('id="contact-error"'), 'address without a postcode not refused');
    check(await page.inputValue('#contact') === 'Flat 2\nNorthtown', 'typed contact lost');
    check(await page.isChecked('#aud-carer'), 'ticked form lost');
    await axe(page, 'review with a contact error');
    await shoot('review-contact-error');
    await page.focus('#contact');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Northshire');
    await page.keyboard.press('Enter');
    await page.keyboard.type('nt2 2bb');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ask for views")')]);
    html = await page.content();
    check(html.includes('Heard will send the') && !html.includes('/c/'), 'issue with a contact');
    await axe(page, 'review with contacts');
    // Change a contact with the keyboard: open its details, type, save.
    await page.focus('summary:has-text("Change contact")');
    await page.keyboard.press('Enter');
    await type(page, (await page.getAttribute('details[open] textarea', 'id')), 'sam.new@example.org');
    await Promise.all([page.waitForNavigation(), page.click('details[open] button:has-text("Save contact")')]);
    check((await page.content()).includes('The contact is changed.'), 'contact not changed');
    await axe(page, 'review contact changed');
    await shoot('review-contact');
    cases['sending pages'] = { ok: true };
  } catch (e) {
    cases['sending pages'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
  // Without JavaScript: the Sending page's forms still work.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await ctx.newPage();
  try {
    await signIn(p2);
    await goto(p2, `${base}/admin/sending`);
    await p2.fill('#a-1', 'We would still like to hear from you.');
    await Promise.all([p2.waitForNavigation(), p2.press('#a-1', 'Enter')]);
    check((await p2.content()).includes('The reminder&#39;s wordings are saved.') ||
      (await p2.content()).includes("The reminder's wordings are saved."), 'wording not saved without JavaScript');
    cases['sending page, no JavaScript'] = { ok: true };
  } catch (e) {
    cases['sending page, no JavaScript'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }
}

// Issue a week as an admin officer does: the page that explains the
// file, an upload with a bad line (every error by line, nothing written),
// the corrected file's check (what will be created), and issuing it;
// axe on each, screenshots at 320 px and 1280 px.  Then the same upload
// and issue with JavaScript off.
const WEEK_HEAD = 'child_ref,review_date,review_type,iro,first_name,dob,child_contact,parent_contact,parent_name,carer_contact\n';
const weekFile = (refs, bad) => ({
  name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(WEEK_HEAD +
    `${refs[0]},2027-03-17,cic,iro1,Sam,2016-05-01,sam@example.org,07700 900111,Mum,"2 Low Road|Northtown|NT2 2BB"\n` +
    `${refs[1]},2027-03-18,pathway,iro1,,,,,,carer@example.org\n` +
    (bad ? `${refs[0]}-X,2027-02-30,respite,nobody,,,,01632 960000,,1 Road|Town\n` : '')),
});
async function weekPages(browser) {
  const signIn = async (page) => {
    await goto(page, `${base}/admin`);
    await page.fill('#username', 'admin1');
    await page.fill('#password', spec.password);
    await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  };
  let context = await browser.newContext();
  let page = await context.newPage();
  const shoot = async (name) => {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `tests/out/${name}-${width}.png`, fullPage: true });
    }
  };
  const check_ = async (file) => {
    await page.setInputFiles('#file', file);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Check the file")')]);
    check(new URL(page.url()).pathname === '/admin/week/check', `check went to ${page.url()}`);
    return page.content();
  };
  try {
    await signIn(page);
    await page.click('nav a:has-text("Issue a week")');
    check(new URL(page.url()).pathname === '/admin/week', `menu went to ${page.url()}`);
    await axe(page, 'issue a week');
    await shoot('week');
    let html = await check_(weekFile(['WEEK-1', 'WEEK-2'], true));
    for (const want of ['5 errors to correct', 'Line 4: review_date', 'Line 4: review_type',
      'no IRO called', 'Line 4: parent_contact']) {
      check(html.includes(want), `errors page lacks ${want}`);
    }
    check(!html.includes('/admin/week/issue'), 'a file with errors can be issued');
    await axe(page, 'issue a week, errors');
    await shoot('week-errors');
    html = await check_(weekFile(['WEEK-1', 'WEEK-2'], false));
    check(html.includes('This file will create 2 reviews and 8 forms'), 'no summary of what will be created');
    check(!html.includes('sam@example.org') && html.includes('s***@example.org'), 'contact not masked');
    await axe(page, 'issue a week, check');
    await shoot('week-check');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Issue 2 reviews and 8 forms")')]);
    check((await page.content()).includes('Week issued'), 'not issued');
    await axe(page, 'issue a week, done');
    await shoot('week-done');
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("WEEK-1")')]);
    check(new URL(page.url()).pathname === '/admin/review', `review link went to ${page.url()}`);
    await context.close();
    // Without JavaScript: the upload, the check and the issue still work.
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    await signIn(page);
    await goto(page, `${base}/admin/week`);
    html = await check_(weekFile(['WEEK-3', 'WEEK-4'], false));
    check(html.includes('Check what will be created'), 'no check without JavaScript');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Issue 2 reviews")')]);
    check((await page.content()).includes('Week issued'), 'not issued without JavaScript');
    cases['week pages'] = { ok: true };
  } catch (e) {
    cases['week pages'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
}

// The IRO passport (issue 15 item 3): iro1 sets theirs on their own page
// (a mistake first, then a photo with EXIF GPS), then the child's first
// page with the passport, a professional's page with the child named at
// the top, and a child's thank-you page, at 320 and 1280 px.
async function passportPages(browser) {
  const shoot = async (page, name) => {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
      await axe(page, `${name} at ${width} px`);
      await page.screenshot({ path: `tests/out/${name}-${width}.png`, fullPage: true });
    }
  };
  let context = await browser.newContext();
  let page = await context.newPage();
  try {
    await goto(page, `${base}/admin`);
    await page.fill('#username', 'iro1');
    await page.fill('#password', spec.password);
    await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Your passport")')]);
    check(new URL(page.url()).pathname === '/admin/passport', `passport link went to ${page.url()}`);
    await page.fill('#first_name', 'Sam 2');
    await page.check('#face-2');
    await page.fill('#about', 'I have a dog called Pip. I like football and cake.');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save my passport")')]);
    check(await page.isVisible('#first_name-error'), 'no error next to a bad first name');
    check(await page.inputValue('#about') === 'I have a dog called Pip. I like football and cake.', 'words lost');
    await shoot(page, 'passport-error');
    await page.fill('#first_name', 'Sam');
    await page.setInputFiles('#photo', spec.passport.photo);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save my passport")')]);
    check(await page.isVisible('text=Your passport is saved.'), 'passport not saved');
    check(await page.isVisible('img[src^="/admin/passport.png"]'), 'no photo shown');
    await shoot(page, 'passport');
    cases['passport page'] = { ok: true };
  } catch (e) {
    cases['passport page'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await context.close();
  }
  for (const [name, link, want] of [
    ['passport-child', spec.passport.child, 'Sam runs your meeting.'],
    ['passport-health', spec.passport.health, 'case reference BROWSER-1'],
  ]) {
    context = await browser.newContext({ hasTouch: true });
    page = await context.newPage();
    try {
      await goto(page, base + link);
      check((await page.textContent('main')).includes(want), `${name}: no "${want}"`);
      if (name === 'passport-child') {
        const ok = await page.$eval('.passport__picture', i => i.complete && i.naturalWidth === 160);
        check(ok, 'the passport photo did not load at 160 px');
      }
      await shoot(page, name);
      if (name === 'passport-child') {
        for (let n = 0; n < 12; n++) {
          const last = (await page.$('button[value=send]')) !== null;
          await fillPage(page);
          await submit(page);
          if (last) break;
        }
        check((await page.textContent('main')).includes('Sam will read this before your meeting. It is on'),
          'the thank-you page does not say what happens next');
        await shoot(page, 'passport-thanks');
      }
      cases[name] = { ok: true };
    } catch (e) {
      cases[name] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
    } finally {
      await context.close();
    }
  }
}

// Read aloud (issue 17 item 1), with JavaScript off and on: a control on
// every question, card and page introduction; nothing fetched until one
// is pressed; pressed, a real clip loads (or the device's voice speaks).
async function readAloud(browser) {
  const first = `${base}${spec.readaloud.link}`;
  // Every byte fetched while the page loads, and every clip fetched.
  const watch = (page) => {
    const w = { bytes: 0, clips: [] };
    page.on('response', async r => {
      try {
        const body = await r.body();
        w.bytes += body.length;
        if (new URL(r.url()).pathname.startsWith('/audio/'))
          w.clips.push({ status: r.status(), type: r.headers()['content-type'], size: body.length });
      } catch { /* redirects have no body */ }
    });
    return w;
  };
  // Wait until the n-th control's audio has loaded; its state.
  const loaded = async (page, n) => {
    let st;
    for (let i = 0; i < 100; i++) {
      st = await page.$$eval('.speak audio', (as, k) => ({ ready: as[k].readyState, duration: as[k].duration }), n);
      if (st.ready >= 1 && st.duration > 0) return st;
      await page.waitForTimeout(100);
    }
    throw new Fail(`the clip never loaded: ${JSON.stringify(st)}`);
  };
  const shoot = async (page, name) => {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
      await page.screenshot({ path: `tests/out/readaloud-${name}-${width}.png`, fullPage: true });
    }
  };
  let ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  let page = await ctx.newPage();
  try {
    let w = watch(page);
    await goto(page, first);
    await page.waitForLoadState('networkidle');
    check(w.bytes < 50 * 1024, `first page fetched ${w.bytes} bytes`);
    check(w.clips.length === 0, 'a clip was fetched before anything was pressed');
    const audios = await page.$$eval('.speak audio', as => as.map(a => ({
      controls: a.controls, preload: a.getAttribute('preload'), src: a.getAttribute('src') })));
    check(audios.length >= 2 && audios.every(a => a.controls && a.preload === 'none' && /^\/audio\/[0-9a-f]+\.ogg$/.test(a.src)),
      `controls: ${JSON.stringify(audios)}`);
    await shoot(page, 'nojs-first');
    // Press play on the first question's control (the page's is first).
    await page.setViewportSize({ width: 320, height: 640 });
    await page.click('.field .speak audio', { position: { x: 24, y: 22 } });  // its play button
    const n = await page.$$eval('.speak audio', (as) => as.indexOf(document.querySelector('.field .speak audio')));
    const st = await loaded(page, n);
    check(st.duration > 0.3, `clip lasts ${st.duration} s`);
    await page.waitForTimeout(300);
    check(w.clips.length === 1 && [200, 206].includes(w.clips[0].status) && w.clips[0].type === 'audio/ogg' && w.clips[0].size > 1000,
      `clips fetched: ${JSON.stringify(w.clips)}`);
    // A page of picture cards: each card has its own control.
    await goto(page, `${base}/form?p=2`);
    const cards = await page.$$eval('.choice', cs => cs.map(c => !!c.querySelector('.speak audio')));
    check(cards.length >= 8 && cards.every(Boolean), `cards without a control: ${JSON.stringify(cards)}`);
    await shoot(page, 'nojs-cards');
    cases['read aloud without JavaScript'] = { ok: true };
  } catch (e) {
    cases['read aloud without JavaScript'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }

  // axe needs script: it checks the controls as they are without
  // JavaScript in a page whose speak.js is not delivered.
  ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
  page = await ctx.newPage();
  try {
    await page.route('**/static/speak.js', r => r.abort());
    await goto(page, first);
    check(await page.$$eval('.speak audio[controls]', as => as.length) >= 2, 'no audio controls shown');
    await axe(page, 'read aloud without its script');
    await goto(page, `${base}/form?p=5`);
    await axe(page, 'read aloud without its script, cards');
    cases['read aloud controls without script pass axe'] = { ok: true };
  } catch (e) {
    cases['read aloud controls without script pass axe'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }

  ctx = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
  page = await ctx.newPage();
  try {
    let w = watch(page);
    await goto(page, first);
    await page.waitForLoadState('networkidle');
    check(w.bytes < 50 * 1024, `first page with JavaScript fetched ${w.bytes} bytes`);
    check(w.clips.length === 0, 'a clip was fetched before anything was pressed');
    check(await page.$$eval('script:not([src])', s => s.length) === 0, 'an inline script');
    const state = await page.$$eval('.speak', ss => ss.map(s => !!s.querySelector('button.speak__button') && s.querySelector('audio').hidden));
    check(state.length >= 2 && state.every(Boolean), `controls not made buttons: ${JSON.stringify(state)}`);
    await axe(page, 'read aloud with JavaScript');
    // This Chromium has no voice of its own: the button plays the clip.
    await page.tap('.field .speak__button');
    const n = await page.$$eval('.speak audio', (as) => as.indexOf(document.querySelector('.field .speak audio')));
    const st = await loaded(page, n);
    check(st.duration > 0.3, `clip lasts ${st.duration} s`);
    check(await page.getAttribute('.field .speak__button', 'aria-pressed') === 'true', 'the button does not say it is playing');
    await page.waitForTimeout(300);
    check(w.clips.length === 1 && w.clips[0].type === 'audio/ogg', `clips fetched: ${JSON.stringify(w.clips)}`);
    await goto(page, `${base}/form?p=5`);
    await axe(page, 'read aloud with JavaScript, cards');
    await shoot(page, 'js-cards');
    cases['read aloud with JavaScript'] = { ok: true };
  } catch (e) {
    cases['read aloud with JavaScript'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }

  // A device with an English voice: the button speaks the text with it and
  // fetches nothing.
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addInitScript(() => {
    window.__said = [];
    const fake = { getVoices: () => [{ lang: 'en-GB', name: 'Device' }], speak: u => window.__said.push([u.text, u.lang]),
      cancel: () => {}, addEventListener: () => {} };
    Object.defineProperty(window, 'speechSynthesis', { value: fake });
    window.SpeechSynthesisUtterance = function (t) { this.text = t; };
  });
  page = await ctx.newPage();
  try {
    const w = watch(page);
    await goto(page, first);
    const say = await page.getAttribute('.field .speak', 'data-say');
    await page.click('.field .speak__button');
    const said = await page.evaluate(() => window.__said);
    check(said.length === 1 && said[0][0] === say && said[0][1] === 'en-GB', `said ${JSON.stringify(said)}, wanted ${say}`);
    check(w.clips.length === 0, 'a clip was fetched although the device has a voice');
    cases['read aloud with the device voice'] = { ok: true };
  } catch (e) {
    cases['read aloud with the device voice'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }
}

// Safeguarding flags (issue 15 item 4): the help-now box on the child's
// first page and worries page; the red banner an IRO sees once forms with
// "yes" to talk_soon came back (the young person's and care leaver's forms
// above answer yes); the flags list; one flag, a mistake, acknowledging it;
// the manager's list.  axe on each, screenshots at 320 and 1280 px in
// tests/out/flags-*.png.
async function flagPages(browser) {
  try {
    for (const width of [320, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await ctx.newPage();
      await goto(page, base + spec.flagChild[width === 320 ? 0 : 1]);
      await goto(page, `${base}/form`);
      check(await page.isVisible('aside.help-now'), 'no help-now box on the first page');
      check((await page.textContent('aside.help-now')).includes('0800 1111'), 'no Childline number');
      await axe(page, `child first page help box ${width}`);
      await page.screenshot({ path: `tests/out/flags-child-first-${width}.png`, fullPage: true });
      // The page that asks talk_soon, after the worries: found, not counted.
      for (let n = 2; n < 12 && !(await page.$('input[name=talk_soon]')); n++) await goto(page, `${base}/form?p=${n}`);
      check((await page.$('input[name=talk_soon]')) !== null, 'no page asks talk_soon');
      check(await page.isVisible('aside.help-now'), 'no help-now box on the worries page');
      check(await page.isVisible('input[name=talk_soon]'), 'no talk_soon question');
      await axe(page, `child worries page ${width}`);
      await page.screenshot({ path: `tests/out/flags-child-worries-${width}.png`, fullPage: true });
      await ctx.close();
    }
    const signIn = async (user, width) => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await ctx.newPage();
      await goto(page, `${base}/admin`);
      await page.fill('#username', user);
      await page.fill('#password', spec.password);
      await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
      return [ctx, page];
    };
    for (const width of [320, 1280]) {
      const [ctx, page] = await signIn('iro1', width);
      check(await page.isVisible('.flag-banner'), 'the IRO sees no flag banner');
      await axe(page, `flag banner ${width}`);
      await page.screenshot({ path: `tests/out/flags-banner-${width}.png`, fullPage: false });
      await Promise.all([page.waitForNavigation(), page.click('.flag-banner a')]);
      check(new URL(page.url()).pathname === '/admin/flags', `banner led to ${page.url()}`);
      await axe(page, `flags list ${width}`);
      await page.screenshot({ path: `tests/out/flags-list-${width}.png`, fullPage: true });
      await Promise.all([page.waitForNavigation(), page.click('table a[href^="/admin/flag?id="]')]);
      await axe(page, `flag page ${width}`);
      await page.screenshot({ path: `tests/out/flags-flag-${width}.png`, fullPage: true });
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Acknowledge this flag")')]);
      check(await page.isVisible('.error-summary'), 'no error for an empty acknowledgement');
      await axe(page, `flag page with an error ${width}`);
      await page.screenshot({ path: `tests/out/flags-flag-error-${width}.png`, fullPage: true });
      await page.fill('#what', 'Phoned the young person and their social worker; a visit is booked for today.');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Acknowledge this flag")')]);
      check((await page.textContent('main')).includes('a visit is booked'), 'what was done is not shown');
      await axe(page, `flag acknowledged ${width}`);
      await page.screenshot({ path: `tests/out/flags-acknowledged-${width}.png`, fullPage: true });
      await ctx.close();
    }
    for (const width of [320, 1280]) {
      const [ctx, page] = await signIn('boss', width);
      await goto(page, `${base}/admin/flags`);
      await axe(page, `manager's flags list ${width}`);
      await page.screenshot({ path: `tests/out/flags-manager-${width}.png`, fullPage: true });
      await ctx.close();
    }
    cases['safeguarding flags'] = { ok: true };
  } catch (e) {
    cases['safeguarding flags'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  }
}

const browser = await launch();
try {
  await readAloud(browser);
  await otherPages(browser);
  await childJourney(browser);
  await childCards(browser);
  await timetablePages(browser);
  await sendingPages(browser);
  for (const [name, l] of Object.entries(spec.links)) {
    await runForm(browser, name, async page => { await goto(page, base + l.link); });
  }
  // The paper-code route, in a context with JavaScript turned off: Heard
  // must work without it.  (axe needs script, so it ran on the same pages
  // above.)
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  try {
    await goto(page, `${base}/code`);
    await page.fill('#code', spec.codeCase.code.toLowerCase());
    await Promise.all([page.waitForNavigation(), page.press('#code', 'Enter')]);
    check(new URL(page.url()).pathname === '/form', `code opened ${page.url()}`);
    const typed = {};
    for (let n = 0; n < 12; n++) {
      Object.assign(typed, await fillPage(page));
      const last = (await page.$('button[value=send]')) !== null;
      await submit(page);
      if (last) break;
    }
    check(await page.isVisible('h1:has-text("Thank you")'), 'no thank-you without JavaScript');
    cases['child by code, no JavaScript'] = { ok: true, typed };
  } catch (e) {
    cases['child by code, no JavaScript'] = { ok: false, why: e instanceof Fail ? e.message : String(e.stack || e) };
  } finally {
    await ctx.close();
  }
  await staffPages(browser);
  await chasePages(browser);
  await letterPages(browser);
  await weekPages(browser);
  await passportPages(browser);
  await flagPages(browser);
} finally {
  await browser.close();
  writeFileSync(spec.out, JSON.stringify({ cases, codeCaseConsultation: spec.codeCase.consultation, letterLink }));
}
