// A short code as a tenant types it from her letter, made ready to send: the APIs read case, spaces, dashes and
// look-alike letters generously, but a code goes in a URL or an HTTP header, and a header carries Latin characters
// only. So digits typed on an Arabic or Persian keyboard (٣, ۳) or full width (３) become the digits they are here.
// One home for the tenant pages and the SurveyJS frontend.

const OTHER_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g;

/** Whether what came after '#' was typed from a letter: a code is at most 16 characters, a link's token 43. */
export function isTypedCode(value) {
  return value.length > 0 && value.length <= 16;
}

/** The typed code, trimmed, with every digit a Latin one (each of those blocks runs 0–9 in its last four bits). */
export function typedCode(value) {
  return value.trim().replace(OTHER_DIGITS, (d) => String.fromCharCode(48 + (d.charCodeAt(0) & 0xf)));
}
