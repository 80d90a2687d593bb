// The PWE block (Participatory Value Evaluation) as a SurveyJS question type "pwe". One file, no imports: any
// SurveyJS frontend can include it (README, "The PWE widget in your own frontend").
//
// Meedoen's SurveyJS export writes the block as {"type":"pwe","name":...,"pwe":{options, constraint, ...}}.
// SurveyJS knows no such type, so we register it as a class derived from "empty" (a question without
// its own input) and draw it with a custom widget: one checkbox per option with its cost, pros, cons and
// effects, motivations, and a live line with what the portfolio spends and what is left of the budget.
// The value is exactly what the respondent API expects: {chosen: [...], motivations: {...}, overallMotivation}.
// Only the server decides whether a portfolio is allowed: over budget is shown here, not blocked.
// Its texts are Dutch, English, Turkish, Arabic and Polish; any other language gets the English ones.

const TEXTS = {
  nl: {
    pweBudget: 'Budget {budget} · gekozen {spent} · over {left}',
    pweOver: 'Budget {budget} · gekozen {spent} · {left} te veel',
    pweTarget: 'Doel {target} · bereikt {reached} · nog nodig {missing}',
    pweResource: '{name}: {used} van {max}',
    pweCost: 'kost {cost}', pweAmount: '{amount} {quantity}',
    pwePros: 'Voordelen', pweCons: 'Nadelen', pweEffects: 'Gevolgen',
    pweMotivation: 'Waarom kiest u {option}?', pweWhy: 'Waarom? (niet verplicht)', pweWhyRequired: 'Waarom? (verplicht)',
    pweOverall: 'Toelichting op uw keuze', pweChoose: 'Kies {min} tot {max} opties.',
    pweExclusive: 'Hoogstens één van: {options}.', pweTogether: 'Alleen samen: {options}.',
  },
  en: {
    pweBudget: 'Budget {budget} · chosen {spent} · left {left}',
    pweOver: 'Budget {budget} · chosen {spent} · {left} over budget',
    pweTarget: 'Target {target} · reached {reached} · still needed {missing}',
    pweResource: '{name}: {used} of {max}',
    pweCost: 'costs {cost}', pweAmount: '{amount} {quantity}',
    pwePros: 'Pros', pweCons: 'Cons', pweEffects: 'Effects',
    pweMotivation: 'Why do you choose {option}?', pweWhy: 'Why? (optional)', pweWhyRequired: 'Why? (required)',
    pweOverall: 'Explain your choice', pweChoose: 'Choose {min} to {max} options.',
    pweExclusive: 'At most one of: {options}.', pweTogether: 'Only together: {options}.',
  },
  tr: {
    pweBudget: 'Bütçe {budget} · seçilen {spent} · kalan {left}',
    pweOver: 'Bütçe {budget} · seçilen {spent} · {left} fazla',
    pweTarget: 'Hedef {target} · ulaşılan {reached} · eksik {missing}',
    pweResource: '{name}: {used} / {max}',
    pweCost: 'maliyeti {cost}', pweAmount: '{amount} {quantity}',
    pwePros: 'Artıları', pweCons: 'Eksileri', pweEffects: 'Sonuçları',
    pweMotivation: '{option} seçeneğini neden seçiyorsunuz?', pweWhy: 'Neden? (isteğe bağlı)', pweWhyRequired: 'Neden? (zorunlu)',
    pweOverall: 'Seçiminizi açıklayın', pweChoose: '{min} ile {max} arasında seçenek seçin.',
    pweExclusive: 'Bunlardan en fazla biri: {options}.', pweTogether: 'Yalnızca birlikte: {options}.',
  },
  ar: {
    pweBudget: 'الميزانية {budget} · المختار {spent} · المتبقي {left}',
    pweOver: 'الميزانية {budget} · المختار {spent} · زيادة {left}',
    pweTarget: 'الهدف {target} · تحقق {reached} · ما زال ناقصًا {missing}',
    pweResource: '{name}: {used} من {max}',
    pweCost: 'التكلفة {cost}', pweAmount: '{amount} {quantity}',
    pwePros: 'الإيجابيات', pweCons: 'السلبيات', pweEffects: 'النتائج',
    pweMotivation: 'لماذا تختار {option}؟', pweWhy: 'لماذا؟ (اختياري)', pweWhyRequired: 'لماذا؟ (إلزامي)',
    pweOverall: 'اشرح اختيارك', pweChoose: 'اختر من {min} إلى {max} خيارات.',
    pweExclusive: 'واحد على الأكثر من: {options}.', pweTogether: 'معًا فقط: {options}.',
  },
  pl: {
    pweBudget: 'Budżet {budget} · wybrano {spent} · zostało {left}',
    pweOver: 'Budżet {budget} · wybrano {spent} · {left} ponad budżet',
    pweTarget: 'Cel {target} · osiągnięto {reached} · brakuje {missing}',
    pweResource: '{name}: {used} z {max}',
    pweCost: 'koszt {cost}', pweAmount: '{amount} {quantity}',
    pwePros: 'Zalety', pweCons: 'Wady', pweEffects: 'Skutki',
    pweMotivation: 'Dlaczego wybierasz {option}?', pweWhy: 'Dlaczego? (nieobowiązkowo)', pweWhyRequired: 'Dlaczego? (obowiązkowo)',
    pweOverall: 'Uzasadnij swój wybór', pweChoose: 'Wybierz od {min} do {max} opcji.',
    pweExclusive: 'Najwyżej jedna z: {options}.', pweTogether: 'Tylko razem: {options}.',
  },
};

