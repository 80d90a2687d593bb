// Meedoen reference survey frontend: a consultation rendered by SurveyJS, answered with an invitation token.
//
// URL: index.html#<token> (as in the invitation link; the part after '#' never reaches a server log),
// or ?token=<token>. Optional: ?api=<gateway URL> (default: this page's origin), ?lang= one of the consultation's
// languages (the page's own texts: nl, en, tr, ar right to left, pl).
//
// Respondent API (consultation-service, through the gateway), authorised by the Invitation-Token header:
//   GET  /api/v1/consultations/respondent/questionnaire           statement, languages, progress, saved draft; once
//                                                                  closed, feedbackUrl: the page goes there
//   GET  /api/v1/consultations/respondent/questionnaire/surveyjs  the SurveyJS JSON in the respondent's language
//   PUT  /api/v1/consultations/respondent/draft                   partial answers (on every page change, and while typing)
//   POST /api/v1/consultations/respondent/response                the final answers, once
// Errors are RFC 9457 problem+json; errors[].field "answers.<question>[.…]" puts the message next to that question.

import { pageHeader } from '../shared/page-header.js';
import { isTypedCode, typedCode } from '../shared/short-code.js';
import { registerPwe } from './pwe.js';
import { direction, hasTexts, setDefaultLanguage, text } from './texts.js';

const Survey = window.Survey;
const SurveyUI = window.SurveyUI;

