// Meedoen's public draw page: a lottery as any tenant can check it, with no account and no token.
//
// URL: index.html#<public draw id> (the link in the outcome letters and mails; the part after '#' never reaches a
// server log). Optional: ?api=<gateway URL> (default: this page's origin), ?lang=nl|en|tr|ar|pl (else the browser's
// languages, else Dutch; Arabic right to left).
//
// It reads, without a token (the gateway limits these calls per address):
//   GET /api/v1/campaigns/public-draws/{id}         title, when drawn, seats, commitment, where the record is
//   GET /api/v1/campaigns/public-draws/{id}/record  the draw record (meedoen-draw-record/1), as the CLI verifies it
// Everything shown is computed here from the record, so the page shows nothing the download does not hold.

import { pageHeader } from '../shared/page-header.js';
import { LANGUAGES, direction, firstLanguage, text } from './texts.js';

const params = new URLSearchParams(location.search);
const language = firstLanguage(params.get('lang')); // else the browser's languages, else Dutch
const API = (params.get('api') || location.origin).replace(/\/$/, '');
const drawId = location.hash.slice(1).trim() || params.get('draw');
const MIN_PREFIX = 8;

const t = (key, vars) => text(language, key, vars);
const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text: nothing from the record is ever parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

// Numbers, chances and dates as the page's language writes them.
const number = (n) => new Intl.NumberFormat(language).format(n);
const percent = (p) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(p);
const dateTime = (iso) => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
  .format(new Date(iso));

/** A pseudonym, hash, secret or file name: left to right also in an Arabic sentence. */
const ltr = (value) => el('bdi', { dir: 'ltr' }, value);

/** The text with {pseudonym} as its own left-to-right element. */
function withPseudonym(key, vars) {
  const [before, after = ''] = t(key, { ...vars, pseudonym: '\u0000' }).split('\u0000');
  return [before, ltr(vars.pseudonym), after];
}

/** The record's pool with each entry's features by category name, probability and outcome. */
function people(record) {
  const categories = record.committed.categories.map((c) => c.name);
  const selected = new Set(record.result.selected);
  const place = new Map(record.result.waitlist.map((id, i) => [id, i + 1]));
  return record.committed.pool.map((p, i) => ({
    id: p.id,
    features: Object.fromEntries(categories.map((name, j) => [name, p.features[j]])),
    probability: record.probabilities[i],
    selected: selected.has(p.id),
    position: place.get(p.id),
  }));
}

function outcomeText(p) {
  if (p.selected) return t('outcomeSelected');
  if (p.position) return t('outcomeWaitlist', { position: number(p.position) });
  return t('outcomeNotSelected');
}

function showSummary(draw, record, pool) {
  document.title = t('pageTitle');
  $('heading').textContent = t('heading', { title: draw.campaignTitle });
  const algorithm = t('algorithms')[record.committed.algorithm] || record.committed.algorithm;
  $('summary').textContent = t('drawnAt', {
    date: dateTime(draw.drawnAt), seats: number(record.committed.panelSize), pool: number(pool.length), algorithm,
  }) + (record.committed.householdRule ? ' ' + t('householdRule') : '');
  $('privacy').textContent = t('privacy');
}

function showOwn(pool) {
  $('own-heading').textContent = t('ownHeading');
  $('own-label').textContent = t('ownLabel');
  $('own-hint').textContent = t('ownHint');
  $('own-button').textContent = t('ownButton');
  $('own-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = $('own-input').value.trim().toLowerCase();
    const out = $('own-result');
    out.className = 'own-result';
    document.querySelectorAll('.yours').forEach((n) => n.classList.remove('yours'));
    if (typed.length < MIN_PREFIX) {
      out.textContent = t('ownTooShort');
      out.classList.add('warning');
      return;
    }
    const found = pool.filter((p) => p.id.toLowerCase() === typed || p.id.toLowerCase().startsWith(typed));
    if (found.length !== 1) {
      out.textContent = t(found.length ? 'ownAmbiguous' : 'ownUnknown');
      out.classList.add('warning');
      return;
    }
    const p = found[0];
    const vars = { pseudonym: p.id, probability: percent(p.probability), position: p.position && number(p.position) };
    out.replaceChildren(...withPseudonym(p.selected ? 'ownSelected' : p.position ? 'ownWaitlisted' : 'ownNotSelected', vars));
    out.classList.add(p.selected ? 'selected' : 'waitlisted');
    out.dataset.outcome = p.selected ? 'selected' : p.position ? 'waitlisted' : 'not-selected';
    document.querySelectorAll(`[data-pseudonym="${CSS.escape(p.id)}"], [data-chance="${p.probability}"]`)
      .forEach((n) => n.classList.add('yours'));
  });
}

