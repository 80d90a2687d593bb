// Browser test of the SurveyJS reference frontend: Debian's Chromium driven by playwright-core.
//
//   PAGE_URL=http://localhost:8080/examples/surveyjs-frontend/#<token> node test/browser-test.mjs
//
// It needs a consultation seeded as `./meedoen seed-survey` does (local-stack/src/main/resources/seed/) and
// a fresh token. It answers every question type, saves a draft and resumes it after a reload, submits a
// PWE portfolio over budget and expects the server's rule message next to the PWE question, fixes it and
// submits. Checking the results through the API is left to the caller (local-stack's SurveyJsBrowserIT).
//
// Env: PAGE_URL (the walkthrough above); CODE_URL and SHORT_CODE (optional: first the letter's way in, the page opened without a
// token at CODE_URL and the same invitation's short code typed in); OUT_DIR (failure screenshot and page log, default target/browser-test);
// SCREENSHOTS_DIR (when set: the README's walkthrough screenshots are written there, and from MAILED_NL the page in
// each of the five languages, survey-<language>.png, the first screen of a phone);
// MAILED_NL, MAILED_AR, MAILED_TITLE_NL, MAILED_TITLE_AR: the links in a consultation's invitation mails to a Dutch and
// an Arabic reader and its title in each; each is opened in a browser that asks for the reader's language, and must
// speak it (Arabic right to left), axe-core clean;
// KEYBOARD_URL: another invitation's link, answered from start to submission by keyboard alone (Tab, Space, arrows, Enter);
// CHROMIUM (see chromium.mjs, the browser set-up shared with examples/draw-page).
// Exit code 0 when every step passed.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { missingPweTexts } from '../pwe.js';
import { axeClean, expect, runInChromium, say, screenshotsInEveryLanguage } from './chromium.mjs';

const PAGE_URL = process.env.PAGE_URL;
const CODE_URL = process.env.CODE_URL;
const SHORT_CODE = process.env.SHORT_CODE;
const KEYBOARD_URL = process.env.KEYBOARD_URL; // another respondent's link: the whole survey by keyboard alone
const OUT_DIR = resolve(process.env.OUT_DIR || 'target/browser-test');
const SHOTS = process.env.SCREENSHOTS_DIR ? resolve(process.env.SCREENSHOTS_DIR) : null;
const { MAILED_NL, MAILED_AR, MAILED_TITLE_NL, MAILED_TITLE_AR } = process.env;

if (!(PAGE_URL && PAGE_URL.includes('#')) && !(MAILED_NL && MAILED_AR) && !KEYBOARD_URL) {
  console.error('PAGE_URL must be the page URL with the invitation token after #, e.g. http://localhost:8080/examples/surveyjs-frontend/#<token>'
    + ' (or MAILED_NL and MAILED_AR the links of invitation mails)');
  process.exit(2);
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  console.log(`[browser-test] screenshot ${join(SHOTS, name)}`);
}

const question = (page, name) => page.locator(`[data-name="${name}"]`);

