// The header the example pages share (served next to them by the gateway at /examples/shared/): the brand and the
// language switch, each language by its own name so a reader finds hers without reading the page's language first.
// One home for the public draw page and the SurveyJS frontend; each page keeps its own style.css.

/** The languages the pages are written in, each by its own name. */
export const LANGUAGE_NAMES = { nl: 'Nederlands', en: 'English', tr: 'Türkçe', ar: 'العربية', pl: 'Polski' };

/**
 * Puts the header at the top of the body, in place of the one there already: the brand and, for more than one
 * language, links to this page with ?lang= each of them (the current one marked with aria-current) in a nav named
 * {@code label}.
 */
export function pageHeader(languages = [], current = null, label = '') {
  const header = document.createElement('header');
  header.className = 'page-header';
  const brand = document.createElement('span');
  brand.className = 'brand';
  brand.textContent = 'Meedoen';
  header.append(brand);
  if (languages.length > 1) {
    const nav = document.createElement('nav');
    nav.className = 'languages';
    nav.setAttribute('aria-label', label);
    languages.forEach((language, i) => {
      if (i > 0) nav.append(' · ');
      const url = new URL(location.href);
      url.searchParams.set('lang', language);
      const a = document.createElement('a');
      a.href = url.toString();
      a.lang = language;
      a.hreflang = language;
      a.dir = 'auto'; // each name isolated, so the list keeps its order right to left too
      a.textContent = LANGUAGE_NAMES[language] || language.toUpperCase();
      if (language === current) a.setAttribute('aria-current', 'true');
      nav.append(a);
    });
    header.append(nav);
  }
  const old = document.querySelector('body > header.page-header');
  if (old) old.replaceWith(header);
  else document.body.prepend(header);
}
