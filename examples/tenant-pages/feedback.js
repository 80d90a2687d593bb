// What was done with the outcome of a consultation: the landing of the feedback mail's link
// (consultation.feedback-published), for everyone who was invited, whether she answered or not.
//
// URL: terugkoppeling.html#<token>: the feedback mail's link carries the tenant's own invitation token, the one her
// invitation link carried. Without a token the page asks for the code printed on her invitation letter (the API takes
// it in place of the token). Optional: ?api=<gateway URL> (default: this page's origin), ?lang=nl|en|tr|ar|pl.
//
// Respondent API (consultation-service, through the gateway), authorised by the Invitation-Token header:
//   GET /api/v1/consultations/respondent/feedback   the consultation's title, the feedback in her language, when it
//                                                    was published; 404 while not published, 401 for a token or code
//                                                    it does not know

import { ApiProblem, askAgainForUnknownCode, askForCode, call, chooseLanguage, date, el, loading, settled, show, showFailure, t, token } from './common.js';

const params = new URLSearchParams(location.search);

/**
 * The feedback in the tenant's language. The API picks ?lang= (the language chosen here), then her own language from the
 * register (the one her mail was in), then Accept-Language, then the consultation's first: "*" leaves the choice to her
 * own language, not the browser's. A ?lang= the consultation was not written in (400) is asked again without it.
 */
async function feedback() {
  const wanted = params.get('lang');
  const get = (query) => call('GET', '/api/v1/consultations/respondent/feedback' + query, {
    headers: { 'Invitation-Token': token, 'Accept-Language': '*' },
  });
  if (!wanted) return get('');
  try {
    return await get('?lang=' + encodeURIComponent(wanted));
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 400) return get('');
    throw e;
  }
}

function render(f) {
  chooseLanguage(f.language);
  document.title = f.title;
  show('about', [
    el('h1', f.title),
    el('p', t('feedback.intro'), { class: 'lead' }),
    el('h2', t('feedback.heading')),
    el('div', f.feedback, { class: 'feedback-text' }),
    el('p', t('feedback.published', { date: date(f.publishedAt) }), { class: 'hint' }),
  ]);
  show('action', [el('p', t('feedback.thanks')), el('p', t('feedback.questions'))]);
  settled('feedback');
}

/** Not published yet: the link is right, the feedback is not there yet. */
function notYet() {
  chooseLanguage();
  document.title = t('feedback.notYetTitle');
  show('about', [el('h1', t('feedback.notYetTitle')), el('p', t('feedback.notYet'))]);
  settled('not-yet');
}

async function main() {
  if (!token) {
    chooseLanguage();
    askForCode('feedback');
    return;
  }
  loading(true);
  try {
    const f = await feedback();
    loading(false);
    render(f);
  } catch (e) {
    loading(false);
    if (!(e instanceof ApiProblem)) throw e;
    if (e.status === 404) {
      notYet();
    } else {
      chooseLanguage();
      if (!askAgainForUnknownCode('feedback', e, 401)) showFailure(e, t('feedback.unknownLink'), 401);
    }
  }
}

main();