async function next(page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

async function run(page) {
  if (CODE_URL && SHORT_CODE) {
    say('from a letter: open …/c, type a code that is wrong, then the letter\'s code in lower case with spaces');
    await page.goto(CODE_URL);
    const code = page.getByLabel('Did you get a letter? Type the code printed under the QR code');
    await code.fill('AAAA-BBBB-CC');
    await code.press('Enter');
    await page.getByText('We do not know this code.').waitFor();
    await code.fill(SHORT_CODE.toLowerCase().replaceAll('-', ' '));
    await code.press('Enter');
    await question(page, 'kids').getByText('Do children live in your household?').waitFor();
  }

  const dutch = new URL(PAGE_URL);
  dutch.searchParams.set('lang', 'nl');

  say('open the page in Dutch (?lang=nl)');
  await page.goto(dutch.toString());
  await question(page, 'kids').getByText('Wonen er kinderen in uw huishouden?').waitFor();
  await page.getByText('Samen kiezen wat er in de binnentuin komt').waitFor();
  await page.getByRole('button', { name: 'Volgende' }).waitFor(); // SurveyJS' own Dutch texts (survey-core/i18n)

  say('open it again with the browser asking for English (Accept-Language en-GB)');
  await page.goto(PAGE_URL);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await question(page, 'kids').getByText('Do children live in your household?').waitFor();
  await page.getByText('Choose together what the courtyard gets').waitFor();

  say('page 1: single choice, a number shown only for "Yes", multiple choice, a scale');
  await expectHidden(question(page, 'howMany'));
  await question(page, 'kids').getByText('Yes', { exact: true }).click();
  await question(page, 'howMany').locator('input').fill('2');
  await question(page, 'use').getByText('Play', { exact: true }).click();
  await question(page, 'use').getByText('Meeting neighbours').click();
  await question(page, 'satisfaction').getByText('4', { exact: true }).click();
  await shot(page, '1-questions.png');
  await next(page);

  say('the draft is on the server: reload and find the answers again');
  await question(page, 'priority').waitFor();
  await page.getByText(/Draft saved at/).waitFor();
  await page.reload();
  await page.getByText('Your saved answers were restored.').waitFor();
  expect(await question(page, 'kids').locator('input[value="yes"]').isChecked(), 'the saved "yes" is checked again');
  expect(await question(page, 'howMany').locator('input').inputValue() === '2', 'the saved number is back');
  await next(page);

  say('page 2: ranking by keyboard, a free text');
  const greenery = question(page, 'priority').locator('.sv-ranking-item').filter({ hasText: 'Greenery' });
  await greenery.focus();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => JSON.stringify(window.__meedoenSurvey.getValue('priority')) === '["green","safety","play"]');
  await question(page, 'remarks').locator('textarea').fill('More trees, please.');
  await next(page);

  say('page 3: a PWE portfolio over budget — the page shows it live but lets the server judge');
  const plan = question(page, 'plan');
  const summary = plan.getByTestId('pwe-summary');
  await summary.waitFor();
  await plan.getByText('Asked by the housing corporation — Choose what matters most to you.').waitFor(); // askedBy
  expect((await summary.textContent()).includes('left 100,000'), 'the full budget is left: ' + await summary.textContent());
  for (const option of ['Playground', 'Football pitch', 'Benches']) {
    await plan.locator('.pwe-option').filter({ hasText: option }).locator('input[type=checkbox]').check();
  }
  await plan.getByText('Budget 100,000 · chosen 125,000 · 25,000 over budget').waitFor();
  expect(await summary.evaluate((el) => el.classList.contains('pwe-over')), 'the over-budget line is marked');
  await page.getByRole('button', { name: 'Complete' }).click();

  say('the server refuses it: its rule messages appear next to the PWE question');
  await plan.getByText('budget: costs 125000, above the budget of 100000', { exact: false }).waitFor();
  await plan.getByText('exclusive-group', { exact: false }).waitFor();
  await plan.getByText('required-together', { exact: false }).waitFor();
  expect(await page.getByRole('button', { name: 'Complete' }).isVisible(), 'still on the last page');
  await shot(page, '2-server-rule.png');

  say('fix it: drop the football pitch, add the bins, motivate, submit');
  await plan.locator('.pwe-option').filter({ hasText: 'Football pitch' }).locator('input[type=checkbox]').uncheck();
  await plan.locator('.pwe-option').filter({ hasText: 'Litter bins' }).locator('input[type=checkbox]').check();
  await plan.getByText('Budget 100,000 · chosen 80,000 · left 20,000').waitFor();
  await plan.getByLabel('Why do you choose Playground?').fill('For the children');
  await plan.locator('textarea.pwe-overall').fill('Safe play and a place to sit');
  await shot(page, '3-portfolio.png');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByText(/Submitted on .*Thank you for your answers!/).waitFor();

  say('a second visit says it was already answered');
  await page.reload();
  await page.getByText('You have already answered this questionnaire.').waitFor();
}

/**
 * The whole survey by keyboard alone, as a respondent without a mouse answers it: Tab moves on, Space ticks, the arrow
 * keys choose within a group and move a ranked item, Enter presses a button. Nothing is clicked.
 */