/**
 * A table in a region of its own that scrolls sideways where a phone or a large zoom is too narrow for its columns,
 * so the page itself never does (WCAG 1.4.10 lets data tables keep their two dimensions); focusable and named, so a
 * keyboard scrolls it too.
 */
function tableRegion(label, table) {
  return el('div', { class: 'table-region', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/** A bar from 0 to the seats: the quota's band (min to max; none without a quota) behind, the selected in front. */
function quotaBar(selected, quota, seats, label) {
  const w = 300;
  const x = (n) => (w * Math.min(n, seats)) / Math.max(seats, 1);
  return svg('svg', { viewBox: `0 0 ${w} 20`, width: '100%', height: '20', role: 'img', 'aria-label': label,
    preserveAspectRatio: 'none', class: 'bar' },
  svg('rect', { x: 0, y: 0, width: w, height: 20, class: 'track' }),
  ...(quota ? [svg('rect', { x: x(quota.min), y: 1, width: Math.max(x(quota.max) - x(quota.min), 2), height: 18, class: 'band' })] : []),
  svg('rect', { x: 0, y: 5, width: x(selected), height: 10, class: 'fill' }));
}

/** An SVG element (the charts are plain SVG: no chart library). */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function showQuotas(record, pool) {
  $('quotas-heading').textContent = t('quotasHeading');
  const box = $('quotas');
  const seats = record.committed.panelSize;
  if (record.committed.categories.length === 0) {
    box.append(el('p', {}, t('quotasNone')));
    return;
  }
  for (const category of record.committed.categories) {
    const rows = category.features.map((f) => {
      const inPool = pool.filter((p) => p.features[category.name] === f.value).length;
      const chosen = pool.filter((p) => p.selected && p.features[category.name] === f.value).length;
      const free = f.min === 0 && f.max >= seats;
      const kept = chosen >= f.min && chosen <= f.max;
      const range = { min: number(f.min), max: number(f.max) };
      const quota = free ? t('quotaFree') : t('quotaRange', range) + ' — ' + t(kept ? 'quotaKept' : 'quotaMissed');
      const value = f.value === 'unknown' ? t('unknownValue') : f.value;
      return el('tr', { 'data-quota': `${category.name}=${f.value}` },
        el('th', { scope: 'row' }, value),
        el('td', { class: 'num' }, number(inPool)),
        el('td', { class: 'num', 'data-selected': '' }, number(chosen)),
        el('td', {}, quota),
        el('td', { class: 'chart' }, quotaBar(chosen, free ? null : f, seats,
          t(free ? 'quotaBar' : 'quotaBarBand', { value, selected: number(chosen), seats: number(seats), ...range }))));
    });
    const caption = t('quotaCaption', { name: category.name });
    box.append(tableRegion(caption, el('table', { class: 'quota-table' },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...['colValue', 'colPool', 'colSelected', 'colQuota', 'colChart']
        .map((k) => el('th', { scope: 'col', class: k === 'colPool' || k === 'colSelected' ? 'num' : null }, t(k))))),
      el('tbody', {}, ...rows))));
  }
}

function showChances(record, pool) {
  $('chance-heading').textContent = t('chanceHeading');
  const probabilities = pool.map((p) => p.probability);
  $('chance-intro').textContent = t('chanceIntro', {
    seats: number(record.committed.panelSize),
    min: percent(Math.min(...probabilities)),
    max: percent(Math.max(...probabilities)),
  });
  // Sign-ups grouped by their chance (LEXIMIN gives a few distinct chances, uniform one), highest first.
  const groups = new Map();
  for (const p of probabilities) groups.set(p, (groups.get(p) || 0) + 1);
  const sorted = [...groups.entries()].sort((a, b) => b[0] - a[0]);
  const most = Math.max(...groups.values());
  $('chances').append(tableRegion(t('chanceCaption'), el('table', { class: 'chance-table' },
    el('caption', {}, t('chanceCaption')),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('colChance')), el('th', { scope: 'col', class: 'num' }, t('colCount')),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, t('colChance'))))),
    el('tbody', {}, ...sorted.map(([p, n]) => el('tr', { 'data-chance': String(p) },
      el('th', { scope: 'row' }, percent(p)),
      el('td', { class: 'num' }, number(n)),
      el('td', { class: 'chart' },
        svg('svg', { viewBox: '0 0 300 20', width: '100%', height: '20', 'aria-hidden': 'true', preserveAspectRatio: 'none', class: 'bar' },
          svg('rect', { x: 0, y: 4, width: Math.max((300 * n) / most, 2), height: 12, class: 'fill' })),
        el('span', { class: 'yours-marker' }, t('chanceYours')))))))));

  $('all-heading').textContent = t('allHeading', { count: number(pool.length) });
  const byOrder = [...pool].sort((a, b) => (b.selected - a.selected) || ((a.position || Infinity) - (b.position || Infinity)));
  $('all').append(tableRegion($('all-heading').textContent, el('table', { class: 'all-table' },
    el('thead', {}, el('tr', {}, ...['colPseudonym', 'colChance', 'colOutcome'].map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, ...byOrder.map((p) => el('tr', { 'data-pseudonym': p.id },
      el('td', {}, el('code', { dir: 'ltr' }, p.id)), el('td', { class: 'num' }, percent(p.probability)), el('td', {}, outcomeText(p))))))));
}