/** Per language, the texts it lacks (the browser test wants none). */
export function missingPweTexts() {
  const keys = Object.keys(TEXTS.nl);
  return Object.fromEntries(Object.entries(TEXTS).map(([l, texts]) => [l, keys.filter((k) => !Object.hasOwn(texts, k))]));
}

let surveyJs = null;

/** A text in the survey's locale; SurveyJS' "default" is its defaultLocale (the consultation's first language). */
function text(locale, key, vars = {}) {
  const lang = !locale || locale === 'default' ? surveyJs?.surveyLocalization?.defaultLocale : locale;
  const value = (TEXTS[lang] || TEXTS.en)[key] ?? TEXTS.en[key] ?? key;
  return value.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

/** Registers the type "pwe" and its widget with the SurveyJS global (window.Survey, from survey-core's UMD build). */
export function registerPwe(Survey) {
  surveyJs = Survey;
  Survey.Serializer.addClass('pwe', [{ name: 'pwe', visible: false }], null, 'empty');
  Survey.CustomWidgetCollection.Instance.add({
    name: 'meedoen-pwe',
    isFit: (question) => question.getType() === 'pwe',
    htmlTemplate: '<div class="pwe"></div>',
    afterRender: (question, element) => {
      const root = element.classList.contains('pwe') ? element : element.querySelector('.pwe') || element;
      const draw = () => render(question, root);
      question.valueChangedCallback = draw;
      question.readOnlyChangedCallback = draw;
      draw();
    },
    willUnmount: (question) => {
      question.valueChangedCallback = undefined;
      question.readOnlyChangedCallback = undefined;
    },
  }, 'customtype');
}

/** A SurveyJS localisable string ({default, en, ...} or a plain string) in the survey's locale. */
function loc(value, locale) {
  if (value == null || typeof value === 'string') return value ?? '';
  return value[locale] ?? value.default ?? Object.values(value)[0] ?? '';
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) node.append(c);
  }
  return node;
}

/** What the chosen options spend (BUDGET) or reach (TARGET: the quantity, a resource, or the cost). */
export function measure(block, chosen, quantity) {
  return block.options.filter((o) => chosen.includes(o.id))
    .reduce((sum, o) => sum + (quantity ? (o.resources?.[quantity] ?? 0) : (o.cost ?? 0)), 0);
}

function current(question) {
  const v = question.value || {};
  return { chosen: [...(v.chosen || [])], motivations: { ...(v.motivations || {}) }, overallMotivation: v.overallMotivation };
}

/** Stores the answer; a portfolio with nothing in it is no answer (so "required" works as in SurveyJS). */
function store(question, v) {
  const motivations = Object.fromEntries(Object.entries(v.motivations).filter(([id, t]) => v.chosen.includes(id) && t && t.trim()));
  const answer = { chosen: v.chosen };
  if (Object.keys(motivations).length) answer.motivations = motivations;
  if (v.overallMotivation && v.overallMotivation.trim()) answer.overallMotivation = v.overallMotivation;
  question.value = v.chosen.length || answer.overallMotivation ? answer : undefined;
}

function fmt(n, locale) {
  return new Intl.NumberFormat(locale === 'default' || !locale ? undefined : locale, { maximumFractionDigits: 2 }).format(n);
}