async function keyboardOnly(page) {
  const url = new URL(KEYBOARD_URL);
  url.searchParams.set('lang', 'en');
  await page.goto(url.toString());
  await question(page, 'kids').waitFor();

  say('by keyboard: page 1');
  await tabTo(page, 'the "Yes" of kids', () => document.activeElement?.closest('[data-name="kids"]') !== null);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.__meedoenSurvey.getValue('kids') === 'yes');
  await tabTo(page, 'the number field', () => document.activeElement?.closest('[data-name="howMany"]') !== null);
  await page.keyboard.type('2');
  await tabTo(page, '"Play"', () => document.activeElement?.closest('[data-name="use"]') && document.activeElement.value === 'play');
  await page.keyboard.press('Space');
  await tabTo(page, '"Meeting neighbours"', () => document.activeElement?.closest('[data-name="use"]') && document.activeElement.value === 'meet');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => JSON.stringify(window.__meedoenSurvey.getValue('use')) === '["play","meet"]');
  await tabTo(page, 'the scale', () => document.activeElement?.closest('[data-name="satisfaction"]') !== null);
  for (let i = 0; i < 8 && (await page.evaluate(() => window.__meedoenSurvey.getValue('satisfaction'))) !== 4; i++) {
    await page.keyboard.press(i === 0 ? 'Space' : 'ArrowRight');
  }
  await page.waitForFunction(() => window.__meedoenSurvey.getValue('satisfaction') === 4);
  expect(await page.evaluate(() => window.__meedoenSurvey.getValue('howMany')) === 2, 'the number typed is kept');
  await pressButton(page, 'Next');

  say('by keyboard: page 2, a ranked item moved with the arrow keys, a free text');
  await question(page, 'priority').waitFor();
  await tabTo(page, 'the ranked "Greenery"', () => document.activeElement?.closest('[data-name="priority"]') && document.activeElement.textContent.includes('Greenery'));
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => JSON.stringify(window.__meedoenSurvey.getValue('priority')) === '["green","safety","play"]');
  await tabTo(page, 'the remarks', () => document.activeElement?.closest('[data-name="remarks"]') !== null);
  await page.keyboard.type('More trees, please.');
  await pressButton(page, 'Next');

  say('by keyboard: page 3, a portfolio within budget with a motivation');
  await question(page, 'plan').getByTestId('pwe-summary').waitFor();
  for (const option of ['playground', 'benches', 'bins']) {
    await tabTo(page, `the PWE option ${option}`, (o) => document.activeElement?.closest('[data-name="plan"]') && document.activeElement.type === 'checkbox' && document.activeElement.value === o, option);
    await page.keyboard.press('Space');
  }
  await question(page, 'plan').getByText('Budget 100,000 · chosen 80,000 · left 20,000').waitFor();
  await tabTo(page, 'the playground\'s motivation', () => document.activeElement?.getAttribute('aria-label')?.includes('Playground') || document.activeElement?.labels?.[0]?.textContent.includes('Playground'));
  await page.keyboard.type('For the children');
  await pressButton(page, 'Complete');
  await page.getByText(/Submitted on .*Thank you for your answers!/).waitFor();
  const answered = await page.evaluate(() => window.__meedoenSurvey.data);
  expect(answered.plan && JSON.stringify([...answered.plan.chosen].sort()) === '["benches","bins","playground"]', 'the portfolio chosen by keyboard was sent: ' + JSON.stringify(answered.plan));
}

/** Presses Tab until the focused element matches (evaluated in the page), as a keyboard user moves on. */
async function tabTo(page, what, matches, arg, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches, arg)) return;
  }
  throw new Error(`expectation failed: ${max} presses of Tab never reached ${what}`);
}

/** Tabs to a button by its text and presses Enter. */
async function pressButton(page, name) {
  await tabTo(page, `the button "${name}"`, (n) => {
    const el = document.activeElement;
    return el && (el.value === n || el.textContent.trim() === n || el.getAttribute('title') === n);
  }, name);
  await page.keyboard.press('Enter');
}

async function expectHidden(locator) {
  expect(await locator.count() === 0 || !(await locator.isVisible()), 'hidden until "Yes"');
}

/** The survey is shown: SurveyJS has rendered the questionnaire (or said it was answered). */
async function surveyShown(page) {
  await page.locator('#survey .sd-root-modern, #banner:not([hidden])').first().waitFor();
}

/** A reader opens the link in her invitation mail, in a browser asking for her language. */
async function mailed(page, language, link, title) {
  say(`from the invitation mail (${language}): the page speaks her language, ${language === 'ar' ? 'right to left' : 'left to right'}`);
  await page.goto(link);
  await surveyShown(page);
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  await page.waitForFunction(([l, d]) => document.documentElement.lang === l && document.documentElement.dir === d, [language, dir]);
  expect(await page.title() === title, `the title is ${title}: ${await page.title()}`);
  expect(await page.locator('#survey').evaluate((e) => getComputedStyle(e).direction) === dir, 'the survey runs ' + dir);
  const complete = await page.evaluate((l) => window.Survey.surveyLocalization.locales[l]?.completeText, language);
  expect(Boolean(complete), `SurveyJS' own texts in ${language}`);
  await page.getByRole('button', { name: complete }).waitFor(); // SurveyJS' button in her language

  say(`from the invitation mail (${language}): axe-core finds no serious or critical violation`);
  await axeClean(page, `the page from the invitation mail (${language})`, import.meta.url);
  if (language === 'nl') {
    await screenshotsInEveryLanguage(page, SHOTS, link, 'survey', async (p, l) => {
      await surveyShown(p);
      await p.waitForFunction((lang) => document.documentElement.lang === lang, l);
    });
  }
}

async function main() {
  const missing = Object.entries(missingPweTexts()).filter(([, keys]) => keys.length);
  expect(missing.length === 0, 'the PWE widget has every text in every language: ' + JSON.stringify(missing));
  if (PAGE_URL) await runInChromium(OUT_DIR, 'en-GB', run);
  if (KEYBOARD_URL) await runInChromium(OUT_DIR, 'en-GB', keyboardOnly);
  if (MAILED_NL && MAILED_AR) {
    await runInChromium(OUT_DIR, 'nl-NL', (page) => mailed(page, 'nl', MAILED_NL, MAILED_TITLE_NL));
    await runInChromium(OUT_DIR, 'ar', (page) => mailed(page, 'ar', MAILED_AR, MAILED_TITLE_AR));
  }
}

main().catch((e) => {
  console.error('[browser-test] ' + (e.stack || e.message));
  process.exit(1);
});