async function sha256(textValue) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(textValue));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function showCommitment(draw, record) {
  $('commitment-heading').textContent = t('commitmentHeading');
  $('commitment-text').textContent = t('commitmentText');
  $('commitment-label').textContent = t('commitmentLabel');
  $('commitment').textContent = record.commitment;
  $('ceremony-heading').textContent = t('ceremonyHeading');
  const box = $('ceremony');
  const ceremony = record.seedCeremony;
  if (!ceremony) {
    box.append(el('p', {}, t('ceremonyNone')));
  } else {
    box.append(el('p', {}, t('ceremonyText')));
    const rows = [];
    for (const party of ceremony.parties) {
      // Each reveal is checked here against its commitment (SHA-256 of its UTF-8), as the CLI does.
      let check = t('checkNa');
      if (party.commitment && party.reveal !== null && party.reveal !== undefined && crypto.subtle) {
        check = t((await sha256(party.reveal)) === party.commitment ? 'checkOk' : 'checkBad');
      }
      const name = party.party === 'public-number' ? t('publicNumber', { source: party.source || '' }) : ltr(party.party);
      rows.push(el('tr', {},
        el('th', { scope: 'row' }, name),
        el('td', {}, party.commitment ? el('code', { class: 'hash', dir: 'ltr' }, party.commitment) : t('checkNa')),
        el('td', {}, party.reveal !== null && party.reveal !== undefined ? el('code', { dir: 'ltr' }, party.reveal) : t('revealMissing')),
        el('td', { 'data-check': '' }, check)));
    }
    box.append(tableRegion(t('ceremonyHeading'), el('table', { class: 'ceremony-table' },
      el('thead', {}, el('tr', {}, ...['colParty', 'colCommitment', 'colReveal', 'colCheck'].map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, ...rows))));
    if (ceremony.missing && ceremony.missing.length) {
      box.append(el('p', {}, t('missing', { parties: ceremony.missing.join(', ') })));
    }
  }
  box.append(el('p', {}, el('span', { class: 'label' }, t('seedLabel')), ' ', el('code', { class: 'hash', dir: 'ltr' }, record.seed)));
}

function showVerify(draw) {
  const file = `draw-${draw.publicId}.json`;
  $('verify-heading').textContent = t('verifyHeading');
  $('verify-intro').textContent = t('verifyIntro');
  $('verify-step1').textContent = t('verifyStep1');
  const link = $('download');
  link.href = API + draw.record;
  link.setAttribute('download', file);
  link.replaceChildren(`${t('verifyDownload')}: `, ltr(file));
  $('verify-step2').textContent = t('verifyStep2');
  $('build-command').textContent = './mvnw -B -pl draw-engine package -DskipTests   # draw-engine/target/draw-engine-cli.jar';
  $('verify-step3').textContent = t('verifyStep3');
  const command = `java -Xmx1g -jar draw-engine-cli.jar verify --record ${file} --commitment ${draw.commitment} --recompute`;
  $('verify-command').textContent = command;
  const copy = $('copy');
  copy.textContent = t('copy');
  copy.hidden = !navigator.clipboard; // only where the browser allows it (https or localhost)
  copy.addEventListener('click', async () => {
    await navigator.clipboard.writeText(command);
    copy.textContent = t('copied');
  });
  $('verify-result').textContent = t('verifyResult');
}

async function get(path) {
  const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const error = new Error(problem.detail || response.statusText);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

async function main() {
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
  document.title = t('pageTitle');
  pageHeader(LANGUAGES, language, t('language'));
  const status = $('status');
  if (!drawId) {
    status.textContent = t('noDraw');
    return;
  }
  status.textContent = t('loading');
  try {
    const draw = await get('/api/v1/campaigns/public-draws/' + encodeURIComponent(drawId));
    const record = await get(draw.record);
    const pool = people(record);
    showSummary(draw, record, pool);
    showOwn(pool);
    showQuotas(record, pool);
    showChances(record, pool);
    await showCommitment(draw, record);
    showVerify(draw);
    $('draw').hidden = false;
    status.textContent = '';
  } catch (e) {
    status.textContent = e.status === 404 ? t('notFound') : t('failed', { detail: e.message });
    status.classList.add('error');
  }
}

main();
