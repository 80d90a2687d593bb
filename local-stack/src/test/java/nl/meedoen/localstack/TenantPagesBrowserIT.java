package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reference pages of the links a tenant receives (examples/tenant-pages) in a real browser against the packaged
 * platform: each page is opened from the link in the real mail at the SMTP sink, once by a Dutch and once by an
 * Arabic-reading tenant (right to left), and driven by examples/tenant-pages/test/browser-test.mjs (Debian's
 * Chromium with playwright-core, axe-core on every page). The feedback page is opened from a five-language
 * consultation's feedback mails, and before publication and from a letter's code; the same consultation's survey page
 * (examples/surveyjs-frontend) from an Arabic reader's letter code, answered in Arabic, and once closed, the Dutch and
 * the Arabic reader's codes typed at /c lead to the feedback in their languages. A campaign's letter outreach gives
 * both a short code: each types hers on the sign-up page opened without a link (the Arabic reader right to left) and
 * signs up; so do two readers of panel invitation letters on the panel page, and join. The campaign letters, printed,
 * carry an opt-out code each: typed on the preferences page opened without a link, the Dutch reader opts out of what the
 * letter was about, the Arabic one of the panel. Then the API must show what the
 * browser did, and what the pages read must match the merged OpenAPI (ContractExtension).
 * Needs node and npm, like SurveyJsBrowserIT; fails, never skips, without them.
 */
@ExtendWith({PlatformExtension.class, ContractExtension.class})
class TenantPagesBrowserIT {

    private static final long BROWSER_TEST_MINUTES = 5;
    private static final String PANELS = "/api/v1/panels";

