// Browser test of the public draw page: Debian's Chromium driven by playwright-core, with the browser set-up of
// examples/surveyjs-frontend/test/chromium.mjs (run `npm ci` there first: this page has no npm packages).
//
//   PAGE_URL=http://localhost:8080/examples/draw-page/#<public draw id> PSEUDONYM=<from the letter> \
//   EXPECTED=selected|waitlisted node test/browser-test.mjs
//
// It needs a drawn draw whose seed came from a ceremony, and one tenant's pseudonym and outcome as their mail told
// them (local-stack's SurveyJsBrowserIT makes them). In Dutch it finds the tenant's result by keyboard from the first
// 8 characters, refuses a number not in the draw, shows the quotas, the chances and every reveal matching its
// commitment, and downloads the record to OUT_DIR/record.json (the caller verifies it). Then the same in Arabic, right
// to left with the pseudonyms, hashes and commands left to right; the English texts; axe-core clean and reflowing at
// 360 px and at 200 % zoom in every language; and a browser asking for Polish gets Polish without ?lang=.
//
// Env: PAGE_URL, PSEUDONYM, EXPECTED (required); OUT_DIR (record.json, failure screenshot and page log, default
// target/browser-test); SCREENSHOTS_DIR (when set: the page with the tenant's result in each of the five languages,
// draw-<language>.png, the first screen of a phone). Exit code 0 when every step passed.

import { resolve } from 'node:path';
import { axeClean, expect, runInChromium, say, screenshotsInEveryLanguage, sidewaysScroll } from '../../surveyjs-frontend/test/chromium.mjs';
import { missingTexts } from '../texts.js';

const PAGE_URL = process.env.PAGE_URL;
const PSEUDONYM = process.env.PSEUDONYM;
const EXPECTED = process.env.EXPECTED;
const OUT_DIR = resolve(process.env.OUT_DIR || 'target/browser-test');
const SHOTS = process.env.SCREENSHOTS_DIR ? resolve(process.env.SCREENSHOTS_DIR) : null;

if (!PAGE_URL || !PAGE_URL.includes('#') || !PSEUDONYM || !['selected', 'waitlisted'].includes(EXPECTED)) {
  console.error('PAGE_URL (with the public draw id after #), PSEUDONYM and EXPECTED=selected|waitlisted are required');
  process.exit(2);
}

/** The page link with ?lang= this language. */
function inLanguage(language) {
  const url = new URL(PAGE_URL);
  url.searchParams.set('lang', language);
  return url.toString();
}

/** axe-core finds no serious or critical violation, and nothing scrolls sideways at 360 px or at 200 % zoom. */
async function accessible(page, what) {
  say(`${what}: axe-core, and reflow at 360 px and at 200 % zoom`);
  await axeClean(page, what);
  const sideways = await sidewaysScroll(page, what);
  expect(sideways.length === 0, sideways.join('; '));
}

async function run(page, log) {
  const missing = Object.entries(missingTexts()).filter(([, keys]) => keys.length);
  expect(missing.length === 0, 'every language has every text: ' + JSON.stringify(missing));

  say('open the page from the link in the mail: Dutch by default');
  await page.goto(PAGE_URL);
  await page.getByRole('heading', { level: 1, name: /^Loting: / }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang) === 'nl', 'the page says it is Dutch');

  say('reach the number field by keyboard alone, type the first 8 characters, press Enter');
  let focused = '';
  for (let i = 0; i < 15 && focused !== 'own-input'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.id || '');
  }
  expect(focused === 'own-input', 'Tab reaches the number field');
  await page.keyboard.type(PSEUDONYM.slice(0, 8));
  await page.keyboard.press('Enter');
  const result = page.locator('#own-result');
  await result.getByText(EXPECTED === 'selected' ? /is gekozen/ : /staat op plaats \d+ van de wachtlijst/).waitFor();
  expect((await result.textContent()).includes(PSEUDONYM), 'the whole number is named: ' + await result.textContent());
  expect(await result.getAttribute('data-outcome') === EXPECTED, 'the outcome is the one the mail told');
  expect(await page.locator(`tr.yours[data-pseudonym="${PSEUDONYM}"]`).count() === 1, 'the own row is marked');
  expect(await page.locator('.chance-table tr.yours').count() === 1, 'the own chance is marked in the chart');

  say('a number that is not in this draw');
  await page.getByLabel('Lotnummer uit uw brief of e-mail').fill('00000000-0000-4000-8000-000000000000');
  await page.getByRole('button', { name: 'Zoek mijn uitslag' }).click();
  await result.getByText('Dit lotnummer staat niet in deze loting.', { exact: false }).waitFor();

  say('the quotas with their fill, the chances, the ceremony checked in the page');
  const quota = page.locator('.quota-table tr[data-quota="ageBand=18-34"]');
  expect(await quota.locator('[data-selected]').textContent() === '1', 'one 18-34 seat: ' + await quota.textContent());
  expect((await quota.textContent()).includes('1 tot 1 — gehaald'), 'the quota is kept: ' + await quota.textContent());
  expect(await page.locator('.quota-table svg[role="img"]').count() >= 2, 'the fill as charts with a text alternative');
  expect(await page.locator('.chance-table tbody tr').count() >= 1, 'the chances as a chart');
  const checks = await page.locator('[data-check]').allTextContents();
  expect(checks.length === 2 && checks.every((c) => c === 'ja: de vingerafdruk klopt'), 'every reveal matches: ' + checks);

  say('download the record, as the CLI command next to it names it');
  const command = await page.locator('#verify-command').textContent();
  expect(/^java -Xmx1g -jar draw-engine-cli\.jar verify --record draw-[0-9a-f-]{36}\.json --commitment [0-9a-f]{64} --recompute$/.test(command),
    'the CLI command: ' + command);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
  expect(command.includes(download.suggestedFilename()), 'the command names the downloaded file ' + download.suggestedFilename());
  await download.saveAs(resolve(OUT_DIR, 'record.json'));

  await page.locator('#all-heading').click(); // every number open too, for the checks below
  await accessible(page, 'the page in Dutch');

  await arabic(page);

  say('the same page in English');
  await page.goto(inLanguage('en'));
  await page.getByRole('heading', { level: 1, name: /^Draw: / }).waitFor();
  await page.getByRole('heading', { name: 'Check it yourself' }).waitFor();
  await page.getByLabel('Draw number from your letter or email').fill(PSEUDONYM);
  await page.getByRole('button', { name: 'Find my result' }).click();
  await result.getByText(EXPECTED === 'selected' ? /was selected/ : /on the waiting list/).waitFor();

  for (const [language, heading] of [['en', /^Draw: /], ['tr', /^Kura: /], ['pl', /^Losowanie: /]]) {
    if (language !== 'en') await page.goto(inLanguage(language));
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('#all-heading').click();
    await accessible(page, `the page in ${language}`);
  }

  await screenshotsInEveryLanguage(page, SHOTS, PAGE_URL, 'draw', async (p, language) => {
    await p.waitForFunction((l) => document.documentElement.lang === l && !document.getElementById('draw').hidden, language);
    await p.locator('#own-input').fill(PSEUDONYM);
    await p.locator('#own-input').press('Enter');
    await p.locator(`#own-result[data-outcome="${EXPECTED}"]`).waitFor();
  });
  const missingText = log.filter((l) => l.startsWith('[console.error] no text'));
  expect(missingText.length === 0, 'no missing texts in the page: ' + missingText.join('; '));
}

