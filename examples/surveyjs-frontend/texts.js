// The page's own texts (SurveyJS brings its buttons' texts itself: survey-core/i18n; the PWE widget its own, in
// pwe.js). Dutch, English, Turkish, Arabic (right to left) and Polish, the languages notification-service writes its
// messages in; any other language falls back to English.

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
  tr: {
    codeLabel: 'Mektup mu aldınız? QR kodunun altındaki kodu yazın',
    codeSubmit: 'Ankete git',
    codeUnknown: 'Bu kodu tanımıyoruz. Lütfen mektubunuza tekrar bakın ve kodu yeniden yazın.',
    loading: 'Anket yükleniyor …',
    goal: 'Amaç', canInfluence: 'Etkileyebileceğiniz konular', cannotInfluence: 'Etkileyemeyeceğiniz konular',
    outcomeUse: 'Sonuçla ne yapılacak', outcomeBy: 'Sonuçla ne yapıldığını en geç {date} tarihinde öğrenirsiniz.',
    influence: 'Etkiniz: {level}.',
    levels: { INFORM: 'bilgilendirme', CONSULT: 'görüş sorma', ADVISE: 'tavsiye verme', CO_DECIDE: 'birlikte karar verme' },
    anonymous: 'Anonim: yanıtlarınızı size bağlayan hiçbir şey yoktur.',
    pseudonymous: 'Katılımı saymak için yanıtlarınız içeride bağlanır, ama asla adınızla gösterilmez.',
    closes: '{date} tarihine kadar doldurabilirsiniz.',
    resumed: 'Daha önce kaydedilen yanıtlarınız geri yüklendi.',
    saved: 'Saat {time} itibarıyla kaydedildi.',
    notSaved: 'Kaydedilmedi: {detail}',
    completed: 'Bu anketi zaten doldurdunuz. Teşekkür ederiz!',
    submitted: '{date} tarihinde gönderildi. Yanıtlarınız için teşekkür ederiz!',
    problem: '{title}: {detail}',
    language: 'Dil',
    askedBy: { corporation: 'Konut şirketinin sorusu', 'tenant-organisation': 'Kiracılar derneğinin sorusu' },
  },
  ar: {
    codeLabel: 'هل وصلتك رسالة ورقية؟ اكتب الرمز المطبوع تحت رمز QR',
    codeSubmit: 'إلى الاستبيان',
    codeUnknown: 'لا نعرف هذا الرمز. انظر جيدًا إلى رسالتك واكتب الرمز مرة أخرى.',
    loading: 'جارٍ تحميل الاستبيان …',
    goal: 'الهدف', canInfluence: 'ما يمكنك التأثير فيه', cannotInfluence: 'ما لا يمكنك التأثير فيه',
    outcomeUse: 'ماذا سيحدث بالنتيجة', outcomeBy: 'ستعرف في موعد أقصاه {date} ماذا فُعل بها.',
    influence: 'تأثيرك: {level}.',
    levels: { INFORM: 'إعلام', CONSULT: 'استشارة', ADVISE: 'تقديم المشورة', CO_DECIDE: 'المشاركة في القرار' },
    anonymous: 'مجهول الهوية: لا شيء يربط إجاباتك بك.',
    pseudonymous: 'تُربط إجاباتك داخليًا لعدّ المشاركة، لكنها لا تُعرض أبدًا مع اسمك.',
    closes: 'يمكنك الإجابة حتى {date}.',
    resumed: 'تمت استعادة إجاباتك المحفوظة سابقًا.',
    saved: 'تم الحفظ مؤقتًا في {time}.',
    notSaved: 'لم يتم الحفظ: {detail}',
    completed: 'لقد أجبت عن هذا الاستبيان من قبل. شكرًا لك!',
    submitted: 'أُرسل في {date}. شكرًا على إجاباتك!',
    problem: '{title}: {detail}',
    language: 'اللغة',
    askedBy: { corporation: 'سؤال من شركة الإسكان', 'tenant-organisation': 'سؤال من منظمة المستأجرين' },
  },
  pl: {
    codeLabel: 'Masz od nas list? Wpisz kod wydrukowany pod kodem QR',
    codeSubmit: 'Do ankiety',
    codeUnknown: 'Nie znamy tego kodu. Sprawdź dokładnie list i wpisz kod ponownie.',
    loading: 'Ankieta się ładuje …',
    goal: 'Cel', canInfluence: 'Na co masz wpływ', cannotInfluence: 'Na co nie masz wpływu',
    outcomeUse: 'Co się stanie z wynikiem', outcomeBy: 'Najpóźniej {date} dowiesz się, co z tym zrobiono.',
    influence: 'Twój wpływ: {level}.',
    levels: { INFORM: 'informowanie', CONSULT: 'konsultacja', ADVISE: 'doradzanie', CO_DECIDE: 'współdecydowanie' },
    anonymous: 'Anonimowo: nic nie łączy Twoich odpowiedzi z Tobą.',
    pseudonymous: 'Twoje odpowiedzi są wewnętrznie powiązane, aby liczyć udział, ale nigdy nie są pokazywane z Twoim nazwiskiem.',
    closes: 'Można wypełniać do {date}.',
    resumed: 'Twoje wcześniej zapisane odpowiedzi zostały przywrócone.',
    saved: 'Zapisano o {time}.',
    notSaved: 'Nie zapisano: {detail}',
    completed: 'Ta ankieta została już przez Ciebie wypełniona. Dziękujemy!',
    submitted: 'Wysłano {date}. Dziękujemy za odpowiedzi!',
    problem: '{title}: {detail}',
    language: 'Język',
    askedBy: { corporation: 'Pytanie spółdzielni mieszkaniowej', 'tenant-organisation': 'Pytanie organizacji najemców' },
  },
};

let defaultLanguage = 'nl';

/** The language SurveyJS calls "default" (the consultation's first language). */
export function setDefaultLanguage(language) {
  defaultLanguage = language;
}

/** Whether the page has its own texts in this language. */
export function hasTexts(language) {
  return Object.hasOwn(TEXTS, language);
}

/** The writing direction of a language: right to left for Arabic. */
export function direction(language) {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** For the browser test: the keys each language lacks (falling back to English). */
export function missingTexts() {
  const keys = Object.keys(TEXTS.en);
  return Object.fromEntries(Object.keys(TEXTS).map((l) => [l, keys.filter((k) => !Object.hasOwn(TEXTS[l], k))]));
}

export function text(locale, key, vars = {}) {
  const lang = !locale || locale === 'default' ? defaultLanguage : locale;
  const value = (TEXTS[lang] || TEXTS.en)[key] ?? TEXTS.en[key] ?? key;
  return typeof value === 'string' ? value.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '') : value;
}
