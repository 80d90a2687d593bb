// What the tenant pages share: the page's body, the token after '#', the language, calling the API with a token,
// and turning a problem (RFC 9457) into a page that says what happened and what to do.

import { isTypedCode, typedCode } from '../shared/short-code.js';
import { direction, firstLanguage, text } from './texts.js';

const params = new URLSearchParams(location.search);

/** The token from the link: after '#', so it never reaches a server log (?token= works too). */
export const token = params.get('token') || decodeURIComponent(location.hash.replace(/^#(token=)?/, ''));

/** The gateway: this page's origin unless ?api= names another. */
export const api = (params.get('api') || location.origin).replace(/\/+$/, '');

export const $ = (id) => document.getElementById(id);

// The body of every tenant page (its HTML file holds only the head): the header; the loading line, a live region so
// a screen reader hears it; the message box; the failure page; and the page's own two sections, what the link is
// about and what the tenant can do there.
document.body.replaceChildren(
  el('header', [el('span', 'Meedoen', { class: 'brand' })], { class: 'page-header' }),
  el('main', [
    el('p', null, { id: 'status', class: 'status', 'aria-live': 'polite' }),
    el('div', null, { id: 'banner', class: 'banner', role: 'alert', tabindex: '-1', hidden: true }),
    el('section', null, { id: 'failure', hidden: true }),
    el('div', [
      el('section', null, { id: 'about', hidden: true }),
      el('section', null, { id: 'action', class: 'action', hidden: true }),
    ], { id: 'content' }),
  ]),
);

// Another link pasted into the same tab changes only what is after '#': start again with its token.
window.addEventListener('hashchange', () => location.reload());

let language = 'nl';

/**
 * The page's language: ?lang= first, then the tenant's own language as the API knows it, then the browser's;
 * Dutch when none of them has texts here.
 */
export function chooseLanguage(tenantLanguage) {
  language = firstLanguage(params.get('lang'), tenantLanguage);
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
  return language;
}

export const t = (key, vars) => text(language, key, vars);

/** A date (2026-03-01 or an instant) as the tenant reads it, in the page's language and Dutch time. */
export function date(iso, withTime = false) {
  if (!iso) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(iso + 'T12:00:00Z') : new Date(iso);
  const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit' });
  return d.toLocaleString(language, options);
}

/** An amount in euro cents as money. */
export function euros(cents) {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A refusal of the API: its status and problem document (status 0: no answer at all). */
export class ApiProblem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

/** Calls the API (JSON in, JSON out); a refusal throws an ApiProblem. */
export async function call(method, path, { body, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(api + path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiProblem(0, { detail: e.message });
  }
  const raw = await response.text();
  let json = null;
  try {
    json = raw ? JSON.parse(raw) : null;
  } catch {
    json = { detail: raw.slice(0, 200) };
  }
  if (!response.ok) throw new ApiProblem(response.status, json);
  return json;
}

/** While the page asks the API: the loading line; done: empty. */
export function loading(busy) {
  $('status').textContent = busy ? t('common.loading') : '';
}

/** Shows a message box: kind info, success or error; an empty message hides it. */
export function banner(message, kind = 'info') {
  const box = $('banner');
  box.textContent = message;
  box.className = 'banner ' + kind;
  box.hidden = !message;
  if (message && kind === 'error') box.focus();
}

/**
 * The page for a link that does not (or no longer) work: what happened and what to do, in the tenant's words,
 * never the raw problem. {@code unknownLink} is the text for the status with which the API refuses an unknown link
 * ({@code unknownStatus}: 404 where the token is in the path, 401 where it is a header).
 */
export function showFailure(problem, unknownLink, unknownStatus = 404) {
  let what;
  if (problem.status === 0) what = t('failure.network');
  else if (problem.status === unknownStatus) what = unknownLink;
  else if (problem.status === 429) what = t('failure.tooMany');
  else if (problem.status >= 500) what = t('failure.server');
  else what = t('failure.other');
  $('content').replaceChildren();
  show('failure', [el('h1', t('failure.title')), el('p', what), el('p', t('failure.help'))]);
  document.title = t('failure.title');
  settled('failed');
}

/**
 * The API said no to a change. A 409 or 422 means things changed since the page was loaded (closed meanwhile, already
 * done, a new consent text): show them as they are now ({@code showNow}), with a line saying so. Anything else: the
 * failure page, {@code unknownLink} for a 404.
 */
export async function refused(e, unknownLink, showNow) {
  if (e instanceof ApiProblem && (e.status === 409 || e.status === 422)) {
    await showNow();
    banner(t('common.changed'), 'error');
  } else {
    showFailure(e, unknownLink);
  }
}

/** Replaces the section with this id by these children and shows it. */
export function show(id, children) {
  const section = $(id);
  section.replaceChildren(...children);
  section.hidden = false;
}

/** An element with text, or with children when {@code content} is an array. */
export function el(tag, content, attributes = {}) {
  const e = document.createElement(tag);
  if (Array.isArray(content)) e.append(...content.filter(Boolean));
  else if (content !== undefined && content !== null) e.textContent = content;
  for (const [k, v] of Object.entries(attributes)) {
    if (v === true) e.setAttribute(k, '');
    else if (v !== false && v !== undefined && v !== null) e.setAttribute(k, v);
  }
  return e;
}

/** A definition list of [term, description] pairs, leaving out those without a description. */
export function facts(rows) {
  return el('dl', rows.filter(([, v]) => v).flatMap(([k, v]) => [el('dt', k), el('dd', v)]), { class: 'facts' });
}

/** A labelled multi-line field. */
export function textField(name, label, hint) {
  const id = 'field-' + name;
  return el('div', [
    el('label', label, { for: id }),
    hint ? el('p', hint, { class: 'hint', id: id + '-hint' }) : null,
    el('textarea', null, { id, name, rows: 3, maxlength: 2000, 'aria-describedby': hint ? id + '-hint' : null }),
  ], { class: 'field' });
}

/** Marks the page as settled for whoever waits for it (the browser test, a screen reader's live region). */
export function settled(state) {
  document.body.dataset.state = state;
}

/**
 * No token: asks for the code printed on the letter, typed by hand (its texts are `<page>.code…`); the code goes after
 * '#' like a token, and the page starts again with it. A code reads left to right, also on an Arabic page.
 */
/**
 * When the page was opened with a code typed from a letter and the API does not know it (answering {@code status}):
 * asks for the code again, saying so, and returns true.
 */
export function askAgainForUnknownCode(page, problem, status = 404) {
  if (!(problem instanceof ApiProblem && problem.status === status && isTypedCode(token))) return false;
  askForCode(page, token);
  banner(t(`${page}.codeUnknown`), 'error');
  return true;
}

export function askForCode(page, typed = '') {
  document.title = t(`${page}.codeTitle`);
  const input = el('input', null, {
    id: 'code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    'aria-describedby': 'code-hint', maxlength: 24, class: 'code', dir: 'ltr',
  });
  input.value = typed;
  const form = el('form', [
    el('div', [
      el('label', t(`${page}.codeLabel`), { for: 'code' }),
      el('p', t(`${page}.codeHint`), { class: 'hint', id: 'code-hint' }),
      input,
    ], { class: 'field' }),
    el('button', t(`${page}.codeSubmit`), { type: 'submit' }),
  ], { novalidate: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = typedCode(input.value);
    if (!code) {
      banner(t(`${page}.codeEmpty`), 'error');
      return;
    }
    location.hash = encodeURIComponent(code); // the hashchange listener above starts the page again with it
  });
  show('about', [el('h1', t(`${page}.codeTitle`)), el('p', t(`${page}.codeIntro`))]);
  show('action', [form]);
  settled('code');
}
