// How the example pages look up their texts (each page's texts.js holds its own, by language then key, Dutch first and
// complete): a text missing in a language is shown in Dutch; a key is never shown.

const RIGHT_TO_LEFT = new Set(['ar']);

/** The writing direction of a language: right to left for Arabic. */
export function direction(language) {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/** The look-ups of these texts ({language: {key: text}}, Dutch first). */
export function lookUp(texts) {
  const languages = Object.keys(texts);
  return {
    /** The languages there are texts in, Dutch first. */
    LANGUAGES: languages,

    /**
     * The first of these languages (nl-BE counts as nl), then of the browser's, that there are texts in; else Dutch.
     */
    firstLanguage(...wanted) {
      return [...wanted, ...(globalThis.navigator?.languages || [])]
        .filter(Boolean)
        .map((l) => l.toLowerCase().split('-')[0])
        .find((l) => Object.hasOwn(texts, l)) || 'nl';
    },

    /** A text in the language, else in Dutch; {name} placeholders filled from vars. Never the key itself. */
    text(language, key, vars = {}) {
      const value = texts[language]?.[key] ?? texts.nl[key];
      if (value === undefined) {
        console.error('no text ' + key); // a page's mistake: show nothing rather than the key
        return '';
      }
      return typeof value === 'string' ? value.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '') : value;
    },

    /** For the browser tests: the keys each language lacks (falling back to Dutch). */
    missingTexts() {
      const keys = Object.keys(texts.nl);
      return Object.fromEntries(languages.map((l) => [l, keys.filter((k) => !Object.hasOwn(texts[l], k))]));
    },
  };
}
