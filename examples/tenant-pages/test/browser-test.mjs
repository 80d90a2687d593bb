// Browser test of the tenant pages: Debian's Chromium driven by playwright-core, axe-core on every page.
//
//   SIGNUP_NL=<link from a Dutch outreach mail> SIGNUP_AR=<link from an Arabic one> CAMPAIGN_TITLE=... \
//   node test/browser-test.mjs
//
// Each flow runs when its links are set; the links are what the mails carry (the token after '#'). It drives
// each page once in Dutch and once in Arabic (right to left) and leaves checking the outcome through the API to
// the caller (local-stack's TenantPagesBrowserIT).
//
// Env: SIGNUP_NL, SIGNUP_AR, CAMPAIGN_TITLE (the sign-up page); PANEL_NL, PANEL_AR, PANEL_NAME, PANEL_THEME (the
// panel page, joining); RECONSENT_NL (the panel page from a consent renewal: run after a new consent text);
// PREFERENCES_NL, PREFERENCES_AR (the opt-out link of the outreach mails);
// OUT_DIR (failure screenshot and page log, default target/browser-test); SCREENSHOTS_DIR (when set: a
// screenshot of each page there); CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing and
// we are root). Exit code 0 when every step passed.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { missingTexts } from '../texts.js';

const env = process.env;
const OUT_DIR = resolve(env.OUT_DIR || 'target/browser-test');
const SHOTS = env.SCREENSHOTS_DIR ? resolve(env.SCREENSHOTS_DIR) : null;
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 20_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing and this is not root: install it with 'apt-get install -y chromium' (Debian's package)`);
  }
  console.log(`[browser-test] ${CHROMIUM} missing: apt-get install -y chromium ...`);
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
}

const log = [];
let step = 'start';
const started = Date.now();
function say(message) {
  step = message;
  console.log(`[browser-test] ${((Date.now() - started) / 1000).toFixed(1)}s ${message}`);
}

function expect(condition, message) {
  if (!condition) throw new Error('expectation failed: ' + message);
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

/** The page has settled in this state (body[data-state], set by common.js). */
async function settledIn(page, state) {
  await page.locator(`body[data-state="${state}"]`).waitFor();
}

/** The page speaks this language, in this direction, and shows no text key. */
async function speaks(page, lang, dir) {
  await page.waitForFunction(([l, d]) => document.documentElement.lang === l && document.documentElement.dir === d, [lang, dir]);
  const body = await page.locator('body').innerText();
  expect(!/\b(common|failure|signup|panel|prefs)\.[a-zA-Z.]+/.test(body), 'no text key on the page: ' + body);
}

/** axe-core on the page as it is now: no serious or critical violation. */
async function accessible(page, what) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.length === 0, `axe on ${what}: ` + bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; '));
  console.log(`[browser-test] axe on ${what}: no serious or critical violations (${result.violations.length} minor)`);
}

