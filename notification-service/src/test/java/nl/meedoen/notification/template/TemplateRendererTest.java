package nl.meedoen.notification.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void everyDefaultTemplateIsValidAndRendersItsSampleData() {
        for (var kind : DefaultTemplates.KINDS) {
            for (String language : new String[] {"nl", "en"}) {
                TemplateRequest t = DefaultTemplates.request(kind, language);
                assertEquals(java.util.List.of(), renderer.check(t.subject(), t.html(), t.text(), t.sampleData()), kind.key());
                var rendered = renderer.render(renderer.compile(t.subject(), t.html(), t.text()), t.sampleData(), "Anna", "https://u/x");
                assertTrue(!rendered.subject().contains("{") && !rendered.text().contains("{"), kind.key() + ": " + rendered);
                assertEquals(!kind.transactional(), rendered.text().contains("https://u/x"), kind.key() + " unsubscribe link");
            }
        }
    }

    @Test
    void unknownPlaceholdersAreNamed() {
        var errors = renderer.check("Hi {name}", "<p>{x}</p>", "{x} {y.z}", Map.of("x", "1"));
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("subject", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("'name'"));
        assertEquals("text", errors.get(1).field());
        assertTrue(errors.get(1).message().contains("'y'"));
    }

    @Test
    void loopAndLetAliasesAreKnownButMisspelledPropertiesAreNot() {
        Map<String, Object> sample = Map.of("items", java.util.List.of(Map.of("title", "a")));
        assertEquals(0, renderer.check("s", "{#for i in items}{i.title}{i_count}{/for}", "{#each items}{it.title}{/each}{#let n=1}{n}{/let}", sample).size());
        var errors = renderer.check("s", "{#for i in items}{i.titel}{/for}", "t", sample);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("i.titel"), errors.toString());
    }

    @Test
    void htmlIsEscapedTextIsNot() {
        var compiled = renderer.compile("{v}", "<p>{v}</p>", "{v}");
        var rendered = renderer.render(compiled, Map.of("v", "a & <b>"), "n", null);
        assertEquals("<p>a &amp; &lt;b&gt;</p>", rendered.html());
        assertEquals("a & <b>", rendered.text());
    }
}
