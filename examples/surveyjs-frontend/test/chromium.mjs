// The browser set-up the example pages' tests share: Debian's Chromium driven by playwright-core. Each caller's
// playwright-core is its own npm devDependency, found from the caller's folder (options.packagesFrom); by default
// this example's, which examples/draw-page (no npm packages) borrows. Also shared: axe-core's check (axeClean), the
// reflow check (sidewaysScroll) and the READMEs' screenshots in the five languages (screenshotsInEveryLanguage).
//
// Env: CHROMIUM (default /usr/bin/chromium; installed with apt-get when missing and we are root).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 20_000;

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing and this is not root: install it with 'apt-get install -y chromium' (Debian's package)`);
  }
  console.log(`[browser-test] ${CHROMIUM} missing: apt-get install -y chromium ...`);
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
}

let step = 'start';
const started = Date.now();

/** Names the step that runs now: logged, and named again if it fails. */
export function say(message) {
  step = message;
  console.log(`[browser-test] ${((Date.now() - started) / 1000).toFixed(1)}s ${message}`);
}

export function expect(condition, message) {
  if (!condition) throw new Error('expectation failed: ' + message);
}

/**
 * axe-core (the caller's npm devDependency, found from packagesFrom as playwright-core is; by default this example's)
 * on the page as it is now: no serious or critical violation may be left.
 */
export async function axeClean(page, what, packagesFrom = import.meta.url) {
  await page.addScriptTag({ content: readFileSync(createRequire(packagesFrom).resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.length === 0, `axe on ${what}: ` + bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; '));
  console.log(`[browser-test] axe on ${what}: no serious or critical violations (${result.violations.length} minor)`);
}

/**
 * Whether the page as it is now reflows (WCAG 1.4.10) on a 360 px wide phone and at 200 % zoom (a 1280 × 900 window
 * zoomed to 200 %: 640 × 450 CSS px at two device pixels each): a line for each of the two where it scrolls sideways,
 * naming the first elements that stick out; none when nothing does.
 */
export async function sidewaysScroll(page, what) {
  const before = page.viewportSize();
  const failures = [];
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const [name, metrics] of [['360 px wide', { width: 360, height: 740, deviceScaleFactor: 1 }],
      ['200 % zoom', { width: 640, height: 450, deviceScaleFactor: 2 }]]) {
      await cdp.send('Emulation.setDeviceMetricsOverride', { ...metrics, mobile: false });
      const overflow = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => {
        const root = document.documentElement;
        const wide = [...document.body.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 || e.getBoundingClientRect().left < -0.5)
          .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + (e.id ? '#' + e.id : ''));
        done({ scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 5) });
      })));
      if (overflow.scrollWidth > overflow.clientWidth) {
        failures.push(`${what} at ${name} scrolls sideways: ${overflow.scrollWidth} > ${overflow.clientWidth} px (${overflow.wide.join(', ')})`);
        console.log('[browser-test] ' + failures.at(-1));
      }
    }
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
    await page.setViewportSize(before);
  }
  return failures;
}

/** The five languages the pages and notification-service's messages are written in. */
export const LANGUAGES = ['nl', 'en', 'tr', 'ar', 'pl'];

/**
 * The README's screenshots (when dir is set): the page at this link with ?lang= each of the five languages, once
 * {@code shown(page, language)} says it is there, as the first screen of a phone (390 × 844): <name>-<language>.png.
 */
export async function screenshotsInEveryLanguage(page, dir, link, name, shown) {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const language of LANGUAGES) {
    const url = new URL(link);
    url.searchParams.set('lang', language);
    await page.goto(url.toString());
    await shown(page, language);
    await page.screenshot({ path: join(dir, `${name}-${language}.png`) });
  }
  await page.setViewportSize(before);
  console.log(`[browser-test] screenshots ${name}-{${LANGUAGES.join(',')}}.png in ${dir}`);
}

/** playwright-core as the module at packagesFrom (a file URL) resolves it: from that caller's node_modules. */
async function playwright(packagesFrom) {
  const module = await import(pathToFileURL(createRequire(packagesFrom).resolve('playwright-core')).href);
  return module.default ?? module;
}

/**
 * Runs {@code steps(page, log)} in a fresh headless Chromium profile. The page's console, uncaught errors and API calls
 * are logged to outDir/page.log (and in {@code log}, for the steps to check); an uncaught error fails the test. On
 * failure: a screenshot in outDir and exit code 1.
 *
 * options.packagesFrom: the caller's import.meta.url, whose node_modules holds playwright-core (default: this file's).
 */
export async function runInChromium(outDir, locale, steps, { packagesFrom = import.meta.url } = {}) {
  ensureChromium();
  mkdirSync(outDir, { recursive: true });
  const { chromium } = await playwright(packagesFrom);
  const profile = mkdtempSync(join(tmpdir(), 'meedoen-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = context.pages()[0] || await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  page.on('response', (r) => { if (r.url().includes('/api/')) log.push(`[http] ${r.request().method()} ${r.url().replace(/#.*/, '')} ${r.status()}`); });
  let failed = false;
  try {
    await steps(page, log);
    const pageErrors = log.filter((l) => l.startsWith('[pageerror]'));
    expect(pageErrors.length === 0, 'no uncaught errors in the page: ' + pageErrors.join('; '));
    console.log(`[browser-test] passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (e) {
    failed = true;
    console.error(`[browser-test] FAILED at step "${step}": ${e.message}`);
    try {
      await page.screenshot({ path: join(outDir, 'failure.png'), fullPage: true });
      console.error(`[browser-test] screenshot: ${join(outDir, 'failure.png')}`);
    } catch (ignored) {
      // the page is gone: the log below still tells
    }
  } finally {
    writeFileSync(join(outDir, 'page.log'), log.join('\n') + '\n');
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failed) {
    console.error(log.slice(-30).join('\n'));
    process.exit(1);
  }
}
