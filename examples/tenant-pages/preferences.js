// Which messages a tenant wants: the landing of the opt-out link in every non-transactional mail.
// One click opts out of what the message was about; below it, the opt-outs per purpose.
//
// URL: voorkeuren.html#<token>. Without a token (the address a letter prints on its opt-out line) the page asks for the
// letter's opt-out code (K7QM-3XTR-9P); the API takes the code wherever it takes the token, so from then on the page
// works as from the link. Optional: ?api=<gateway URL> (default: this page's origin), ?lang=nl|en|tr|ar|pl.
//
// Opt-out API (notification-service, through the gateway); the signed token (or the letter's code) in the path is the
// credential:
//   GET  /api/v1/unsubscribe/{token}/preferences   language, the message's scope, every scope, the opted-out ones
//   POST /api/v1/unsubscribe/{token}               one click: opts out of the message's scope (RFC 8058)
//   PUT  /api/v1/unsubscribe/{token}/preferences   {optedOut: [...]}: opted out of those, in again to the others

import { askAgainForUnknownCode, askForCode, loading, refused, banner, call, chooseLanguage, el, settled, show, showFailure, t, token } from './common.js';
import { isTypedCode } from '../shared/short-code.js';

const base = () => '/api/v1/unsubscribe/' + encodeURIComponent(token);

/** The one-click button for the message's own scope, unless the tenant is out of it already. */
function oneClick(p) {
  const out = p.optedOut.includes(p.messageScope) || p.optedOut.includes('all');
  if (out) return el('p', t('prefs.alreadyOut', { scope: t('prefs.scope.' + p.messageScope) }), { class: 'outcome' });
  const button = el('button', t('prefs.oneClick', { scope: t('prefs.scope.' + p.messageScope) }), { type: 'button' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await call('POST', base());
      render(await call('GET', base() + '/preferences'));
      banner(t('prefs.unsubscribed'), 'success');
    } catch (e) {
      button.disabled = false;
      await refused(e, t('prefs.unknownLink'), async () => render(await call('GET', base() + '/preferences')));
    }
  });
  return button;
}

/** One checkbox per purpose, ticked when the tenant wants those messages; "all" is the last and stops everything. */
function form(p) {
  const purposes = p.scopes.filter((s) => s !== 'all');
  const box = (scope, checked, label) => el('div', [
    el('input', null, { type: 'checkbox', name: 'scope', value: scope, id: 'scope-' + scope, checked }),
    el('label', label, { for: 'scope-' + scope }),
  ], { class: 'choice' });
  const f = el('form', [
    el('h2', t('prefs.choose')),
    el('fieldset', [
      el('legend', t('prefs.want')),
      ...purposes.map((s) => box(s, !p.optedOut.includes(s), t('prefs.scope.' + s))),
    ]),
    el('fieldset', [
      el('legend', t('prefs.nothing')),
      box('all', p.optedOut.includes('all'), t('prefs.allOut')),
    ]),
    el('p', t('prefs.panelEnds'), { class: 'hint' }), // panel-service ends memberships on a panel or all opt-out
    el('p', t('prefs.always'), { class: 'hint' }),
    el('button', t('prefs.save'), { type: 'submit' }),
  ], { novalidate: true });
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const checked = new Set([...f.querySelectorAll('input[name=scope]:checked')].map((i) => i.value));
    const optedOut = p.scopes.filter((s) => (s === 'all' ? checked.has('all') : !checked.has(s)));
    f.querySelector('button[type=submit]').disabled = true;
    try {
      render(await call('PUT', base() + '/preferences', { body: { optedOut } }));
      banner(t('prefs.saved'), 'success');
    } catch (e) {
      f.querySelector('button[type=submit]').disabled = false;
      await refused(e, t('prefs.unknownLink'), async () => render(await call('GET', base() + '/preferences')));
    }
  });
  return f;
}

function render(p) {
  chooseLanguage(p.language);
  document.title = t('prefs.title');
  show('about', [
    el('h1', t('prefs.title')),
    el('p', t(isTypedCode(token) ? 'prefs.aboutLetter' : 'prefs.about', { scope: t('prefs.scope.' + p.messageScope) })),
    oneClick(p),
  ]);
  show('action', [form(p)]);
  settled(p.optedOut.length ? 'opted-out' : 'subscribed');
}


async function main() {
  chooseLanguage();
  if (!token) {
    askForCode('prefs'); // from a letter: its opt-out code stands for the link
    return;
  }
  loading(true);
  try {
    const p = await call('GET', base() + '/preferences');
    loading(false);
    render(p);
  } catch (e) {
    loading(false);
    if (askAgainForUnknownCode('prefs', e)) return;
    showFailure(e, t('prefs.unknownLink'));
  }
}

main();
