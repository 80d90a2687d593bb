package nl.meedoen.consultation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table of fixed phrases a feature adds to a consultation's own texts (the paper form's instructions, a PWE block's
 * rules in words, what the stock SurveyJS form adds), per language: the five tenants read, Dutch, English, Turkish,
 * Arabic and Polish. A consultation may be in another language: it gets its own texts in it and these in English.
 * {@link #gaps} is what a test checks, so no language can lack a phrase or a placeholder of the Dutch.
 */
public record Phrases(Map<String, Map<String, String>> byLanguage) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z]+}");

    /** The phrase in {@code language}, else in English. */
    public String get(String language, String key) {
        return byLanguage.getOrDefault(language, byLanguage.get("en")).get(key);
    }

    /** Whether the phrases are in {@code language} itself (not the English ones instead). */
    public boolean has(String language) {
        return byLanguage.containsKey(language);
    }

    /** Each key of the Dutch table another language lacks, or writes with other placeholders; empty when none. */
    public List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        Map<String, String> dutch = byLanguage.get("nl");
        byLanguage.forEach((language, phrases) -> dutch.forEach((key, phrase) -> {
            String translated = phrases.get(key);
            if (translated == null) {
                gaps.add(language + " lacks " + key);
            } else if (!placeholders(translated).equals(placeholders(phrase))) {
                gaps.add(language + " " + key + " has " + placeholders(translated) + ", nl " + placeholders(phrase));
            }
        }));
        return gaps;
    }

    private static TreeSet<String> placeholders(String phrase) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(phrase);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