    @Test
    void tenantsFollowTheirMailedLinksToThePagesInDutchAndArabic(Platform platform) throws Exception {
        Path pages = platform.stack().settings().repoRoot().resolve("examples/tenant-pages");
        Path out = Path.of("target/tenant-pages-browser-test").toAbsolutePath();
        Files.createDirectories(out);
        given().baseUri(platform.gatewayUrl())
                .get(Stack.TENANT_PAGES + "aanmelden.html")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"));
        Map<String, String> environment = new LinkedHashMap<>();

        // Sign-up: a lottery campaign's outreach mailed to a Dutch and an Arabic reader
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        String neighbourhood = Journeys.neighbourhood();
        String dutch = Journeys.register(platform, "TP-" + tag + "-nl", complex, neighbourhood, 1970, 1, "nl");
        String arabic = Journeys.register(platform, "TP-" + tag + "-ar", complex, neighbourhood, 1990, 2, "ar");
        Journeys.awaitPopulation(platform, "campaigns", List.of(dutch, arabic));
        String title = "Klankbord " + tag;
        String campaign = Journeys.openCampaign(platform, Journeys.campaign(title, 4, complex));
        JsonPath outreach = Journeys.awaitJob(
                platform,
                platform.api()
                        .body(Map.of("source", "MAILING"))
                        .post("/api/v1/campaigns/" + campaign + "/outreach")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals(2, outreach.getInt("result.messaged"), outreach.prettify());
        Map<String, SmtpSink.Mail> mails = Journeys.awaitMails(platform, List.of(dutch, arabic), title);
        environment.put("SIGNUP_NL", link(mails.get(dutch), "aanmelden.html"));
        environment.put("SIGNUP_AR", link(mails.get(arabic), "aanmelden.html"));
        environment.put("CAMPAIGN_TITLE", title);

        // A second campaign's outreach by letter, to a Dutch and an Arabic reader of another complex (tenants of their
        // own: one more message would use up the contact budget the two above need for the consent renewal). Its QR
        // code
        // is the link, and for whoever has no phone to scan it, a short code to type on the sign-up page the letter
        // names; both come from the outreach's message requests (letters are printed, not mailed)
        String letterComplex = "CL-" + tag;
        String letterNeighbourhood = Journeys.neighbourhood();
        String letterNl =
                Journeys.register(platform, "TL-" + tag + "-nl", letterComplex, letterNeighbourhood, 1960, 1, "nl");
        String letterAr =
                Journeys.register(platform, "TL-" + tag + "-ar", letterComplex, letterNeighbourhood, 1980, 2, "ar");
        Journeys.awaitPopulation(platform, "campaigns", List.of(letterNl, letterAr));
        String codeTitle = "Klankbord per brief " + tag;
        String codeCampaign = Journeys.openCampaign(platform, Journeys.campaign(codeTitle, 4, letterComplex));
        JsonPath letterOutreach = Journeys.awaitJob(
                platform,
                platform.api()
                        .body(Map.of("source", "LETTER"))
                        .post("/api/v1/campaigns/" + codeCampaign + "/outreach")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location"));
        assertEquals(2, letterOutreach.getInt("result.messaged"), letterOutreach.prettify());
        Map<String, JsonPath> letterData = letterOutreach(platform, codeCampaign, List.of(letterNl, letterAr));
        String signupPage = letterData.get(letterNl).getString("data.codeUrl");
        assertEquals(platform.gatewayUrl() + Stack.TENANT_PAGES + "aanmelden.html", signupPage);
        assertEquals(signupPage, letterData.get(letterAr).getString("data.codeUrl"));
        environment.put("SIGNUP_PAGE", signupPage);
        environment.put("SIGNUP_CODE_NL", letterData.get(letterNl).getString("data.shortCode"));
        environment.put("SIGNUP_CODE_AR", letterData.get(letterAr).getString("data.shortCode"));
        environment.put("CODE_CAMPAIGN_TITLE", codeTitle);
        // the same letters printed: each reader's opt-out code, read from her letter (the preferences page asks for it)
        Map<String, String> optOutCodes = optOutCodes(
                platform,
                codeCampaign,
                Map.of(
                        letterNl, environment.get("SIGNUP_CODE_NL"),
                        letterAr, environment.get("SIGNUP_CODE_AR")));
        environment.put("PREFERENCES_CODE_NL", optOutCodes.get(letterNl));
        environment.put("PREFERENCES_CODE_AR", optOutCodes.get(letterAr));
        environment.put("PREFERENCES_PAGE", platform.gatewayUrl() + Stack.TENANT_PAGES + "voorkeuren.html");

        // The opt-out link at the foot of the same mails
        environment.put("PREFERENCES_NL", link(mails.get(dutch), "voorkeuren.html"));
        environment.put("PREFERENCES_AR", link(mails.get(arabic), "voorkeuren.html"));

        // Feedback: a consultation in five languages for both; its link opens the feedback page, which until the
        // feedback is published says it is not there yet (the tenant's token from her invitation mail)
        Journeys.awaitPopulation(platform, "consultations", List.of(dutch, arabic));
        Journeys.FiveLanguages consultation =
                Journeys.openFiveLanguageConsultation(platform, tag, List.of(dutch, arabic));
        String titleNl = consultation.text("/consultation/title", "nl");
        String titleAr = consultation.text("/consultation/title", "ar");
        String invitationToken = Journeys.find(
                Journeys.awaitMails(platform, List.of(dutch), titleNl).get(dutch),
                Pattern.quote(SurveySeed.PAGE) + "#([A-Za-z0-9_-]{22,})");
        environment.put(
                "FEEDBACK_NOT_YET",
                platform.gatewayUrl() + Stack.TENANT_PAGES + "terugkoppeling.html#" + invitationToken);

        // The same consultation from a letter: the Arabic reader types her invitation's code at …/c (the survey page,
        // served with its SurveyJS packages) and answers her survey in Arabic
        String arabicToken = Journeys.find(
                Journeys.awaitMails(platform, List.of(arabic), titleAr).get(arabic),
                Pattern.quote(SurveySeed.PAGE) + "#([A-Za-z0-9_-]{22,})");
        SurveySeed.Seeded letters = SurveySeed.seeded(
                consultation.id(),
                platform.stack().jdbcUrl("consultation"),
                SurveySeed.tokenSecret(platform.stack().settings().dataDir()));
        String arabicCode = letters.shortCodes().get(letters.tokens().indexOf(arabicToken));
        NodeScripts.npmCi(
                platform.stack().settings().repoRoot().resolve("examples/surveyjs-frontend"),
                out,
                "survey-core",
                "survey-js-ui");
        environment.put("CODE_URL", platform.gatewayUrl() + "/c");
        environment.put("SURVEY_CODE_AR", arabicCode);
        environment.put("SURVEY_TITLE_AR", titleAr);
        environment.put("SURVEY_QUESTION_AR", consultation.text("/questionnaire/questions/0/text", "ar"));

        // Panel: both invited by mail, a theme co-signed by the tenant organisation to choose
        Journeys.awaitPopulation(platform, "panels", List.of(dutch, arabic));
        String organisation = "ho-" + tag;
        String panelName = "Panel " + tag;
        String panel = platform.api()
                .body("""
                        {"name":"%s","purpose":"Meedenken over onderhoud","coOwnerParty":"tenant-organisation","tenantOrganisation":"%s",
                         "targetSize":50,"strata":["ageBand"],"consentText":"Ik doe mee met het panel."}""".formatted(panelName, organisation))
                .post(PANELS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String themeTitle = "Onderhoud " + tag;
        String theme = platform.api()
                .body(Map.of("title", themeTitle))
                .post(PANELS + "/" + panel + "/themes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        platform.as(organisation, "tenant-organisation")
                .body("{}")
                .post(PANELS + "/" + panel + "/themes/" + theme + "/signature")
                .then()
                .statusCode(200);
        platform.api()
                .body(Map.of("tenantRefs", List.of(dutch, arabic)))
                .post(PANELS + "/" + panel + "/invitations")
                .then()
                .statusCode(202);
        Map<String, SmtpSink.Mail> invitations = Journeys.awaitMails(platform, List.of(dutch, arabic), panelName);
        environment.put("PANEL_NL", link(invitations.get(dutch), "panel.html"));
        environment.put("PANEL_AR", link(invitations.get(arabic), "panel.html"));
        environment.put("PANEL_NAME", panelName);
        environment.put("PANEL_THEME", themeTitle);
        List<String> panelReaders = panelLetterReaders(platform, panel, tag, environment);

        NodeScripts.npmCi(pages, out, "playwright-core", "axe-core");
        NodeScripts.browserTest(pages, out, environment, BROWSER_TEST_MINUTES);

        // The feedback published: its mails' links open the feedback page; a letter's reader types her invitation's
        // code
        Journeys.publishFeedback(platform, consultation);
        SmtpSink.Mail feedbackNl = Journeys.awaitMails(
                        platform, List.of(dutch), "Dit hebben we gedaan met uw mening over " + titleNl)
                .get(dutch);
        SmtpSink.Mail feedbackAr = Journeys.awaitMails(platform, List.of(arabic), "ما فعلناه برأيكم في " + titleAr)
                .get(arabic);
        Map<String, String> later = new LinkedHashMap<>();
        later.put("FEEDBACK_NL", link(feedbackNl, "terugkoppeling.html"));
        later.put("FEEDBACK_AR", link(feedbackAr, "terugkoppeling.html"));
        later.put("FEEDBACK_TITLE_NL", titleNl);
        later.put("FEEDBACK_TITLE_AR", titleAr);
        later.put("FEEDBACK_TEXT_NL", consultation.text("/feedback/text", "nl"));
        later.put("FEEDBACK_TEXT_AR", consultation.text("/feedback/text", "ar"));
        assertEquals(
                token(later.get("FEEDBACK_NL")), invitationToken, "the feedback link carries her invitation token");
        later.put("FEEDBACK_CODE", letters.shortCodes().get(letters.tokens().indexOf(invitationToken)));
        // her feedback letter prints her invitation's code: typed at …/c, now the consultation is closed, it leads to
        // the feedback (the Dutch reader's too, in the second run)
        later.put("CODE_URL", platform.gatewayUrl() + "/c");
        later.put("FEEDBACK_CODE_AR", arabicCode);

        // A new consent text: the renewal mail's link opens the same page, which asks for consent to version 2
        platform.api()
                .body(Map.of("text", "Ik doe mee met het panel. Mijn antwoorden worden twee jaar bewaard."))
                .post(PANELS + "/" + panel + "/consent-texts")
                .then()
                .statusCode(201);
        SmtpSink.Mail renewal = Journeys.awaitMails(platform, List.of(dutch), "Wilt u in het " + panelName)
                .get(dutch);
        later.put("RECONSENT_NL", link(renewal, "panel.html"));
        NodeScripts.browserTest(pages, out, later, BROWSER_TEST_MINUTES);

        // what the pages read, as the tenants' links now show it (each answer checked against the merged OpenAPI)
        Journeys.tenant(platform)
                .header("Signup-Token", token(environment.get("SIGNUP_NL")))
                .get("/api/v1/campaigns/token-signups/invitation")
                .then()
                .statusCode(200)
                .body("signup.status", equalTo("ACTIVE"))
                .body("canWithdraw", equalTo(true));
        Journeys.tenant(platform)
                .get(PANELS + "/membership/" + token(environment.get("PANEL_AR")))
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("consentVersion", equalTo(1));
        Journeys.tenant(platform)
                .get("/api/v1/unsubscribe/" + token(environment.get("PREFERENCES_AR")) + "/preferences")
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("messageScope", equalTo("recruitment"))
                .body("optedOut", contains("tenant-organisation"));

        Journeys.tenant(platform)
                .header("Invitation-Token", token(later.get("FEEDBACK_AR")))
                .header("Accept-Language", "*") // as the page asks: her own language
                .get("/api/v1/consultations/respondent/feedback")
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("feedback", equalTo(later.get("FEEDBACK_TEXT_AR")));

        // what the browser did, as the organiser sees it
        JsonPath signups = platform.api()
                .get("/api/v1/campaigns/" + campaign + "/signups")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> nl = signups.getMap("find { it.tenantRef == '" + dutch + "' }");
        assertEquals("ACTIVE", nl.get("status"), signups.prettify());
        assertEquals("MAILING", nl.get("source"), signups.prettify());
        assertEquals("Ik woon hier al twintig jaar", nl.get("motivation"), signups.prettify());
        assertEquals("Dinsdagavond", nl.get("availability"), signups.prettify());
        Map<String, Object> ar = signups.getMap("find { it.tenantRef == '" + arabic + "' }");
        assertEquals("WITHDRAWN", ar.get("status"), "signed up, then withdrawn: " + signups.prettify());
        assertEquals("أريد أن أساعد جيراني", ar.get("motivation"), signups.prettify());

        // both letter readers signed up with the code they typed, as their letters' links would have
        JsonPath byCode = platform.api()
                .get("/api/v1/campaigns/" + codeCampaign + "/signups")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> nlByCode = byCode.getMap("find { it.tenantRef == '" + letterNl + "' }");
        assertEquals("ACTIVE", nlByCode.get("status"), byCode.prettify());
        assertEquals("LETTER", nlByCode.get("source"), byCode.prettify());
        assertEquals("Ik heb geen smartphone", nlByCode.get("motivation"), byCode.prettify());
        Map<String, Object> arByCode = byCode.getMap("find { it.tenantRef == '" + letterAr + "' }");
        assertEquals("ACTIVE", arByCode.get("status"), byCode.prettify());
        assertEquals("LETTER", arByCode.get("source"), byCode.prettify());
        assertEquals("ليس لدي هاتف ذكي", arByCode.get("motivation"), byCode.prettify());

        // consent recorded, with its version and the tenant's choices
        JsonPath nlMember = member(platform, panel, dutch);
        assertEquals("ACTIVE", nlMember.getString("status"), nlMember.prettify());
        assertEquals(2, nlMember.getInt("consentVersion"), "consented again to the new text: " + nlMember.prettify());
        assertEquals("ONLINE", nlMember.getString("consentChannel"), nlMember.prettify());
        assertEquals(List.of(theme), nlMember.getList("interests"), nlMember.prettify());
        assertEquals(List.of("WEEKDAY_EVENING"), nlMember.getList("preferredMoments"), nlMember.prettify());
        JsonPath arMember = member(platform, panel, arabic);
        assertEquals("ACTIVE", arMember.getString("status"), arMember.prettify());
        assertEquals(1, arMember.getInt("consentVersion"), arMember.prettify());
        assertEquals(List.of(theme), arMember.getList("interests"), arMember.prettify());

        // both panel letter readers joined with the code they typed, as their letters' links would have
        for (String reader : panelReaders) {
            JsonPath member = member(platform, panel, reader);
            assertEquals("ACTIVE", member.getString("status"), member.prettify());
            assertEquals(1, member.getInt("consentVersion"), member.prettify());
            assertEquals("ONLINE", member.getString("consentChannel"), member.prettify());
        }

        // the Arabic reader's survey, answered from her letter's code: her invitation is used up
        Journeys.tenant(platform)
                .header("Invitation-Token", arabicCode)
                .get("/api/v1/consultations/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("progress", equalTo("COMPLETED"))
                .body("language", equalTo("ar"));

        // opt-outs stored per purpose, from the page's link
        assertEquals(List.of("recruitment"), optOuts(platform, dutch));
        assertEquals(List.of("tenant-organisation"), optOuts(platform, arabic));
        // and from the opt-out codes the letter readers typed: what her letter was about, and the panel
        assertEquals(List.of("recruitment"), optOuts(platform, letterNl));
        assertEquals(List.of("panel"), optOuts(platform, letterAr));
        Journeys.tenant(platform)
                .get("/api/v1/unsubscribe/" + environment.get("PREFERENCES_CODE_AR") + "/preferences")
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("messageScope", equalTo("recruitment"))
                .body("optedOut", contains("panel"));
    }

    /** A short code as a letter prints it. */
    /** The corporation's view of a panel member. */
    private static JsonPath member(Platform platform, String panel, String tenantRef) {
        return platform.api()
                .get(PANELS + "/" + panel + "/members/" + tenantRef)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A code standing alone, not a stretch of a link's token or UUID that happens to look like one. */
    private static final Pattern SHORT_CODE = Pattern.compile(
            "(?<![0-9A-Za-z_-])[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}(?![0-9A-Za-z_-])");

    /**
     * A campaign's letters printed (a print batch of its source) and each reader's opt-out code read from her letter: the
     * code on her page beside her sign-up code (the one next to the QR code), on the opt-out line that names the
     * preferences page to type it at.
     */
    private static Map<String, String> optOutCodes(Platform platform, String campaign, Map<String, String> signupCodes)
            throws Exception {
        String batch = Journeys.printLetters(platform, "campaign:" + campaign, signupCodes.size());
        Map<String, Integer> pageOf = new LinkedHashMap<>();
        for (String line : platform.api()
                .accept("text/csv")
                .get(batch + "/manifest.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .split("\r?\n")) {
            String[] cells = line.split(","); // page,deliveryId,tenantRef,...: none of these three is quoted
            if (cells.length > 2 && cells[0].matches("\\d+")) {
                pageOf.put(cells[2], Integer.parseInt(cells[0]));
            }
        }
        byte[] pdf = platform.api()
                .accept("application/pdf")
                .get(batch + "/letters.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String preferencesPage = platform.gatewayUrl() + Stack.TENANT_PAGES + "voorkeuren.html";
        Map<String, String> codes = new LinkedHashMap<>();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            for (Map.Entry<String, String> tenant : signupCodes.entrySet()) {
                org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
                stripper.setStartPage(pageOf.get(tenant.getKey()));
                stripper.setEndPage(pageOf.get(tenant.getKey()));
                String text = stripper.getText(document).replace("\n", " ");
                java.util.Set<String> found = new java.util.TreeSet<>();
                java.util.regex.Matcher m = SHORT_CODE.matcher(text);
                while (m.find()) {
                    found.add(m.group());
                }
                assertEquals(true, found.remove(tenant.getValue()), "her sign-up code beside the QR code: " + text);
                assertEquals(1, found.size(), "one opt-out code besides: " + text);
                String code = found.iterator().next();
                assertEquals(true, text.contains(preferencesPage), "the page to type it at: " + text);
                if (text.contains("Afmelden:")) { // the Dutch letter: the footer's opt-out line, in full
                    assertEquals(
                            true,
                            text.contains("Afmelden: ga naar " + preferencesPage + " en typ de code " + code),
                            text);
                }
                codes.put(tenant.getKey(), code);
            }
        }
        return codes;
    }

    private static List<String> optOuts(Platform platform, String tenantRef) {
        JsonPath optOuts = platform.api()
                .get("/api/v1/tenants/" + tenantRef + "/opt-outs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(java.util.Set.of("LINK"), java.util.Set.copyOf(optOuts.getList("source")), optOuts.prettify());
        return optOuts.getList("purpose");
    }

    /**
     * Two more tenants who prefer letters (one reading Dutch, one Arabic; tenants of their own, for the contact budget of
     * the others), invited to the panel: their invitation letters print the link as QR code and a short code to type on
     * the panel page, both read here from the invitations' message requests (letters are printed, not mailed).
     */
    private static List<String> panelLetterReaders(
            Platform platform, String panel, String tag, Map<String, String> environment) {
        String complex = "CP-" + tag;
        String neighbourhood = Journeys.neighbourhood();
        String nl = Journeys.register(platform, "TPL-" + tag + "-nl", complex, neighbourhood, 1955, 1, "nl", "LETTER");
        String ar = Journeys.register(platform, "TPL-" + tag + "-ar", complex, neighbourhood, 1985, 2, "ar", "LETTER");
        Journeys.awaitPopulation(platform, "panels", List.of(nl, ar));
        platform.api()
                .body(Map.of("tenantRefs", List.of(nl, ar)))
                .post(PANELS + "/" + panel + "/invitations")
                .then()
                .statusCode(202)
                .body("invited", contains(nl, ar));
        Map<String, JsonPath> data = new LinkedHashMap<>();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofSeconds(1)) // reads the whole topic each time
                .until(() -> {
                    String mine = "panel:" + panel;
                    for (var record : FaultTools.readTopic(platform, "notification.requests.v1")) {
                        // other tests leave records of their own there, some not JSON at all (PoisonEventDlqIT's)
                        if (record.value() == null || !record.value().contains(mine)) {
                            continue;
                        }
                        JsonPath m = JsonPath.from(record.value());
                        if (mine.equals(m.getString("source"))
                                && "panel.invitation".equals(m.getString("templateKey"))) {
                            data.put(m.getString("tenantRef"), m);
                        }
                    }
                    return data.keySet().containsAll(List.of(nl, ar));
                });
        String page = data.get(nl).getString("data.codeUrl");
        assertEquals(platform.gatewayUrl() + Stack.TENANT_PAGES + "panel.html", page, "the panel page without a token");
        assertEquals(page, data.get(ar).getString("data.codeUrl"));
        environment.put("PANEL_PAGE", page);
        environment.put("PANEL_CODE_NL", data.get(nl).getString("data.shortCode"));
        environment.put("PANEL_CODE_AR", data.get(ar).getString("data.shortCode"));
        return List.of(nl, ar);
    }

    /**
     * The data of a campaign's outreach message request to each tenant, as notification-service receives it (read from
     * the topic until every one has been relayed).
     */
    private static Map<String, JsonPath> letterOutreach(Platform platform, String campaign, List<String> tenantRefs) {
        Map<String, JsonPath> data = new LinkedHashMap<>();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofSeconds(1)) // reads the whole topic each time
                .until(() -> {
                    String mine = "recruitment:" + campaign + ":outreach:LETTER:";
                    for (var record : FaultTools.readTopic(platform, "notification.requests.v1")) {
                        // other tests leave records of their own there, some not JSON at all (PoisonEventDlqIT's)
                        if (record.value() == null || !record.value().contains(mine)) {
                            continue;
                        }
                        JsonPath m = JsonPath.from(record.value());
                        String requestId = m.getString("requestId");
                        if (requestId != null && requestId.startsWith(mine)) {
                            data.put(m.getString("tenantRef"), m);
                        }
                    }
                    return data.keySet().containsAll(tenantRefs);
                });
        return data;
    }

    private static String token(String link) {
        return link.substring(link.indexOf('#') + 1);
    }

    /** The whole link to the page in the mail's text, as the tenant clicks it. */
    private static String link(SmtpSink.Mail mail, String page) {
        return Journeys.find(mail, "(http\\S+" + Pattern.quote(Stack.TENANT_PAGES + page) + "#\\S+)");
    }
}
