// Sign up for a campaign through the personal link of an outreach mail or letter (the QR code is the same link).
//
// URL: aanmelden.html#<token>. Without a token (the address a letter prints beside its QR code) the page asks for the
// letter's short code (K7QM-3XTR-9P); the API takes the code wherever it takes the token, so from then on the page works
// as from the link. Optional: ?api=<gateway URL> (default: this page's origin), ?lang=nl|en|tr|ar|pl.
//
// Sign-up API (recruitment-service, through the gateway); the token (or the letter's code) is the credential, no account:
//   GET  /api/v1/campaigns/token-signups/invitation   (Signup-Token header) the campaign, her sign-up, what she can do
//   POST /api/v1/campaigns/token-signups              {token, motivation, expertise, availability}
//   POST /api/v1/campaigns/token-signups/withdrawal   {token}

import { askAgainForUnknownCode, askForCode, loading, refused, banner, call, chooseLanguage, date, el, euros, facts, settled, show, showFailure, t, textField, token } from './common.js';

const BASE = '/api/v1/campaigns/token-signups';

async function load() {
  return call('GET', BASE + '/invitation', { headers: { 'Signup-Token': token } });
}

function showCampaign(view) {
  const c = view.campaign;
  document.title = c.title;
  const s = c.statement || {};
  const sessions = (c.sessions || []).map((x) =>
    el('li', [date(x.startsAt, true), ' — ', x.place || (x.onlineLink ? t('signup.online') : '')]));
  const compensation = c.compensation && c.compensation.type !== 'NONE'
    ? t('signup.compensation.' + c.compensation.type, { amount: euros(c.compensation.amountCents || 0) })
    : t('signup.compensation.NONE');
  show('about', [
    el('h1', c.title),
    c.theme ? el('p', t('signup.theme', { theme: c.theme }), { class: 'lead' }) : null,
    facts([
      [t('signup.goal'), s.goal],
      [t('signup.canInfluence'), s.canInfluence],
      [t('signup.cannotInfluence'), s.cannotInfluence],
      [t('signup.outcomeUse'), s.outcomeUse],
      [t('signup.outcomeBy'), s.outcomeBy ? date(s.outcomeBy) : null],
      [t('signup.mandate'), c.mandate],
      [t('signup.places'), String(c.seats)],
      [t('signup.how'), t('signup.mode.' + c.selectionMode)],
      [t('signup.until'), date(c.signupCloses)],
      [t('signup.compensation'), compensation],
    ]),
    sessions.length ? el('h2', t('signup.sessions')) : null,
    sessions.length ? el('ul', sessions, { class: 'sessions' }) : null,
  ].filter(Boolean));
}

/** What she can do now: sign up, see her sign-up and withdraw it, or read why not. */
function showAction(view) {
  const c = view.campaign;
  const signup = view.signup;
  if (view.canSignUp) return showForm(view);
  if (signup && signup.status === 'ACTIVE') return showSignedUp(view);
  let why;
  switch (view.cannotSignUpBecause) {
    case 'ALREADY_SIGNED_UP': why = t('signup.withdrawnBefore'); break;
    case 'NOT_YET_OPEN': why = t('signup.notYetOpen', { date: date(c.signupOpens) }); break;
    case 'WINDOW_CLOSED': why = t('signup.windowClosed', { date: date(c.signupCloses) }); break;
    case 'NOT_ELIGIBLE': why = t('signup.notEligible'); break;
    default: why = c.status === 'CANCELLED' ? t('signup.cancelled') : t('signup.closed');
  }
  show('action', [el('h2', t('signup.cannotTitle')), el('p', why, { class: 'why' }), el('p', t('signup.questions'))]);
  settled('closed');
}

function showForm(view) {
  const form = el('form', [
    el('h2', t('signup.formTitle')),
    view.asks.length ? el('p', t('signup.optional'), { class: 'hint' }) : null,
    ...view.asks.map((field) => textField(field, t('signup.ask.' + field), t('signup.hint.' + field))),
    el('button', t('signup.submit'), { type: 'submit' }),
  ].filter(Boolean), { novalidate: true });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { token };
    for (const field of view.asks) {
      const value = form.elements[field].value.trim();
      if (value) body[field] = value;
    }
    form.querySelector('button').disabled = true;
    try {
      await call('POST', BASE, { body });
      await refresh('signup.done');
    } catch (e) {
      form.querySelector('button').disabled = false;
      await refused(e, t('signup.unknownLink'), async () => showAction(await load()));
    }
  });
  show('action', [form]);
  settled('form');
}

function showSignedUp(view) {
  const s = view.signup;
  const children = [
    el('h2', t('signup.signedUpTitle')),
    el('p', t('signup.signedUpOn', { date: date(s.createdAt) })),
    s.outcome ? el('p', t('signup.outcome.' + s.outcome), { class: 'outcome' }) : el('p', t('signup.next.' + view.campaign.selectionMode)),
  ];
  if (view.canWithdraw) {
    const withdraw = el('button', t('signup.withdraw'), { type: 'button', class: 'secondary' });
    const confirm = el('div', [
      el('p', t('signup.withdrawSure')),
      el('button', t('signup.withdrawYes'), { type: 'button', class: 'danger' }),
      el('button', t('signup.withdrawNo'), { type: 'button', class: 'secondary' }),
    ], { class: 'confirm', hidden: true });
    withdraw.addEventListener('click', () => {
      confirm.hidden = false;
      withdraw.hidden = true;
      confirm.querySelector('.danger').focus();
    });
    confirm.querySelector('.secondary').addEventListener('click', () => {
      confirm.hidden = true;
      withdraw.hidden = false;
    });
    confirm.querySelector('.danger').addEventListener('click', async () => {
      try {
        await call('POST', BASE + '/withdrawal', { body: { token } });
        await refresh('signup.withdrawn');
      } catch (e) {
        await refused(e, t('signup.unknownLink'), async () => showAction(await load()));
      }
    });
    children.push(el('h3', t('signup.changedMind')), withdraw, confirm);
  } else {
    children.push(el('p', t('signup.cannotWithdraw')));
  }
  show('action', children);
  settled('signed-up');
}

/** After a change: read it back from the server and show what is true now. */
async function refresh(messageKey) {
  const view = await load();
  showAction(view);
  banner(t(messageKey), 'success');
}

async function main() {
  chooseLanguage();
  if (!token) {
    askForCode('signup');
    return;
  }
  loading(true);
  let view;
  try {
    view = await load();
  } catch (e) {
    loading(false);
    if (askAgainForUnknownCode('signup', e)) return;
    showFailure(e, t('signup.unknownLink'));
    settled('failed');
    return;
  }
  chooseLanguage(view.language);
  loading(false);
  showCampaign(view);
  showAction(view);
}

main();