function render(question, root) {
  const block = question.pwe || { options: [], constraint: {} };
  const locale = question.survey?.locale || 'default';
  const t = (key, vars) => text(locale, key, vars);
  const v = current(question);
  const readOnly = question.isReadOnly;
  const c = block.constraint || {};
  const limit = block.motivationMaxLength || 1000;
  // Keep focus and caret in a textarea while the widget is redrawn after each keystroke.
  const active = document.activeElement;
  const focusKey = root.contains(active) ? active.dataset.key : null;
  const caret = focusKey && 'selectionStart' in active ? active.selectionStart : null;

  const summary = el('p', { class: 'pwe-summary', 'aria-live': 'polite', 'data-testid': 'pwe-summary' });
  const resources = el('ul', { class: 'pwe-resources' });
  const update = () => {
    const spent = measure(block, v.chosen, c.type === 'TARGET' ? c.quantity : null);
    summary.classList.remove('pwe-over', 'pwe-short');
    if (c.type === 'TARGET') {
      const missing = (c.target ?? 0) - spent;
      summary.textContent = t('pweTarget', { target: fmt(c.target ?? 0, locale), reached: fmt(spent, locale),
        missing: fmt(Math.max(missing, 0), locale) });
      if (missing > 0) summary.classList.add('pwe-short');
    } else {
      const left = (c.budget ?? 0) - spent;
      summary.textContent = t(left < 0 ? 'pweOver' : 'pweBudget', { budget: fmt(c.budget ?? 0, locale), spent: fmt(spent, locale),
        left: fmt(Math.abs(left), locale) });
      if (left < 0) summary.classList.add('pwe-over');
    }
    resources.replaceChildren(...Object.entries(block.resourceLimits || {}).map(([name, max]) => {
      const used = measure(block, v.chosen, name);
      return el('li', { class: used > max ? 'pwe-over' : '' }, t('pweResource', { name, used: fmt(used, locale), max: fmt(max, locale) }));
    }));
  };

  const options = block.options.map((o) => {
    const chosen = v.chosen.includes(o.id);
    const list = (items, cls, label) => items?.length
      ? el('ul', { class: cls, 'aria-label': label }, items.map((x) => el('li', {}, loc(x, locale)))) : null;
    const motivation = chosen && block.optionMotivation !== 'NONE'
      ? el('textarea', {
        class: 'pwe-motivation', rows: 2, maxlength: limit, 'data-key': 'm:' + o.id, disabled: readOnly,
        'aria-label': t('pweMotivation', { option: loc(o.text, locale) }),
        placeholder: t(block.optionMotivation === 'REQUIRED' ? 'pweWhyRequired' : 'pweWhy'),
        oninput: (e) => { v.motivations[o.id] = e.target.value; store(question, v); },
      }) : null;
    if (motivation) motivation.value = v.motivations[o.id] || '';
    return el('li', { class: 'pwe-option' + (chosen ? ' pwe-chosen' : ''), 'data-option': o.id },
      el('label', {},
        el('input', { type: 'checkbox', value: o.id, checked: chosen, disabled: readOnly, 'data-key': 'c:' + o.id,
          onchange: (e) => {
            v.chosen = e.target.checked ? [...v.chosen, o.id] : v.chosen.filter((x) => x !== o.id);
            store(question, v);
          } }),
        el('span', { class: 'pwe-option-text' }, loc(o.text, locale)),
        el('span', { class: 'pwe-cost' }, c.type === 'TARGET' && c.quantity
          ? t('pweAmount', { amount: fmt(o.resources?.[c.quantity] ?? 0, locale), quantity: c.quantity })
          : t('pweCost', { cost: fmt(o.cost ?? 0, locale) }))),
      o.description ? el('p', { class: 'pwe-description' }, loc(o.description, locale)) : null,
      list(o.pros, 'pwe-pros', t('pwePros')), list(o.cons, 'pwe-cons', t('pweCons')), list(o.effects, 'pwe-effects', t('pweEffects')),
      motivation);
  });

  const rules = [];
  if (block.minOptions || block.maxOptions) {
    rules.push(t('pweChoose', { min: block.minOptions ?? 0, max: block.maxOptions ?? block.options.length }));
  }
  const nameOf = (id) => loc(block.options.find((o) => o.id === id)?.text, locale) || id;
  for (const g of block.exclusiveGroups || []) rules.push(t('pweExclusive', { options: g.map(nameOf).join(', ') }));
  for (const g of block.requiredTogether || []) rules.push(t('pweTogether', { options: g.map(nameOf).join(', ') }));

  let overall = null;
  if (block.overallMotivation !== 'NONE') {
    overall = el('textarea', {
      class: 'pwe-overall', rows: 3, maxlength: limit, 'data-key': 'overall', disabled: readOnly,
      'aria-label': t('pweOverall'), placeholder: t(block.overallMotivation === 'REQUIRED' ? 'pweWhyRequired' : 'pweWhy'),
      oninput: (e) => { v.overallMotivation = e.target.value; store(question, v); },
    });
    overall.value = v.overallMotivation || '';
  }

  root.replaceChildren(
    summary, resources,
    rules.length ? el('ul', { class: 'pwe-rules' }, rules.map((r) => el('li', {}, r))) : null,
    el('ul', { class: 'pwe-options' }, options),
    overall ? el('label', { class: 'pwe-overall-label' }, t('pweOverall'), overall) : null);
  update();
  if (focusKey) {
    const again = root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
    if (again) {
      again.focus();
      if (caret !== null && 'setSelectionRange' in again) again.setSelectionRange(caret, caret);
    }
  }
}
