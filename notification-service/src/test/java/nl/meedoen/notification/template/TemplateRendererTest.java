package nl.meedoen.notification.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void everyDefaultTemplateIsValidAndRendersItsSampleData() {
        for (var kind : DefaultTemplates.KINDS) {
            for (String language : new String[] {"nl", "en"}) {
                TemplateRequest t = DefaultTemplates.request(kind, language);
                assertEquals(
                        java.util.List.of(),
                        renderer.check(t.subject(), t.html(), t.text(), t.sampleData()),
                        kind.key());
                var rendered = renderer.render(
                        renderer.compile(t.subject(), t.html(), t.text()), t.sampleData(), "Anna", "https://u/x");
                assertTrue(
                        !rendered.subject().contains("{") && !rendered.text().contains("{"),
                        kind.key() + ": " + rendered);
                assertEquals(
                        !kind.transactional(),
                        rendered.text().contains("https://u/x"),
                        kind.key() + " unsubscribe link");
            }
        }
    }

    /** The data recruitment-service sends (Seating.message, Draws.outcome): title, theme and the kind's own placeholder. */
    private TemplateViews.Rendered renderDefault(String key, String language, Map<String, Object> data) {
        var kind = DefaultTemplates.KINDS.stream()
                .filter(k -> k.key().equals(key))
                .findFirst()
                .orElseThrow();
        TemplateRequest t = DefaultTemplates.request(kind, language);
        assertEquals(java.util.List.of(), renderer.check(t.subject(), t.html(), t.text(), data), key + " with " + data);
        return renderer.render(renderer.compile(t.subject(), t.html(), t.text()), data, "Anna", null);
    }

    @Test
    void seatsGivenWithoutALotteryRenderWithRecruitmentsDataAndNeverMentionTheLottery() {
        String title = "Huurdersraad Vogelbuurt";
        var seated = Map.<String, Object>of(
                "campaignTitle",
                title,
                "theme",
                "renovatie",
                "nextSteps",
                "2027-06-12T17:30Z Buurthuis De Vogel, Merelstraat 1");
        var waitlisted =
                Map.<String, Object>of("campaignTitle", title, "theme", "renovatie", "waitlistPosition", "347");
        var notSeated = Map.<String, Object>of("campaignTitle", title, "theme", "renovatie");
        for (String language : new String[] {"nl", "en"}) {
            var r = renderDefault("recruitment.seated", language, seated);
            assertTrue(
                    r.subject().contains(title)
                            && r.text().contains("Buurthuis De Vogel")
                            && r.text().contains("Anna"),
                    r.text());
            assertTrue(r.html().contains("Buurthuis De Vogel"), r.html());
            var w = renderDefault("recruitment.waitlisted", language, waitlisted);
            assertTrue(w.text().contains(title) && w.text().contains("347"), w.text());
            var n = renderDefault("recruitment.not-seated", language, notSeated);
            assertTrue(n.text().contains(title), n.text());
            for (var m : java.util.List.of(r, w, n)) {
                String all = (m.subject() + m.text()).toLowerCase();
                assertTrue(
                        !all.contains("loting")
                                && !all.contains("draw")
                                && !all.contains("gekozen")
                                && !all.contains("selected"),
                        m.text());
                assertTrue(!m.text().contains("https://"), "transactional: no unsubscribe link: " + m.text());
            }
        }
    }

    @Test
    void aWaitlistPlaceHundredsDeepAfterADrawPromisesNoCallForEveryPlaceThatComesFree() {
        var data = Map.<String, Object>of(
                "campaignTitle",
                "Huurdersraad Vogelbuurt",
                "theme",
                "renovatie",
                "waitlistPosition",
                "347",
                "pseudonym",
                "9b1c2f4e-7a3d-4c5b-8e6f-0a1b2c3d4e5f",
                "drawUrl",
                "https://meedoen.example.nl/loting#3b0f6a8e");
        var nl = renderDefault("recruitment.draw-waitlisted", "nl", data);
        assertTrue(nl.text().contains("plaats 347") && nl.text().contains("loting"), nl.text());
        assertTrue(nl.text().contains("Alleen als u een plaats krijgt, nemen we contact met u op"), nl.text());
        // the public draw page and the tenant's own number in it, to find themselves in the published draw
        assertTrue(
                nl.text().contains("Controleer de loting zelf: https://meedoen.example.nl/loting#3b0f6a8e")
                        && nl.text().contains("Uw lotnummer is 9b1c2f4e-7a3d-4c5b-8e6f-0a1b2c3d4e5f"),
                nl.text());
        var en = renderDefault("recruitment.draw-waitlisted", "en", data);
        assertTrue(
                en.text().contains("number 347") && en.text().contains("We will only contact you if you get a place"),
                en.text());
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
        assertEquals(
                0,
                renderer.check(
                                "s",
                                "{#for i in items}{i.title}{i_count}{/for}",
                                "{#each items}{it.title}{/each}{#let n=1}{n}{/let}",
                                sample)
                        .size());
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

    @Test
    void feedbackAndTenantOrganisationMessagesRenderTheSendersDataWithItsLineBreaksAndAnUnsubscribeLink() {
        String outcome = "1. Meer groen: overgenomen.\n2. Fietsenstalling: niet overgenomen, want <geen ruimte>.";
        var cases = Map.<String, Map<String, Object>>of(
                "recruitment.feedback", Map.of("campaignTitle", "Focusgroep huurbeleid", "outcome", outcome),
                "consultation.advice-feedback",
                        Map.of(
                                "consultationTitle",
                                "Peiling huurbeleid",
                                "subject",
                                "Huurbeleid 2028",
                                "outcome",
                                outcome),
                "tenant-organisation.message",
                        Map.of("organisationName", "HV De Vogel", "subject", "Ledenavond", "body", outcome));
        for (var c : cases.entrySet()) {
            for (String language : new String[] {"nl", "en"}) {
                var kind = DefaultTemplates.KINDS.stream()
                        .filter(k -> k.key().equals(c.getKey()))
                        .findFirst()
                        .orElseThrow();
                TemplateRequest t = DefaultTemplates.request(kind, language);
                assertEquals(
                        java.util.List.of(), renderer.check(t.subject(), t.html(), t.text(), c.getValue()), c.getKey());
                var r = renderer.render(
                        renderer.compile(t.subject(), t.html(), t.text()), c.getValue(), "Anna", "https://u/x");
                assertTrue(r.text().contains(outcome), r.text());
                assertTrue(
                        r.html()
                                .contains(
                                        "<p style=\"white-space:pre-line\">1. Meer groen: overgenomen.\n2. Fietsenstalling: niet overgenomen, want &lt;geen ruimte&gt;.</p>"),
                        r.html());
                assertTrue(r.text().contains("https://u/x"), "not transactional: an unsubscribe link");
            }
        }
        var cancelled = DefaultTemplates.KINDS.stream()
                .filter(k -> k.key().equals("recruitment.campaign-cancelled"))
                .findFirst()
                .orElseThrow();
        assertTrue(cancelled.transactional());
        assertEquals(
                java.util.Set.of("campaignTitle", "reason"),
                cancelled.sampleData().keySet());
    }
}
