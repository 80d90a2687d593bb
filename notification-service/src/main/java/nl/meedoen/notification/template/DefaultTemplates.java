package nl.meedoen.notification.template;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The Dutch and English templates of every message the platform sends. Installed as version 1 at
 * startup where a kind/language has no version yet; a corporation's own versions always win.
 */
@ApplicationScoped
public class DefaultTemplates {

    private static final Logger LOG = Logger.getLogger(DefaultTemplates.class);

    /** One message kind: its placeholders with sample values and the Dutch and English subject and body. */
    public record Kind(
            String key,
            boolean transactional,
            Map<String, Object> sampleData,
            String nlSubject,
            String nlBody,
            String enSubject,
            String enBody) {}

    private static final String NL_FOOTER =
            "\n\nWilt u over dit onderwerp geen berichten meer ontvangen? Afmelden: {unsubscribeUrl}";
    private static final String EN_FOOTER = "\n\nNo longer want messages about this? Unsubscribe: {unsubscribeUrl}";

    public static final List<Kind> KINDS = List.of(
            kind(
                    "consultation.invitation",
                    false,
                    data(
                            "consultationTitle",
                            "Nieuwe speeltuin in de Vogelbuurt",
                            "goal",
                            "samen kiezen wat er komt",
                            "closesOn",
                            "15 maart 2027",
                            "invitationUrl",
                            "https://meedoen.example/c/abc123"),
                    "Uw mening gevraagd: {consultationTitle}",
                    "Beste {tenantName},\n\nWe vragen uw mening over {consultationTitle}. Het doel: {goal}.\nU kunt meedoen tot en met {closesOn}.\n\nDoe mee: {invitationUrl}",
                    "Your opinion wanted: {consultationTitle}",
                    "Dear {tenantName},\n\nWe would like your opinion on {consultationTitle}. The goal: {goal}.\nYou can take part until {closesOn}.\n\nTake part: {invitationUrl}"),
            kind(
                    "consultation.reminder",
                    false,
                    data(
                            "consultationTitle",
                            "Nieuwe speeltuin in de Vogelbuurt",
                            "closesOn",
                            "15 maart 2027",
                            "invitationUrl",
                            "https://meedoen.example/c/abc123"),
                    "Herinnering: {consultationTitle}",
                    "Beste {tenantName},\n\nU heeft nog niet meegedaan aan {consultationTitle}. Dat kan nog tot en met {closesOn}.\n\nDoe mee: {invitationUrl}",
                    "Reminder: {consultationTitle}",
                    "Dear {tenantName},\n\nYou have not yet taken part in {consultationTitle}. You can until {closesOn}.\n\nTake part: {invitationUrl}"),
            kind(
                    "consultation.feedback-published",
                    false,
                    data(
                            "consultationTitle",
                            "Nieuwe speeltuin in de Vogelbuurt",
                            "feedbackUrl",
                            "https://meedoen.example/f/abc123"),
                    "Dit hebben we gedaan met uw mening over {consultationTitle}",
                    "Beste {tenantName},\n\nDe uitkomst van {consultationTitle} is bekend, en wat we ermee doen.\n\nLees het hier: {feedbackUrl}",
                    "What we did with your opinion on {consultationTitle}",
                    "Dear {tenantName},\n\nThe outcome of {consultationTitle} is known, and what we will do with it.\n\nRead it here: {feedbackUrl}"),
            kind(
                    "panel.invitation",
                    false,
                    data("panelName", "Digitaal huurderspanel", "joinUrl", "https://meedoen.example/p/join/abc"),
                    "Doe mee met het {panelName}",
                    "Beste {tenantName},\n\nWe nodigen u uit voor het {panelName}. U krijgt een paar keer per jaar vragen over onderwerpen die u zelf kiest.\n\nAanmelden: {joinUrl}",
                    "Join the {panelName}",
                    "Dear {tenantName},\n\nWe invite you to join the {panelName}. A few times a year you get questions about topics you choose.\n\nJoin: {joinUrl}"),
            kind(
                    "panel.consent-renewal",
                    false,
                    data("panelName", "Digitaal huurderspanel", "consentUrl", "https://meedoen.example/p/consent/abc"),
                    "Wilt u in het {panelName} blijven?",
                    "Beste {tenantName},\n\nDe voorwaarden van het {panelName} zijn veranderd. Geef opnieuw toestemming als u wilt blijven.\n\nToestemming geven: {consentUrl}",
                    "Do you want to stay in the {panelName}?",
                    "Dear {tenantName},\n\nThe terms of the {panelName} have changed. Please give your consent again if you want to stay.\n\nGive consent: {consentUrl}"),
            kind(
                    "recruitment.outreach",
                    false,
                    data(
                            "campaignTitle",
                            "Klankbordgroep renovatie Vogelbuurt",
                            "description",
                            "Denk mee over de renovatie van uw complex.",
                            "signUpDeadline",
                            "1 mei 2027",
                            "signUpUrl",
                            "https://meedoen.example/r/abc"),
                    "Gezocht: huurders voor {campaignTitle}",
                    "Beste {tenantName},\n\n{description}\nAanmelden kan tot en met {signUpDeadline}. Zijn er meer aanmeldingen dan plaatsen, dan loten we eerlijk.\n\nAanmelden: {signUpUrl}",
                    "Wanted: tenants for {campaignTitle}",
                    "Dear {tenantName},\n\n{description}\nYou can sign up until {signUpDeadline}. If more people sign up than there are seats, we hold a fair draw.\n\nSign up: {signUpUrl}"),
            kind(
                    "recruitment.signup-confirmation",
                    true,
                    data("campaignTitle", "Klankbordgroep renovatie Vogelbuurt", "drawDate", "8 mei 2027"),
                    "Uw aanmelding voor {campaignTitle}",
                    "Beste {tenantName},\n\nWe hebben uw aanmelding voor {campaignTitle} ontvangen. Op {drawDate} hoort u of u bent gekozen.",
                    "Your sign-up for {campaignTitle}",
                    "Dear {tenantName},\n\nWe have received your sign-up for {campaignTitle}. On {drawDate} you will hear whether you have been selected."),
            kind(
                    "recruitment.draw-selected",
                    true,
                    data(
                            "campaignTitle",
                            "Klankbordgroep renovatie Vogelbuurt",
                            "nextSteps",
                            "We bellen u deze week voor een kennismaking."),
                    "U bent gekozen voor {campaignTitle}",
                    "Beste {tenantName},\n\nGoed nieuws: bij de loting bent u gekozen voor {campaignTitle}.\n{nextSteps}",
                    "You have been selected for {campaignTitle}",
                    "Dear {tenantName},\n\nGood news: in the draw you were selected for {campaignTitle}.\n{nextSteps}"),
            kind(
                    "recruitment.draw-waitlisted",
                    true,
                    data("campaignTitle", "Klankbordgroep renovatie Vogelbuurt", "waitlistPosition", "3"),
                    "U staat op de wachtlijst voor {campaignTitle}",
                    "Beste {tenantName},\n\nBij de loting voor {campaignTitle} bent u niet direct gekozen. De loting heeft ook de volgorde van de wachtlijst bepaald: u staat op plaats {waitlistPosition}.\nKomt er een plaats vrij, dan gaat die naar de eerste op de wachtlijst die past in de samenstelling van de groep. Alleen als u een plaats krijgt, nemen we contact met u op; u hoeft zelf niets te doen.",
                    "You are on the waiting list for {campaignTitle}",
                    "Dear {tenantName},\n\nYou were not selected straight away in the draw for {campaignTitle}. The draw also set the order of the waiting list: you are number {waitlistPosition}.\nWhen a place comes free, it goes to the first person on the waiting list who fits the make-up of the group. We will only contact you if you get a place; you do not need to do anything."),
            kind(
                    "recruitment.draw-not-selected",
                    true,
                    data("campaignTitle", "Klankbordgroep renovatie Vogelbuurt"),
                    "Uitslag loting {campaignTitle}",
                    "Beste {tenantName},\n\nHelaas bent u bij de loting voor {campaignTitle} niet gekozen. Bedankt voor uw aanmelding; er komen nieuwe kansen om mee te doen.",
                    "Draw result {campaignTitle}",
                    "Dear {tenantName},\n\nUnfortunately you were not selected in the draw for {campaignTitle}. Thank you for signing up; there will be new chances to take part."),
            kind(
                    "recruitment.seated",
                    true,
                    data(
                            "campaignTitle",
                            "Klankbordgroep renovatie Vogelbuurt",
                            "nextSteps",
                            "2027-06-12T19:30+02:00 Buurthuis De Vogel, Merelstraat 1"),
                    "U heeft een plaats in {campaignTitle}",
                    "Beste {tenantName},\n\nGoed nieuws: u heeft een plaats in {campaignTitle}.\nDe eerste bijeenkomst: {nextSteps}",
                    "You have a place in {campaignTitle}",
                    "Dear {tenantName},\n\nGood news: you have a place in {campaignTitle}.\nThe first session: {nextSteps}"),
            kind(
                    "recruitment.waitlisted",
                    true,
                    data("campaignTitle", "Klankbordgroep renovatie Vogelbuurt", "waitlistPosition", "3"),
                    "U staat op de wachtlijst voor {campaignTitle}",
                    "Beste {tenantName},\n\nAlle plaatsen in {campaignTitle} zijn op dit moment vergeven. U staat op plaats {waitlistPosition} van de wachtlijst.\nKomt er een plaats vrij, dan gaat die naar de eerste op de wachtlijst. Alleen als u een plaats krijgt, nemen we contact met u op; u hoeft zelf niets te doen.",
                    "You are on the waiting list for {campaignTitle}",
                    "Dear {tenantName},\n\nAll places in {campaignTitle} have been given for now. You are number {waitlistPosition} on the waiting list.\nWhen a place comes free, it goes to the first person on the waiting list. We will only contact you if you get a place; you do not need to do anything."),
            kind(
                    "recruitment.not-seated",
                    true,
                    data("campaignTitle", "Klankbordgroep renovatie Vogelbuurt"),
                    "Uitslag aanmelding {campaignTitle}",
                    "Beste {tenantName},\n\nDe plaatsen in {campaignTitle} zijn vergeven; u heeft dit keer geen plaats gekregen. Bedankt voor uw aanmelding; er komen nieuwe kansen om mee te doen.",
                    "Sign-up result {campaignTitle}",
                    "Dear {tenantName},\n\nThe places in {campaignTitle} have been given; this time you did not get one. Thank you for signing up; there will be new chances to take part."),
            kind(
                    "recruitment.session-reminder",
                    true,
                    data(
                            "campaignTitle",
                            "Klankbordgroep renovatie Vogelbuurt",
                            "sessionDate",
                            "12 juni 2027 om 19.30 uur",
                            "location",
                            "Buurthuis De Vogel, Merelstraat 1"),
                    "Herinnering: {campaignTitle} op {sessionDate}",
                    "Beste {tenantName},\n\nDe volgende bijeenkomst van {campaignTitle} is op {sessionDate} in {location}. Tot dan!",
                    "Reminder: {campaignTitle} on {sessionDate}",
                    "Dear {tenantName},\n\nThe next session of {campaignTitle} is on {sessionDate} at {location}. See you there!"),
            kind(
                    "recruitment.campaign-cancelled",
                    true,
                    data(
                            "campaignTitle",
                            "Klankbordgroep renovatie Vogelbuurt",
                            "reason",
                            "De renovatie is uitgesteld tot 2028."),
                    "{campaignTitle} gaat niet door",
                    "Beste {tenantName},\n\n{campaignTitle} gaat niet door. De reden: {reason}\nBedankt voor uw belangstelling; er komen nieuwe kansen om mee te doen.",
                    "{campaignTitle} has been cancelled",
                    "Dear {tenantName},\n\n{campaignTitle} will not go ahead. The reason: {reason}\nThank you for your interest; there will be new chances to take part."),
            // feedback on the tenant's own participation: sent with purpose feedback (no budget; only an opt-out of all
            // holds)
            kind(
                    "recruitment.feedback",
                    false,
                    data(
                            "campaignTitle",
                            "Klankbordgroep renovatie Vogelbuurt",
                            "outcome",
                            "1. Meer groen op de binnenplaats: overgenomen.\n2. Fietsenstalling: deels overgenomen, er komt een kleinere stalling."),
                    "Dit is er gedaan met {campaignTitle}",
                    "Beste {tenantName},\n\nU heeft meegedaan aan of u aangemeld voor {campaignTitle}. Dit is er met de uitkomst gedaan:\n\n{outcome}\n\nBedankt voor uw inzet.",
                    "What was done with {campaignTitle}",
                    "Dear {tenantName},\n\nYou took part in or signed up for {campaignTitle}. This is what was done with the outcome:\n\n{outcome}\n\nThank you for your effort."),
            kind(
                    "consultation.advice-feedback",
                    false,
                    data(
                            "consultationTitle",
                            "Nieuwe speeltuin in de Vogelbuurt",
                            "subject",
                            "Advies huurbeleid 2028",
                            "outcome",
                            "1. Huurverhoging gelijk aan de inflatie: overgenomen.\n2. Geen verhoging voor lage inkomens: niet overgenomen, omdat de wet dit regelt."),
                    "Dit is er gedaan met uw mening over {consultationTitle}",
                    "Beste {tenantName},\n\nUw antwoorden op {consultationTitle} waren een basis voor het advies over {subject}. Dit is er met het advies gedaan:\n\n{outcome}\n\nBedankt voor uw mening.",
                    "What was done with your opinion on {consultationTitle}",
                    "Dear {tenantName},\n\nYour answers to {consultationTitle} were a basis for the advice on {subject}. This is what was done with the advice:\n\n{outcome}\n\nThank you for your opinion."),
            // the tenant organisation's own mailing to its constituency (purpose tenant-organisation, its own opt-out)
            kind(
                    "tenant-organisation.message",
                    false,
                    data(
                            "organisationName",
                            "Huurdersvereniging De Vogel",
                            "subject",
                            "Ledenavond 14 april",
                            "body",
                            "Op 14 april houden we een ledenavond in het buurthuis. U bent van harte welkom."),
                    "{organisationName}: {subject}",
                    "Beste {tenantName},\n\n{body}\n\nMet vriendelijke groet,\n{organisationName}\n\nDit bericht komt van uw huurdersorganisatie; uw woningcorporatie verstuurt het namens hen. Zij zien uw naam en adres niet.",
                    "{organisationName}: {subject}",
                    "Dear {tenantName},\n\n{body}\n\nKind regards,\n{organisationName}\n\nThis message comes from your tenant organisation; your housing corporation sends it on their behalf. They do not see your name or address."),
            kind(
                    "service.unsubscribe-confirmation",
                    true,
                    data("scope", "raadplegingen"),
                    "U bent afgemeld",
                    "Beste {tenantName},\n\nU ontvangt van ons geen berichten meer over: {scope}. Heeft u zich per ongeluk afgemeld? Neem dan contact op met uw woningcorporatie.",
                    "You have been unsubscribed",
                    "Dear {tenantName},\n\nYou will no longer receive messages from us about: {scope}. Unsubscribed by mistake? Please contact your housing corporation."));

    @Inject
    TemplateService templates;

    void install(@Observes StartupEvent event) {
        int installed = QuarkusTransaction.requiringNew().call(() -> {
            int n = 0;
            for (Kind kind : KINDS) {
                for (String language : List.of("nl", "en")) {
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
        boolean nl = "nl".equals(language);
        String body = (nl ? kind.nlBody() : kind.enBody()) + (kind.transactional() ? "" : (nl ? NL_FOOTER : EN_FOOTER));
        return new TemplateRequest(
                nl ? kind.nlSubject() : kind.enSubject(), html(body, language), body, kind.sampleData());
    }

    /** The HTML part: paragraphs and line breaks of the text, links made clickable. */
    static String html(String text, String language) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"")
                .append(language)
                .append("\"><body>\n");
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

    private static Kind kind(
            String key,
            boolean transactional,
            Map<String, Object> sampleData,
            String nlSubject,
            String nlBody,
            String enSubject,
            String enBody) {
        return new Kind(key, transactional, sampleData, nlSubject, nlBody, enSubject, enBody);
    }

    private static Map<String, Object> data(String... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put(pairs[i], pairs[i + 1]);
        }
        return data;
    }

    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        KINDS.forEach(k -> keys.add(k.key()));
        return keys;
    }
}