const params = new URLSearchParams(location.search);
const token = params.get('token') || decodeURIComponent(location.hash.replace(/^#(token=)?/, ''));
const api = (params.get('api') || location.origin).replace(/\/+$/, '');
const requestedLanguage = params.get('lang');
const BASE = api + '/api/v1/consultations/respondent';
const AUTOSAVE_MS = 1500;

const $ = (id) => document.getElementById(id);

/** A problem+json answer of the API (or a network failure, status 0). */
class ApiProblem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, path, body, headers = {}) {
  const query = method === 'GET' && requestedLanguage ? '?lang=' + encodeURIComponent(requestedLanguage) : '';
  let response;
  try {
    response = await fetch(BASE + path + query, {
      method,
      headers: {
        'Invitation-Token': token, Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiProblem(0, { title: 'Network error', detail: e.message });
  }
  const raw = await response.text();
  let json = null;
  try {
    json = raw ? JSON.parse(raw) : null;
  } catch {
    json = { title: `HTTP ${response.status}`, detail: raw.slice(0, 200) };
  }
  if (!response.ok) throw new ApiProblem(response.status, json);
  return json;
}

let locale = '';
const t = (key, vars) => text(locale, key, vars);

/** The page speaks this language: lang and, for Arabic, right to left (SurveyJS follows the page's direction). */
function speak(language) {
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
}

// SurveyJS' own texts (its buttons and messages): English is built in, Dutch comes with index.html, these are loaded
// when a consultation is answered in them.
const SURVEYJS_LOCALES = { tr: 'turkish', ar: 'arabic', pl: 'polish' };

function surveyJsTexts(language) {
  const name = SURVEYJS_LOCALES[language];
  if (!name || Survey.surveyLocalization.locales[language]) return Promise.resolve();
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = 'node_modules/survey-core/i18n/' + name + '.min.js';
    script.onload = resolve;
    script.onerror = resolve; // then SurveyJS' buttons speak English; the questions are still in her language
    document.head.append(script);
  });
}

function banner(message, kind = 'error') {
  const box = $('banner');
  box.textContent = message;
  box.className = 'banner ' + kind;
  box.hidden = !message;
}

function status(message) {
  $('status').textContent = message;
}

function date(iso) {
  return iso ? new Date(iso).toLocaleDateString(locale || undefined, { day: 'numeric', month: 'long', year: 'numeric' }) : '';
}

function showHeader(q) {
  document.title = q.title;
  speak(q.language);
  const s = q.statement;
  const rows = [];
  if (s) {
    for (const key of ['goal', 'canInfluence', 'cannotInfluence', 'outcomeUse']) {
      if (s[key]) rows.push([t(key), s[key]]);
    }
  }
  const dl = $('statement');
  dl.replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  const notes = [];
  if (s?.influenceLevel) notes.push(t('influence', { level: t('levels')[s.influenceLevel] || s.influenceLevel }));
  if (s?.outcomeBy) notes.push(t('outcomeBy', { date: date(s.outcomeBy) }));
  if (q.closesAt) notes.push(t('closes', { date: date(q.closesAt) }));
  notes.push(t(q.anonymity === 'ANONYMOUS' ? 'anonymous' : 'pseudonymous'));
  $('notes').textContent = notes.join(' ');
  // The header, with the consultation's languages as a switch (each reloads the page with ?lang=).
  pageHeader(q.languages, q.language, t('language'));
  $('intro').hidden = false;
}

/** The answers of the questions now visible, in the types the API expects. */
function answersOf(survey) {
  const answers = {};
  for (const q of survey.getAllQuestions(true)) {
    if (q.isEmpty()) continue;
    let value = q.value;
    if (q.getType() === 'text' && q.inputType === 'number' && typeof value === 'string') value = Number(value);
    answers[q.getValueName()] = value;
  }
  return answers;
}

/**
 * Sorts a problem's field errors by question (errors[].field "answers.<question>..."); what no question on
 * the survey claims goes to the banner. Returns questionName → [messages].
 */
function questionErrors(survey, problem) {
  const byQuestion = {};
  const general = [];
  for (const e of problem.body.errors || []) {
    const name = /^answers\.([^.[]+)/.exec(e.field || '')?.[1];
    if (name && survey.getQuestionByName(name)) {
      (byQuestion[name] ||= []).push(e.message);
    } else {
      general.push((e.field ? e.field + ': ' : '') + e.message);
    }
  }
  if (!Object.keys(byQuestion).length || general.length) {
    banner(t('problem', { title: problem.body.title || `HTTP ${problem.status}`,
      detail: general.length ? general.join('; ') : (problem.body.detail || '') }));
  }
  return byQuestion;
}

// A letter prints a short code (K7QM-3XTR-9P) and where to type it (…/c, which opens this page without a token).
// The respondent API takes the code wherever it takes a token.

function askForCode(typed = '') {
  // No questionnaire yet to take the language from: the one asked for, else the browser's (texts.js falls back).
  locale = requestedLanguage || navigator.language.split('-')[0];
  speak(hasTexts(locale) ? locale : 'en');
  $('code-label').textContent = t('codeLabel');
  $('code-submit').textContent = t('codeSubmit');
  $('code-input').value = typed;
  $('code').hidden = false;
  $('code-input').focus();
  $('code').addEventListener('submit', (event) => {
    event.preventDefault();
    const code = typedCode($('code-input').value);
    if (code) {
      location.hash = encodeURIComponent(code);
      location.reload();
    }
  });
}

/**
 * The page of the consultation's feedback for this invitation, as the API names it once the consultation is closed (the
 * link of her feedback mail, her token after '#'), in the language she chose here if she chose one.
 */
function feedbackPage(url) {
  const target = new URL(url, location.href);
  if (requestedLanguage) target.searchParams.set('lang', requestedLanguage);
  return target.toString();
}

async function main() {
  if (!token) {
    askForCode();
    return;
  }
  status(t('loading'));
  let questionnaire;
  let json;
  try {
    [questionnaire, json] = await Promise.all([call('GET', '/questionnaire'), call('GET', '/questionnaire/surveyjs')]);
  } catch (e) {
    status('');
    if (e.status === 401 && isTypedCode(token)) {
      askForCode(token);
      banner(t('codeUnknown'));
      return;
    }
    banner(t('problem', { title: e.body.title || `HTTP ${e.status}`, detail: e.body.detail || '' }));
    return;
  }
  // Closed: the code from her feedback letter (the same as her invitation's), or an old link, leads to the feedback.
  if (questionnaire.feedbackUrl) {
    location.replace(feedbackPage(questionnaire.feedbackUrl));
    return;
  }
  // SurveyJS keeps the consultation's first language under "default": make that SurveyJS' default locale.
  setDefaultLanguage(questionnaire.languages[0]);
  Survey.surveyLocalization.defaultLocale = questionnaire.languages[0];
  locale = questionnaire.language;
  showHeader(questionnaire);
  await surveyJsTexts(questionnaire.language);
  status('');
  if (questionnaire.progress === 'COMPLETED') {
    banner(t('completed'), 'info');
    return;
  }

  const survey = new Survey.Model(json);
  survey.locale = questionnaire.language;
  survey.clearInvisibleValues = 'onHidden'; // the API refuses answers to questions that are not shown
  survey.showQuestionNumbers = 'on';
  // When the corporation and the tenant organisation disagree, each question says who asks it.
  for (const q of survey.getAllQuestions()) {
    if (q.askedBy) q.description = [t('askedBy')[q.askedBy] || q.askedBy, q.description].filter(Boolean).join(' — ');
  }
  if (questionnaire.draft) {
    survey.data = questionnaire.draft;
    status(t('resumed'));
  }

  let completed = false;
  let timer = null;
  let saving = Promise.resolve();
  const saveDraft = () => {
    clearTimeout(timer);
    timer = null;
    saving = saving.catch(() => {}).then(async () => {
      if (completed) return;
      await call('PUT', '/draft', { answers: answersOf(survey) });
      status(t('saved', { time: new Date().toLocaleTimeString(locale || undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) }));
      window.__meedoenDraftSaves = (window.__meedoenDraftSaves || 0) + 1;
    });
    return saving;
  };

  // Partial progress lives on the server (encrypted under the token): saved shortly after each change…
  survey.onValueChanged.add(() => {
    clearTimeout(timer);
    timer = setTimeout(() => saveDraft().catch((e) => status(t('notSaved', { detail: e.message }))), AUTOSAVE_MS);
  });

  // …and on every "Next" (the server checks what is there) and on "Complete" (the server checks everything).
  survey.onServerValidateQuestions.add(async (sender, options) => {
    banner('');
    try {
      if (sender.isLastPage) {
        clearTimeout(timer);
        await saving.catch(() => {});
        const receipt = await call('POST', '/response', { answers: answersOf(sender) },
          { 'Idempotency-Key': crypto.randomUUID() });
        completed = true;
        banner(t('submitted', { date: date(receipt.submittedOn) }), 'success');
      } else {
        await saveDraft();
      }
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      const errors = e.status === 422 ? questionErrors(sender, e) : {};
      if (!Object.keys(errors).length) {
        if (e.status !== 422) banner(t('problem', { title: e.body.title || `HTTP ${e.status}`, detail: e.body.detail || '' }));
        sender.setIsValidatingOnServer(false); // stay on this page, no question to point at
        return;
      }
      // SurveyJS shows one error per question from options.errors (and stays on the page); the rest are added after.
      for (const [name, messages] of Object.entries(errors)) options.errors[name] = messages[0];
      options.complete();
      for (const [name, messages] of Object.entries(errors)) {
        messages.slice(1).forEach((m) => sender.getQuestionByName(name).addError(new Survey.CustomError(m, sender)));
      }
      return;
    }
    options.complete();
  });

  SurveyUI.renderSurvey(survey, $('survey'));
  window.__meedoenSurvey = survey; // for the browser test and the curious
}

pageHeader();
registerPwe(Survey);
Survey.Serializer.addProperty('question', { name: 'askedBy', visible: false }); // who asks it, when the parties disagree
main();
