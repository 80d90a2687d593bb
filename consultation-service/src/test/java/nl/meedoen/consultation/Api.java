package nl.meedoen.consultation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.Events;
import nl.meedoen.devinfra.TestInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Calls of the API the tests share: callers, a ready consultation, the population, tokens from mailed invitations. */
public final class Api {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String BASE = "/api/v1/consultations";

    private Api() {}

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(TestInfra.token(role));
    }

    /** A caller with its own client id: tenant organisations are told apart by it. */
    public static RequestSpecification asClient(String client, String role) {
        Path dir = Path.of(URI.create(TestInfra.publicKeyLocation())).getParent();
        return given().auth().oauth2(DevTokens.inDirectory(dir).token(client, role));
    }

    public static RequestSpecification json(RequestSpecification spec, Object body) {
        return spec.contentType(ContentType.JSON).body(body instanceof String s ? s : write(body));
    }

    public static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- bodies ----

    public static Map<String, Object> consultation(String kind, Map<String, Object> audience) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("languages", List.of("nl", "en"));
        body.put("title", Map.of("nl", "Nieuwe speeltuin", "en", "A new playground"));
        body.put("anonymity", "ANONYMOUS");
        body.put("audience", audience);
        return body;
    }

    public static Map<String, Object> list(List<String> refs) {
        return Map.of("type", "LIST", "tenantRefs", refs);
    }

    public static Map<String, Object> segment(String attribute, String value) {
        return Map.of("type", "SEGMENT", "filter", Map.of(attribute, List.of(value)));
    }

    public static final String STATEMENT = """
            {"goal":{"nl":"Samen kiezen wat er in de speeltuin komt","en":"Choose together what the playground gets"},
             "canInfluence":{"nl":"Welke toestellen","en":"Which equipment"},
             "cannotInfluence":{"nl":"De plek en het budget","en":"The location and the budget"},
             "influenceLevel":"ADVISE",
             "outcomeUse":{"nl":"De corporatie volgt het advies tenzij het onveilig is","en":"The corporation follows the advice unless unsafe"},
             "outcomeBy":"2027-06-30"}""";

    /** A survey with every question type and a conditional question. */
    public static final String SURVEY = """
            {"questions":[
              {"id":"kids","type":"SINGLE_CHOICE","text":{"nl":"Heeft u kinderen?","en":"Do you have children?"},"required":true,
               "options":[{"value":"yes","text":{"nl":"Ja","en":"Yes"}},{"value":"no","text":{"nl":"Nee","en":"No"}}]},
              {"id":"howMany","type":"NUMBER","text":{"nl":"Hoeveel?","en":"How many?"},"min":1,"max":12,"integer":true,
               "visibleIf":{"question":"kids","op":"equals","value":"yes"},"requiredIf":{"question":"kids","op":"equals","value":"yes"}},
              {"id":"use","type":"MULTIPLE_CHOICE","text":{"nl":"Wat gebruikt u?"},"min":1,"max":2,
               "options":[{"value":"swings","text":{"nl":"Schommels"}},{"value":"slide","text":{"nl":"Glijbaan"}},{"value":"sandpit","text":{"nl":"Zandbak"}}]},
              {"id":"satisfaction","type":"SCALE","text":{"nl":"Hoe tevreden bent u?","en":"How satisfied are you?"},"min":1,"max":5,
               "minLabel":{"nl":"Ontevreden"},"maxLabel":{"nl":"Tevreden"}},
              {"id":"remarks","type":"TEXT","text":{"nl":"Opmerkingen"},"maxLength":20},
              {"id":"priority","type":"RANKING","text":{"nl":"Zet in volgorde"},
               "options":[{"value":"safety","text":{"nl":"Veiligheid"}},{"value":"green","text":{"nl":"Groen"}},{"value":"play","text":{"nl":"Spelen"}}]}
            ]}""";

    /** One PWE block: budget 100, exclusive playground/football, benches and bins together. */
    public static final String PWE = """
            {"questions":[
              {"id":"age","type":"SINGLE_CHOICE","text":{"nl":"Leeftijd?"},"options":[{"value":"young","text":{"nl":"Jong"}},{"value":"old","text":{"nl":"Oud"}}]},
              {"id":"plan","type":"PWE","text":{"nl":"Verdeel het budget","en":"Spend the budget"},"required":true,
               "pwe":{"constraint":{"type":"BUDGET","budget":100,"allowUnspent":true},"minOptions":1,"maxOptions":3,
                      "exclusiveGroups":[["playground","football"]],"requiredTogether":[["benches","bins"]],
                      "optionMotivation":"OPTIONAL","overallMotivation":"OPTIONAL",
                      "options":[{"id":"playground","text":{"nl":"Speeltuin","en":"Playground"},"cost":60,"pros":[{"nl":"Voor kinderen"}],"cons":[{"nl":"Lawaai"}],"effects":[{"nl":"Meer spelen"}]},
                                 {"id":"football","text":{"nl":"Voetbalveldje"},"cost":50},
                                 {"id":"benches","text":{"nl":"Bankjes"},"cost":20},
                                 {"id":"bins","text":{"nl":"Afvalbakken"},"cost":10}]}}]}""";

    /** Creates a consultation as the role and returns its id. */
    public static String create(RequestSpecification caller, Map<String, Object> body) {
        return json(caller, body)
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
    }

    public static String etag(RequestSpecification caller, String id) {
        return caller.get(BASE + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    public static Response putQuestionnaire(RequestSpecification caller, String id, String questionnaire) {
        return json(caller.header("If-Match", etag(Api.as("ops"), id)), questionnaire)
                .put(BASE + "/" + id + "/questionnaire");
    }

    public static void putStatement(RequestSpecification caller, String id) {
        json(caller.header("If-Match", etag(Api.as("ops"), id)), STATEMENT)
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200);
    }

    /** A corporation consultation without a partner, with statement and questions: ready to open. */
    public static String ready(String kind, String questionnaire, Map<String, Object> audience, String anonymity) {
        Map<String, Object> body = consultation(kind, audience);
        body.put("anonymity", anonymity);
        String id = create(as("corporation"), body);
        putQuestionnaire(as("corporation"), id, questionnaire).then().statusCode(200);
        putStatement(as("corporation"), id);
        return id;
    }

    public static void open(String id) {
        as("corporation").post(BASE + "/" + id + "/open").then().statusCode(200);
    }

    /** Whether a consultation event honours the schema published for its type (nl.meedoen.consultation.<event>.v1). */
    public static boolean matchesPublishedSchema(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r) {
        String type = Events.header(r, "ce_type");
        return Events.matchesSchema(type.substring("nl.meedoen.consultation.".length()) + ".schema.json", r.value());
    }

    // ---- population ----

    /** Publishes profiles as notification-service would and waits until this service has them. */
    public static List<String> population(String prefix, int n, String neighbourhood, String... ageBands) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ref = prefix + "-" + i;
            refs.add(ref);
            String ageBand = ageBands.length == 0 ? "35-49" : ageBands[i % ageBands.length];
            Events.publish(
                    TenantProfileV1.TOPIC,
                    ref,
                    java.util.UUID.randomUUID().toString(),
                    TenantProfileV1.CHANGED,
                    write(new TenantProfileV1(
                            ref,
                            "C-1",
                            neighbourhood,
                            ageBand,
                            i % 2 == 0 ? "SINGLE" : "FAMILY",
                            "APARTMENT",
                            "5-9",
                            i % 3 == 0 ? "en" : "nl",
                            "hh-" + ref)));
        }
        String last = refs.get(refs.size() - 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> as("ops").get(BASE + "/population/members/" + last).statusCode() == 200);
        return refs;
    }

    public static String prefix() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- mailed messages ----

    /** The message requests of one template for these tenants, read from the real topic: tenantRef → request. */
    public static Map<String, JsonNode> messages(
            KafkaConsumer<String, String> consumer, String template, List<String> refs, Duration max) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : Events.await(
                consumer,
                r -> refs.contains(r.key())
                        && template.equals(read(r.value()).path("templateKey").asText()),
                refs.size(),
                max)) {
            found.put(r.key(), read(r.value()));
        }
        return found;
    }

    public static KafkaConsumer<String, String> requests() {
        return Events.consumer(MessageRequestV1.TOPIC);
    }

    /** The token in an invitation's link. */
    public static String token(JsonNode request) {
        String url = request.path("data").path("invitationUrl").asText();
        return url.substring(url.indexOf('#') + 1);
    }

    /** Opens the consultation and returns tenantRef → token from the mailed invitations. */
    public static Map<String, String> openAndCollectTokens(String id, List<String> refs) {
        return openAndCollectTokens(as("corporation"), id, refs);
    }

    /** Opens the consultation as this caller and returns tenantRef → token from the mailed invitations. */
    public static Map<String, String> openAndCollectTokens(RequestSpecification opener, String id, List<String> refs) {
        try (var consumer = requests()) {
            opener.post(BASE + "/" + id + "/open").then().statusCode(200);
            Map<String, JsonNode> invitations =
                    messages(consumer, "consultation.invitation", refs, Duration.ofSeconds(30));
            Map<String, String> tokens = new LinkedHashMap<>();
            invitations.forEach((ref, req) -> tokens.put(ref, token(req)));
            if (tokens.size() != refs.size()) {
                throw new AssertionError("invitations for " + tokens.size() + " of " + refs.size() + " tenants");
            }
            return tokens;
        }
    }

    public static RequestSpecification respondent(String token) {
        return given().header("Invitation-Token", token);
    }

    public static Response submit(String token, String answers) {
        return respondent(token)
                .contentType(ContentType.JSON)
                .body("{\"answers\":" + answers + "}")
                .post(BASE + "/respondent/response");
    }

    /** A number close to the expected one, whether the JSON path gave a Float, Double or Integer. */
    public static org.hamcrest.Matcher<Object> near(double expected, double tolerance) {
        return new org.hamcrest.BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                return item instanceof Number n && Math.abs(n.doubleValue() - expected) <= tolerance;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a number within " + tolerance + " of " + expected);
            }
        };
    }

    public static OffsetDateTime inSeconds(int s) {
        return OffsetDateTime.now().plusSeconds(s);
    }
}
