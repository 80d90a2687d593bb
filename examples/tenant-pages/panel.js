// Join the tenant panel with consent, or consent again to a new text, through the personal link of a panel
// invitation or consent renewal (both carry the same membership token).
//
// URL: panel.html#<token>. Without a token (the address a panel letter prints beside its QR code) the page asks for the
// letter's short code (K7QM-3XTR-9P); the API takes the code wherever it takes the token, so from then on the page works
// as from the link. Optional: ?api=<gateway URL> (default: this page's origin), ?lang=nl|en|tr|ar|pl.
//
// Membership API (panel-service, through the gateway); the token (or the letter's code) in the path is the credential,
// no account:
//   GET  /api/v1/panels/membership/{token}              panel, consent text and version, status, themes, choices
//   POST /api/v1/panels/membership/{token}/join         {consent, consentVersion, channel, interests, preferredMoments}
//   POST /api/v1/panels/membership/{token}/consent      {consent, consentVersion, channel}
//   PUT  /api/v1/panels/membership/{token}/preferences  {interests, preferredMoments}

import { askAgainForUnknownCode, askForCode, loading, refused, banner, call, chooseLanguage, date, el, settled, show, showFailure, t, token } from './common.js';

const MOMENTS = ['WEEKDAY_MORNING', 'WEEKDAY_AFTERNOON', 'WEEKDAY_EVENING', 'WEEKEND'];
const base = () => '/api/v1/panels/membership/' + encodeURIComponent(token);

/** A group of checkboxes: [value, label, description?] each, the checked ones given. */
function checkboxes(name, legend, hint, options, checked) {
  return el('fieldset', [
    el('legend', legend),
    hint ? el('p', hint, { class: 'hint' }) : null,
    ...options.map(([value, label, description], i) => el('div', [
      el('input', null, { type: 'checkbox', name, value, id: `${name}-${i}`, checked: checked.includes(value) }),
      el('label', description ? [label, el('span', ' — ' + description, { class: 'hint' })] : label, { for: `${name}-${i}` }),
    ], { class: 'choice' })),
  ].filter(Boolean));
}

const chosen = (form, name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);

function themes(m) {
  return m.themes.length
    ? checkboxes('interests', t('panel.themes'), t('panel.themesHint'), m.themes.map((x) => [x.id, x.title, x.description]), m.interests || [])
    : null;
}

function moments(m) {
  return checkboxes('moments', t('panel.moments'), t('panel.momentsHint'), MOMENTS.map((x) => [x, t('panel.moment.' + x)]), m.preferredMoments || []);
}

/** The consent text with its version, and the box that gives consent to exactly that version. */
function consentBlock(m) {
  return [
    el('h2', t('panel.consentTitle')),
    el('p', t('panel.version', { version: m.currentConsentVersion }), { class: 'hint' }),
    el('blockquote', m.currentConsentText, { class: 'consent-text' }),
    el('div', [
      el('input', null, { type: 'checkbox', name: 'consent', id: 'consent', required: true }),
      el('label', t('panel.consent'), { for: 'consent' }),
    ], { class: 'choice' }),
  ];
}

function header(m) {
  document.title = m.panelName;
  return [el('h1', m.panelName), m.purpose ? el('p', m.purpose, { class: 'lead' }) : null].filter(Boolean);
}

/** Submits the form's change, then shows what the server now says. A refusal of the consent box stays here. */
function onSubmit(form, send, successKey) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    banner('');
    const consent = form.elements.consent;
    if (consent && !consent.checked) {
      banner(t('panel.consentNeeded'), 'error');
      return;
    }
    form.querySelector('button[type=submit]').disabled = true;
    try {
      render(await send());
      banner(t(successKey), 'success');
    } catch (e) {
      form.querySelector('button[type=submit]').disabled = false;
      await refused(e, t('panel.unknownLink'), async () => render(await call('GET', base())));
    }
  });
}

function joinForm(m) {
  const form = el('form', [
    el('p', t('panel.invited')),
    ...consentBlock(m),
    themes(m),
    moments(m),
    el('button', t('panel.join'), { type: 'submit' }),
  ].filter(Boolean), { novalidate: true });
  onSubmit(form, () => call('POST', base() + '/join', { body: {
    consent: true, consentVersion: m.currentConsentVersion, channel: 'ONLINE',
    interests: chosen(form, 'interests'), preferredMoments: chosen(form, 'moments'),
  } }), 'panel.joined');
  return { form, state: 'invited' };
}

function reconsentForm(m) {
  const form = el('form', [
    el('p', t('panel.newText', { date: m.reconsentDue ? date(m.reconsentDue) : '' })),
    ...consentBlock(m),
    el('button', t('panel.consentAgain'), { type: 'submit' }),
  ], { novalidate: true });
  onSubmit(form, () => call('POST', base() + '/consent', { body: {
    consent: true, consentVersion: m.currentConsentVersion, channel: 'ONLINE',
  } }), 'panel.consented');
  return { form, state: 'reconsent' };
}

function memberForm(m) {
  const form = el('form', [
    el('p', m.status === 'PAUSED'
      ? t('panel.paused', { date: m.pausedUntil ? date(m.pausedUntil) : '' })
      : t('panel.member', { version: m.consentVersion })),
    el('h2', t('panel.yourChoices')),
    themes(m),
    moments(m),
    el('button', t('panel.save'), { type: 'submit' }),
  ].filter(Boolean), { novalidate: true });
  onSubmit(form, () => call('PUT', base() + '/preferences', { body: {
    interests: chosen(form, 'interests'), preferredMoments: chosen(form, 'moments'),
  } }), 'panel.saved');
  return { form, state: 'member' };
}

/** The page for the membership as the server has it now. */
function render(m) {
  chooseLanguage(m.language);
  let content;
  if (m.status === 'LEFT') {
    content = { form: el('div', [el('h2', t('panel.leftTitle')), el('p', t('panel.left'))]), state: 'left' };
  } else if (m.status === 'INVITED') {
    content = joinForm(m);
  } else if (m.consentVersion !== m.currentConsentVersion) {
    content = reconsentForm(m); // a new text: active members and those paused until they consent again
  } else {
    content = memberForm(m);
  }
  show('about', header(m));
  show('action', [content.form]);
  settled(content.state);
}


async function main() {
  chooseLanguage();
  if (!token) {
    askForCode('panel'); // from a letter: its short code stands for the link
    return;
  }
  loading(true);
  let membership;
  try {
    membership = await call('GET', base());
  } catch (e) {
    loading(false);
    if (askAgainForUnknownCode('panel', e)) return;
    showFailure(e, t('panel.unknownLink'));
    return;
  }
  loading(false);
  render(membership);
}

main();
