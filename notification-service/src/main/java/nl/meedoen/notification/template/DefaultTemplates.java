package nl.meedoen.notification.template;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.meedoen.commons.contracts.MessageKind;
import org.jboss.logging.Logger;

/**
 * The Dutch, English, Turkish, Arabic and Polish templates of every message kind the platform sends
 * ({@link MessageKind}). Installed as version 1
 * at startup where a kind/language has no version yet; a corporation's own versions always win.
 *
 * <p>The texts are resource files, one directory per kind under {@value #DIRECTORY}: {@code <language>.txt} holds the
 * subject on its first line, an empty line, then the plain-text body (the file's final line break is not part of it);
 * {@code sample.properties} the sample value of each of the kind's placeholders (UTF-8). A kind that is not transactional
 * gets the opt-out footer of {@code <language>.footer.txt} after an empty line. The HTML part is made from the text.
 */
@ApplicationScoped
public class DefaultTemplates {

    private static final Logger LOG = Logger.getLogger(DefaultTemplates.class);

    static final String DIRECTORY = "default-templates/";

    /** The languages every kind has a default template in. */
    public static final List<String> LANGUAGES = List.of("nl", "en", "tr", "ar", "pl");

    /** The languages written right to left: their HTML part carries {@code dir="rtl"}. */
    static final List<String> RIGHT_TO_LEFT = List.of("ar");

    /** One language's subject and plain-text body (without the opt-out footer). */
    public record Text(String subject, String body) {}

    /** One message kind: its placeholders with sample values (in the kind's order) and its text per language. */
    public record Kind(String key, boolean transactional, Map<String, Object> sampleData, Map<String, Text> texts) {}

    private static final Map<String, String> FOOTERS = footers();

    public static final List<Kind> KINDS =
            Arrays.stream(MessageKind.values()).map(DefaultTemplates::load).toList();

    @Inject
    TemplateService templates;

    void install(@Observes StartupEvent event) {
        int installed = QuarkusTransaction.requiringNew().call(() -> {
            int n = 0;
            for (Kind kind : KINDS) {
                for (String language : LANGUAGES) {
                    if (templates.latest(kind.key(), language).isEmpty()) {
                        templates.insert(kind.key(), language, 1, request(kind, language));
                        n++;
                    }
                }
            }
            return n;
        });
        if (installed > 0) {
            LOG.infof("installed %d default templates", installed);
        }
    }

    public static TemplateRequest request(Kind kind, String language) {
        Text text = kind.texts().get(language);
        String body = text.body() + (kind.transactional() ? "" : "\n\n" + FOOTERS.get(language));
        return new TemplateRequest(text.subject(), html(body, language), body, kind.sampleData());
    }

    /**
     * The HTML part: paragraphs and line breaks of the text, links made clickable; the document's language in
     * {@code lang}, and {@code dir="rtl"} for a language written right to left (Arabic).
     */
    static String html(String text, String language) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language);
        if (RIGHT_TO_LEFT.contains(language)) {
            html.append("\" dir=\"rtl");
        }
        html.append("\"><body>\n");
        for (String paragraph : text.split("\n\n")) {
            String p = paragraph
                    .replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\n", "<br>\n");
            Matcher m = Pattern.compile("\\{([A-Za-z]+Url)}").matcher(p);
            p = m.replaceAll("<a href=\"{$1}\">{$1}</a>");
            if (paragraph.contains("{unsubscribeUrl}")) {
                p = "<small>" + p + "</small>";
            }
            // a paragraph that is one placeholder holds the sender's plain text (an outcome, a body): keep its line
            // breaks
            String style = paragraph.matches("\\{[A-Za-z]+}") ? " style=\"white-space:pre-line\"" : "";
            html.append("<p").append(style).append(">").append(p).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Reads one kind's texts and sample data; a missing file or a placeholder without a sample stops the start. */
    static Kind load(MessageKind kind) {
        String dir = DIRECTORY + kind.key() + "/";
        Map<String, Text> texts = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            String file = read(dir + language + ".txt");
            int blank = file.indexOf("\n\n");
            if (blank < 0 || file.substring(0, blank).contains("\n")) {
                throw new IllegalStateException(
                        dir + language + ".txt: the subject line, an empty line, then the body");
            }
            texts.put(language, new Text(file.substring(0, blank), file.substring(blank + 2)));
        }
        Properties samples = new Properties();
        try {
            samples.load(new StringReader(read(dir + "sample.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!samples.stringPropertyNames().equals(new HashSet<>(kind.placeholders()))) {
            throw new IllegalStateException(dir + "sample.properties: a sample value for each of " + kind.placeholders()
                    + " and nothing else, not " + samples.stringPropertyNames());
        }
        Map<String, Object> sampleData = new LinkedHashMap<>();
        kind.placeholders().forEach(p -> sampleData.put(p, samples.getProperty(p)));
        return new Kind(kind.key(), kind.transactional(), sampleData, texts);
    }

    private static Map<String, String> footers() {
        Map<String, String> footers = new LinkedHashMap<>();
        LANGUAGES.forEach(l -> footers.put(l, read(DIRECTORY + l + ".footer.txt")));
        return footers;
    }

    /** A resource as UTF-8 text with LF line breaks, without its final line break. */
    static String read(String resource) {
        try (InputStream in = DefaultTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no default template file " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
