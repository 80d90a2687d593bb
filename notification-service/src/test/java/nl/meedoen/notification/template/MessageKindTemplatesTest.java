package nl.meedoen.notification.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import nl.meedoen.commons.contracts.MessageKind;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MessageKind} holds on notification-service's side: every kind has its default template in
 * every supported language, with exactly the kind's placeholders — it uses no other (besides the standard ones filled
 * in per recipient) and each of them somewhere, so a sender supplying them is enough and none is asked for in vain.
 */
class MessageKindTemplatesTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void everyKindHasADefaultTemplateInEveryLanguage() {
        assertEquals(
                Arrays.stream(MessageKind.values()).map(MessageKind::key).toList(),
                DefaultTemplates.KINDS.stream().map(DefaultTemplates.Kind::key).toList());
        for (var kind : DefaultTemplates.KINDS) {
            assertEquals(DefaultTemplates.LANGUAGES, List.copyOf(kind.texts().keySet()), kind.key());
        }
    }

    @Test
    void everyTemplateUsesExactlyItsKindsPlaceholders() {
        for (MessageKind kind : MessageKind.values()) {
            var defaults = DefaultTemplates.KINDS.get(kind.ordinal());
            assertEquals(kind.transactional(), defaults.transactional(), kind.key());
            assertEquals(kind.placeholders(), List.copyOf(defaults.sampleData().keySet()), kind.key());
            for (String language : DefaultTemplates.LANGUAGES) {
                TemplateRequest t = DefaultTemplates.request(defaults, language);
                // only: anything but the declared placeholders and the standard variables is refused
                assertEquals(
                        List.of(),
                        renderer.check(t.subject(), t.html(), t.text(), t.sampleData()),
                        kind.key() + " " + language);
                // at least: each declared placeholder appears in the subject or the text
                for (String placeholder : kind.placeholders()) {
                    assertTrue(
                            (t.subject() + t.text()).contains("{" + placeholder + "}"),
                            kind.key() + " " + language + " does not use {" + placeholder + "}");
                }
            }
        }
    }

    @Test
    void theHtmlPartOfAnArabicTemplateIsRightToLeftAndTheOthersAreNot() {
        for (var kind : DefaultTemplates.KINDS) {
            for (String language : DefaultTemplates.LANGUAGES) {
                TemplateRequest t = DefaultTemplates.request(kind, language);
                boolean rtl = language.equals("ar");
                assertTrue(
                        t.html().contains("<html lang=\"" + language + "\"" + (rtl ? " dir=\"rtl\">" : ">")),
                        kind.key() + " " + language + ": " + t.html());
                assertEquals(rtl, t.html().contains("dir=\"rtl\""), kind.key() + " " + language);
                assertTrue(!t.text().contains("dir="), "the plain text stays as it is");
            }
        }
    }

    @Test
    void everyTranslationUsesEachPlaceholderAsOftenAsTheDutchText() {
        java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("\\{[A-Za-z]+}");
        for (var kind : DefaultTemplates.KINDS) {
            var dutch = DefaultTemplates.request(kind, "nl");
            List<String> expected = placeholder
                    .matcher(dutch.subject() + "\n" + dutch.text())
                    .results()
                    .map(java.util.regex.MatchResult::group)
                    .sorted()
                    .toList();
            for (String language : DefaultTemplates.LANGUAGES) {
                var t = DefaultTemplates.request(kind, language);
                assertEquals(
                        expected,
                        placeholder
                                .matcher(t.subject() + "\n" + t.text())
                                .results()
                                .map(java.util.regex.MatchResult::group)
                                .sorted()
                                .toList(),
                        kind.key() + " " + language);
            }
        }
    }
}
