// Browser test of the public draw page: Debian's Chromium driven by playwright-core, with the browser set-up of
// examples/surveyjs-frontend/test/chromium.mjs (run `npm ci` there first: this page has no npm packages).
//
//   PAGE_URL=http://localhost:8080/examples/draw-page/#<public draw id> PSEUDONYM=<from the letter> \
//   EXPECTED=selected|waitlisted node test/browser-test.mjs
//
// It needs a drawn draw whose seed came from a ceremony, and one tenant's pseudonym and outcome as their mail told
// them (local-stack's SurveyJsBrowserIT makes them). In Dutch it finds the tenant's result by keyboard from the first
// 8 characters, refuses a number not in the draw, shows the quotas, the chances and every reveal matching its
// commitment, and downloads the record to OUT_DIR/record.json (the caller verifies it); then the English texts.
//
// Env: PAGE_URL, PSEUDONYM, EXPECTED (required); OUT_DIR (record.json, failure screenshot and page log, default
// target/browser-test). Exit code 0 when every step passed.

import { resolve } from 'node:path';
import { expect, runInChromium, say } from '../../surveyjs-frontend/test/chromium.mjs';

const PAGE_URL = process.env.PAGE_URL;
const PSEUDONYM = process.env.PSEUDONYM;
const EXPECTED = process.env.EXPECTED;
const OUT_DIR = resolve(process.env.OUT_DIR || 'target/browser-test');

if (!PAGE_URL || !PAGE_URL.includes('#') || !PSEUDONYM || !['selected', 'waitlisted'].includes(EXPECTED)) {
  console.error('PAGE_URL (with the public draw id after #), PSEUDONYM and EXPECTED=selected|waitlisted are required');
  process.exit(2);
}

async function run(page) {
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

  say('the same page in English');
  const english = new URL(PAGE_URL);
  english.searchParams.set('lang', 'en');
  await page.goto(english.toString());
  await page.getByRole('heading', { level: 1, name: /^Draw: / }).waitFor();
  await page.getByRole('heading', { name: 'Check it yourself' }).waitFor();
  await page.getByLabel('Draw number from your letter or email').fill(PSEUDONYM);
  await page.getByRole('button', { name: 'Find my result' }).click();
  await result.getByText(EXPECTED === 'selected' ? /was selected/ : /on the waiting list/).waitFor();
}

runInChromium(OUT_DIR, 'nl-NL', run).catch((e) => {
  console.error('[browser-test] ' + (e.stack || e.message));
  process.exit(1);
});
