// The page's own texts (SurveyJS brings its buttons' texts itself: survey-core/i18n; the PWE widget its own, in
// pwe.js). Dutch and English; any other language falls back to English.

const TEXTS = {
  nl: {
    codeLabel: 'Heeft u een brief gekregen? Typ de code die onder de QR-code staat',
    codeSubmit: 'Naar de vragenlijst',
    codeUnknown: 'Deze code kennen we niet. Kijk nog eens goed op uw brief en typ de code opnieuw.',
    loading: 'De vragenlijst wordt geladen …',
    goal: 'Doel', canInfluence: 'Waar u invloed op heeft', cannotInfluence: 'Waar u geen invloed op heeft',
    outcomeUse: 'Wat er met de uitkomst gebeurt', outcomeBy: 'U hoort uiterlijk {date} wat ermee is gedaan.',
    influence: 'Uw invloed: {level}.',
    levels: { INFORM: 'informeren', CONSULT: 'raadplegen', ADVISE: 'adviseren', CO_DECIDE: 'meebeslissen' },
    anonymous: 'Anoniem: niets koppelt uw antwoorden aan u.',
    pseudonymous: 'Uw antwoorden worden intern gekoppeld om deelname te tellen, maar nooit getoond met uw naam.',
    closes: 'Invullen kan tot {date}.',
    resumed: 'Uw eerder opgeslagen antwoorden zijn teruggezet.',
    saved: 'Tussentijds opgeslagen om {time}.',
    notSaved: 'Niet opgeslagen: {detail}',
    completed: 'U heeft deze vragenlijst al ingevuld. Dank u wel!',
    submitted: 'Verzonden op {date}. Dank u wel voor uw antwoorden!',
    problem: '{title}: {detail}',
    language: 'Taal',
    askedBy: { corporation: 'Vraag van de corporatie', 'tenant-organisation': 'Vraag van de huurdersorganisatie' },
  },
  en: {
    codeLabel: 'Did you get a letter? Type the code printed under the QR code',
    codeSubmit: 'To the questionnaire',
    codeUnknown: 'We do not know this code. Please check your letter and type the code again.',
    loading: 'Loading the questionnaire …',
    goal: 'Goal', canInfluence: 'What you can influence', cannotInfluence: 'What you cannot influence',
    outcomeUse: 'What happens with the outcome', outcomeBy: 'You will hear by {date} what was done with it.',
    influence: 'Your influence: {level}.',
    levels: { INFORM: 'inform', CONSULT: 'consult', ADVISE: 'advise', CO_DECIDE: 'co-decide' },
    anonymous: 'Anonymous: nothing links your answers to you.',
    pseudonymous: 'Your answers are linked internally to count participation, never shown with your name.',
    closes: 'Open until {date}.',
    resumed: 'Your saved answers were restored.',
    saved: 'Draft saved at {time}.',
    notSaved: 'Not saved: {detail}',
    completed: 'You have already answered this questionnaire. Thank you!',
    submitted: 'Submitted on {date}. Thank you for your answers!',
    problem: '{title}: {detail}',
    language: 'Language',
    askedBy: { corporation: 'Asked by the housing corporation', 'tenant-organisation': 'Asked by the tenant organisation' },
  },
};

let defaultLanguage = 'nl';

/** The language SurveyJS calls "default" (the consultation's first language). */
export function setDefaultLanguage(language) {
  defaultLanguage = language;
}

export function text(locale, key, vars = {}) {
  const lang = !locale || locale === 'default' ? defaultLanguage : locale;
  const value = (TEXTS[lang] || TEXTS.en)[key] ?? TEXTS.en[key] ?? key;
  return typeof value === 'string' ? value.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '') : value;
}
