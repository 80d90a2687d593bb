package nl.meedoen.consultation.response;

import static nl.meedoen.consultation.Api.BASE;
import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.respondent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

/**
 * Which language the respondent API answers in: ?lang= (chosen on the page), then the tenant's language from the
 * register, then the browser's (Accept-Language), then the consultation's default. An Arabic reader whose phone is set
 * to Dutch gets Arabic; a tenant the register gives no language (or one the consultation does not have) follows her
 * browser.
 */
@QuarkusTest
class RespondentLanguageTest {

    @Test
    void theRegistersLanguageComesBeforeTheBrowsersAndTheChosenOneBeforeBoth() {
        // an Arabic reader, one the register gives no language, one whose language the consultation does not have
        List<String> refs = registered(Api.prefix(), "ar", null, "tr");
        String arabic = refs.get(0);
        String none = refs.get(1);
        String turkish = refs.get(2);
        Map<String, Object> body = Api.consultation("SURVEY", Api.list(refs));
        body.put("languages", List.of("nl", "en", "ar"));
        body.put("title", Map.of("nl", "Nieuwe speeltuin", "en", "A new playground", "ar", "ملعب جديد"));
        String id = Api.create(as("corporation"), body);
        Api.putQuestionnaire(as("corporation"), id, Api.SURVEY).then().statusCode(200);
        Api.putStatement(as("corporation"), id);
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);

        // her phone asks for Dutch: she reads Arabic, her register's language, in both forms of the questionnaire
        respondent(tokens.get(arabic))
                .header("Accept-Language", "nl-NL,nl;q=0.9")
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("title", equalTo("ملعب جديد"))
                .body("feedbackUrl", nullValue()); // open: nothing to lead to yet
        respondent(tokens.get(arabic))
                .header("Accept-Language", "nl")
                .get(BASE + "/respondent/questionnaire/surveyjs")
                .then()
                .statusCode(200)
                .body("locale", equalTo("ar"));
        // what she chose on the page comes first
        respondent(tokens.get(arabic))
                .header("Accept-Language", "nl")
                .queryParam("lang", "en")
                .get(BASE + "/respondent/questionnaire")
                .then()
                .statusCode(200)
                .body("language", equalTo("en"));

        // without a register language, the browser decides, and without either the consultation's default
        for (String ref : List.of(none, turkish)) {
            respondent(tokens.get(ref))
                    .header("Accept-Language", "en-GB,ar;q=0.5")
                    .get(BASE + "/respondent/questionnaire")
                    .then()
                    .statusCode(200)
                    .body("language", equalTo("en"));
            respondent(tokens.get(ref))
                    .header("Accept-Language", "*")
                    .get(BASE + "/respondent/questionnaire")
                    .then()
                    .statusCode(200)
                    .body("language", equalTo("nl"));
        }

        // the feedback page asks for "*" (her own language): Arabic for her, the default for the others
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation").post(BASE + "/" + id + "/results/publish").then().statusCode(200);
        Api.json(as("corporation"), "{\"text\":{\"nl\":\"De speeltuin komt er.\",\"ar\":\"سيتم بناء الملعب.\"}}")
                .post(BASE + "/" + id + "/feedback")
                .then()
                .statusCode(201);
        respondent(tokens.get(arabic))
                .header("Accept-Language", "nl, *")
                .get(BASE + "/respondent/feedback")
                .then()
                .statusCode(200)
                .body("language", equalTo("ar"))
                .body("feedback", equalTo("سيتم بناء الملعب."));
        respondent(tokens.get(none))
                .header("Accept-Language", "*")
                .get(BASE + "/respondent/feedback")
                .then()
                .statusCode(200)
                .body("language", equalTo("nl"));
    }

    /** Tenants whose profiles give these languages (null: none), as notification-service publishes them. */
    private static List<String> registered(String prefix, String... languages) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < languages.length; i++) {
            String ref = prefix + "-" + i;
            refs.add(ref);
            Events.publish(
                    TenantProfileV1.TOPIC,
                    ref,
                    UUID.randomUUID().toString(),
                    TenantProfileV1.CHANGED,
                    Api.write(new TenantProfileV1(
                            ref, "C-1", "BU01", "35-49", "SINGLE", "APARTMENT", "5-9", languages[i], "hh-" + ref)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> refs.stream()
                        .allMatch(ref -> as("ops")
                                        .get(BASE + "/population/members/" + ref)
                                        .statusCode()
                                == 200));
        return Arrays.asList(refs.toArray(new String[0]));
    }
}