async function signupDutch(page) {
  say('sign-up (nl): the campaign from the mailed link, in Dutch');
  await page.goto(env.SIGNUP_NL);
  await settledIn(page, 'form');
  await speaks(page, 'nl', 'ltr');
  await page.getByRole('heading', { level: 1, name: env.CAMPAIGN_TITLE }).waitFor();
  await page.getByText('Zijn er meer aanmeldingen dan plaatsen? Dan loten we eerlijk.').waitFor();
  await accessible(page, 'the sign-up form (nl)');
  await shot(page, 'signup-nl.png');

  say('sign-up (nl): motivation and availability, as a lottery asks; confirmed');
  await page.getByLabel('Waarom wilt u meedoen?').fill('Ik woon hier al twintig jaar');
  await page.getByLabel('Wanneer heeft u tijd?').fill('Dinsdagavond');
  expect(await page.getByLabel('Wat weet of kunt u dat helpt?').count() === 0, 'a lottery does not ask for expertise');
  await page.getByRole('button', { name: 'Ik meld me aan' }).click();
  await settledIn(page, 'signed-up');
  await page.getByText('Gelukt! U bent aangemeld.').waitFor();
  await page.getByRole('button', { name: 'Aanmelding intrekken' }).waitFor();

  say('sign-up (nl): the link again shows the sign-up, not a second form');
  await page.reload();
  await settledIn(page, 'signed-up');
  await page.getByRole('heading', { name: 'U bent aangemeld' }).waitFor();
  await accessible(page, 'the signed-up page (nl)');

  say('sign-up (nl): a link that is not whole says what happened and what to do');
  await page.goto(env.SIGNUP_NL.replace(/#.*/, '#') + 'niet-een-echte-link');
  await settledIn(page, 'failed');
  await page.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor();
  await page.getByText('Wij kennen deze link niet.').waitFor();
  expect(!(await page.locator('body').innerText()).includes('not-found'), 'no raw problem on the page');
  await accessible(page, 'the failure page (nl)');
}

async function signupArabic(page) {
  say('sign-up (ar): the tenant\'s own language, right to left');
  await page.goto(env.SIGNUP_AR);
  await settledIn(page, 'form');
  await speaks(page, 'ar', 'rtl');
  await page.getByRole('heading', { level: 1, name: env.CAMPAIGN_TITLE }).waitFor();
  await accessible(page, 'the sign-up form (ar)');
  await shot(page, 'signup-ar.png');

  say('sign-up (ar): signs up, then withdraws after confirming');
  await page.getByLabel('لماذا تريد المشاركة؟').fill('أريد أن أساعد جيراني');
  await page.getByRole('button', { name: 'سجّلني' }).click();
  await settledIn(page, 'signed-up');
  await page.getByRole('button', { name: 'سحب تسجيلي' }).click();
  await page.getByRole('button', { name: 'نعم، اسحب تسجيلي' }).click();
  await settledIn(page, 'closed');
  await page.getByText('تم سحب تسجيلك.').waitFor();

  say('sign-up (ar): the used link says so, and what to do');
  await page.reload();
  await settledIn(page, 'closed');
  await page.getByText('لقد سحبت تسجيلك. لا يمكنك التسجيل مرة أخرى بهذا الرابط.').waitFor();
  await speaks(page, 'ar', 'rtl');
  await accessible(page, 'the used link (ar)');
}

async function panelDutch(page) {
  say('panel (nl): the invitation shows the consent text and its version, themes and moments');
  await page.goto(env.PANEL_NL);
  await settledIn(page, 'invited');
  await speaks(page, 'nl', 'ltr');
  await page.getByRole('heading', { level: 1, name: env.PANEL_NAME }).waitFor();
  await page.getByText('Versie 1 van deze tekst').waitFor();
  await accessible(page, 'the panel invitation (nl)');
  await shot(page, 'panel-nl.png');

  say('panel (nl): joining without the consent box says why and changes nothing');
  await page.getByLabel(env.PANEL_THEME).check();
  await page.getByLabel('Doordeweeks in de avond').check();
  await page.getByRole('button', { name: 'Ik doe mee' }).click();
  await page.getByText('Zet eerst een vinkje').waitFor();
  await settledIn(page, 'invited');

  say('panel (nl): consent given, joined');
  await page.getByLabel('Ik heb de tekst gelezen. Ik doe mee en ga akkoord.').check();
  await page.getByRole('button', { name: 'Ik doe mee' }).click();
  await settledIn(page, 'member');
  await page.getByText('Welkom in het panel!').waitFor();
  await page.reload();
  await settledIn(page, 'member');
  await page.getByText('U gaf toestemming voor versie 1 van de tekst.').waitFor();
  expect(await page.getByLabel('Doordeweeks in de avond').isChecked(), 'the chosen moment is kept');
  await accessible(page, 'the member page (nl)');
}

async function panelArabic(page) {
  say('panel (ar): the invitation in Arabic, right to left; consent given, joined');
  await page.goto(env.PANEL_AR);
  await settledIn(page, 'invited');
  await speaks(page, 'ar', 'rtl');
  await page.getByText('الإصدار 1 من هذا النص').waitFor();
  await accessible(page, 'the panel invitation (ar)');
  await page.getByLabel(env.PANEL_THEME).check();
  await page.getByLabel('قرأت النص. أنضم وأوافق.').check();
  await page.getByRole('button', { name: 'أنضم' }).click();
  await settledIn(page, 'member');
  await page.getByText('مرحبًا بك في اللجنة!').waitFor();
}

async function reconsentDutch(page) {
  say('panel (nl): the consent renewal link shows the new text and its version; consent again');
  await page.goto(env.RECONSENT_NL);
  await settledIn(page, 'reconsent');
  await speaks(page, 'nl', 'ltr');
  await page.getByText('Versie 2 van deze tekst').waitFor();
  await page.getByText('De tekst over het panel is veranderd.').waitFor();
  await accessible(page, 'the consent renewal (nl)');
  await page.getByLabel('Ik heb de tekst gelezen. Ik doe mee en ga akkoord.').check();
  await page.getByRole('button', { name: 'Ik geef opnieuw toestemming' }).click();
  await settledIn(page, 'member');
  await page.getByText('U gaf toestemming voor versie 2 van de tekst.').waitFor();
}

async function preferencesDutch(page) {
  say('opt-out (nl): the footer link of the outreach mail; one click for what the mail was about');
  await page.goto(env.PREFERENCES_NL);
  await settledIn(page, 'subscribed');
  await speaks(page, 'nl', 'ltr');
  await page.getByRole('heading', { level: 1, name: 'Welke berichten wilt u krijgen?' }).waitFor();
  await accessible(page, 'the opt-out landing (nl)');
  await shot(page, 'preferences-nl.png');
  await page.getByRole('button', { name: 'Geen berichten meer over oproepen om mee te doen' }).click();
  await settledIn(page, 'opted-out');
  await page.getByText('U bent afgemeld.').waitFor();
  await page.getByText('U krijgt geen berichten meer over oproepen om mee te doen.').waitFor();
  expect(!(await page.getByLabel('oproepen om mee te doen').isChecked()), 'recruitment shown as opted out');
}

async function preferencesArabic(page) {
  say('opt-out (ar): right to left; no more news from the tenant organisation, chosen per purpose');
  await page.goto(env.PREFERENCES_AR);
  await settledIn(page, 'subscribed');
  await speaks(page, 'ar', 'rtl');
  await accessible(page, 'the opt-out landing (ar)');
  await page.getByLabel('أخبار منظمة المستأجرين').uncheck();
  await page.getByRole('button', { name: 'احفظ اختياري' }).click();
  await settledIn(page, 'opted-out');
  await page.getByText('تم حفظ اختيارك.').waitFor();
  expect(await page.getByLabel('الدعوات للمشاركة').isChecked(), 'recruitment still wanted');
}

async function run(page) {
  const missing = Object.entries(missingTexts()).filter(([, keys]) => keys.length);
  expect(missing.length === 0, 'every language has every text: ' + JSON.stringify(missing));
  let flows = 0;
  if (env.SIGNUP_NL && env.SIGNUP_AR) {
    await signupDutch(page);
    await signupArabic(page);
    flows++;
  }
  if (env.PANEL_NL && env.PANEL_AR) {
    await panelDutch(page);
    await panelArabic(page);
    flows++;
  }
  if (env.RECONSENT_NL) {
    await reconsentDutch(page);
    flows++;
  }
  if (env.PREFERENCES_NL && env.PREFERENCES_AR) {
    await preferencesDutch(page);
    await preferencesArabic(page);
    flows++;
  }
  expect(flows > 0, 'no page to test: set the links of at least one page (see the top of this file)');
}

async function main() {
  ensureChromium();
  mkdirSync(OUT_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'meedoen-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'nl-NL',
    viewport: { width: 1000, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  page.on('response', (r) => { if (r.url().includes('/api/')) log.push(`[http] ${r.request().method()} ${r.url().replace(/#.*/, '')} ${r.status()}`); });
  let failed = false;
  try {
    await run(page);
    const errors = log.filter((l) => l.startsWith('[pageerror]') || l.startsWith('[console.error] no text'));
    expect(errors.length === 0, 'no uncaught errors and no missing texts in the pages: ' + errors.join('; '));
    console.log(`[browser-test] passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (e) {
    failed = true;
    console.error(`[browser-test] FAILED at step "${step}": ${e.message}`);
    try {
      await page.screenshot({ path: join(OUT_DIR, 'failure.png'), fullPage: true });
      console.error(`[browser-test] screenshot: ${join(OUT_DIR, 'failure.png')}`);
    } catch (ignored) {
      // the page is gone: the log below still tells
    }
  } finally {
    writeFileSync(join(OUT_DIR, 'page.log'), log.join('\n') + '\n');
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failed) {
    console.error(log.slice(-30).join('\n'));
    process.exit(1);
  }
}

main().catch((e) => {
  console.error('[browser-test] ' + (e.stack || e.message));
  process.exit(1);
});
