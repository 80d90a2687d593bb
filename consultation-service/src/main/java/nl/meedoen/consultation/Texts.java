package nl.meedoen.consultation;

import java.util.Map;

/** Multilingual texts: a map from language code to text, with fallback to the default language. */
public final class Texts {

    private Texts() {}

    /** The text in {@code language}, else in {@code defaultLanguage}, else any; null when there is none. */
    public static String pick(Map<String, String> texts, String language, String defaultLanguage) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        String text = language == null ? null : texts.get(language);
        if (text == null) {
            text = texts.get(defaultLanguage);
        }
        return text != null ? text : texts.values().iterator().next();
    }
}