/** The page in Arabic: right to left, mirrored, with what is code (pseudonyms, hashes, the CLI) left to right. */
async function arabic(page) {
  say('the page in Arabic: right to left, the languages by their own names');
  await page.goto(inLanguage('ar'));
  await page.getByRole('heading', { level: 1, name: /^القرعة: / }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl'),
    'the page says it is Arabic, right to left');
  const nav = page.getByRole('navigation', { name: 'اللغة' });
  expect(JSON.stringify(await nav.getByRole('link').allTextContents()) === JSON.stringify(['Nederlands', 'English', 'Türkçe', 'العربية', 'Polski']),
    'the five languages by their own names: ' + await nav.textContent());
  expect(await nav.locator('a[aria-current="true"]').textContent() === 'العربية', 'Arabic is the current language');
  const [dutch, english] = await Promise.all([nav.getByRole('link', { name: 'Nederlands' }).boundingBox(),
    nav.getByRole('link', { name: 'English' }).boundingBox()]);
  expect(dutch.x > english.x, `the switch reads from the right, Dutch first: ${dutch.x} > ${english.x}`);

  say('the page in Arabic: the tenant finds their own result by the number from the mail');
  await page.getByLabel('رقم القرعة من رسالتكم أو بريدكم الإلكتروني').fill(PSEUDONYM);
  await page.getByRole('button', { name: 'اعرض نتيجتي' }).click();
  const result = page.locator('#own-result');
  await result.getByText(EXPECTED === 'selected' ? /تم اختيار الرقم/ : /على قائمة الانتظار/).waitFor();
  expect(await result.locator('bdi[dir="ltr"]').textContent() === PSEUDONYM, 'the number stays left to right: ' + await result.innerHTML());
  expect(await page.locator(`tr.yours[data-pseudonym="${PSEUDONYM}"] code[dir="ltr"]`).count() === 1, 'the own row is marked, its number left to right');
  const checks = await page.locator('[data-check]').allTextContents();
  expect(checks.length === 2 && checks.every((c) => c === 'نعم: البصمة صحيحة'), 'every reveal matches, in Arabic: ' + checks);

  say('the page in Arabic: mirrored tables and charts, the code left to right');
  const row = page.locator('.quota-table tr[data-quota="ageBand=18-34"]');
  const [value, chart] = await Promise.all([row.locator('th').boundingBox(), row.locator('td.chart').boundingBox()]);
  expect(value.x > chart.x, `the value is on the right, the chart on the left: ${value.x} > ${chart.x}`);
  expect(/إلى/.test(await row.locator('svg[role="img"]').getAttribute('aria-label')), 'the chart\'s text alternative is Arabic');
  expect(await row.locator('svg.bar').evaluate((e) => getComputedStyle(e).transform) !== 'none', 'the bar grows from the right');
  for (const selector of ['#commitment', '#verify-command']) {
    expect(await page.locator(selector).evaluate((e) => getComputedStyle(e).direction) === 'ltr', selector + ' is left to right');
  }
  await page.locator('#all-heading').click();
  await accessible(page, 'the page in Arabic');
}

/** A browser that asks for Polish (and no ?lang=) gets the page in Polish. */
async function browserLanguage(page) {
  say('a browser asking for Polish, without ?lang=');
  await page.goto(PAGE_URL);
  await page.getByRole('heading', { level: 1, name: /^Losowanie: / }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang === 'pl' && document.documentElement.dir === 'ltr'), 'the page says it is Polish');
}

runInChromium(OUT_DIR, 'nl-NL', run)
  .then(() => runInChromium(OUT_DIR, 'pl-PL', browserLanguage))
  .catch((e) => {
    console.error('[browser-test] ' + (e.stack || e.message));
    process.exit(1);
  });
