package nl.meedoen.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The few words a tenant reads outside the message templates (the unsubscribe page, the opt-out scopes, the caption
 * beside a letter's QR code), in the template languages: {@code tenant-texts/<language>.properties}. A tenant's language
 * falls back as for templates: their language, else English, else Dutch; no language at all is Dutch.
 */
public final class TenantTexts {

    private static final Map<String, Properties> TEXTS = load();

    private TenantTexts() {}

    /** The text for the key in the tenant's language (or the fallback); the key itself if no language has it. */
    public static String text(String language, String key) {
        for (String l : chain(language)) {
            String value = TEXTS.get(l).getProperty(key);
            if (value != null) {
                return value;
            }
        }
        return key;
    }

    /** The language the texts are shown in for a tenant's language: theirs when there are texts in it, else English. */
    public static String shownIn(String language) {
        return chain(language).get(0);
    }

    /** {@code rtl} for a language written right to left, else {@code ltr}: for an HTML page's {@code dir}. */
    public static String direction(String language) {
        return DefaultTemplates.RIGHT_TO_LEFT.contains(shownIn(language)) ? "rtl" : "ltr";
    }

    /** No language known: Dutch, the platform's default; a language without texts: English, then Dutch. */
    private static List<String> chain(String language) {
        if (language == null) {
            return List.of("nl");
        }
        return TEXTS.containsKey(language) ? List.of(language, "en", "nl") : List.of("en", "nl");
    }

    private static Map<String, Properties> load() {
        Map<String, Properties> texts = new HashMap<>();
        for (String language : DefaultTemplates.LANGUAGES) {
            try (InputStream in = TenantTexts.class.getResourceAsStream("/tenant-texts/" + language + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("no tenant-texts/" + language + ".properties");
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                texts.put(language, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(texts);
    }
}
