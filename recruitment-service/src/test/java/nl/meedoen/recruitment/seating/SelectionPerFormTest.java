package nl.meedoen.recruitment.seating;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/** Selection per participation form: lottery only when oversubscribed, appointment by the board, open up to capacity. */
@QuarkusTest
class SelectionPerFormTest {

    private static List<String> tenants(String complex, int n) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ref = "T-" + UUID.randomUUID();
            Fixtures.member(ref, complex, i % 2 == 0 ? "18-34" : "35-64", "H-" + ref);
            refs.add(ref);
        }
        return refs;
    }

    /**
     * The seat messages (recruitment.seated / waitlisted / not-seated) of one campaign on {@value MessageRequestV1#TOPIC}:
     * exactly {@code n}, each a service message with the placeholders notification-service's template requires, and
     * never a draw outcome. Returned as "templateKey tenantRef [waitlistPosition]", sorted.
     */
    private static TreeSet<String> seatMessages(
            org.apache.kafka.clients.consumer.KafkaConsumer<String, String> messages, String id, int n) {
        var match = (java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>)
                r -> r.value() != null && r.value().contains("recruitment:" + id + ":recruitment.");
        var found = new ArrayList<>(Events.await(messages, match, n, Duration.ofSeconds(20)));
        found.addAll(Events.restOnceRelayed(
                messages,
                match,
                Arc.container()
                        .instance(AgroalDataSource.class)
                        .get())); // one message per tenant and kind: no more arrive
        TreeSet<String> out = new TreeSet<>();
        for (var r : found) {
            JsonPath m = JsonPath.from(r.value());
            String key = m.getString("templateKey");
            assertEquals("recruitment:" + id + ":" + key + ":" + r.key(), m.getString("requestId"), r.value());
            assertEquals(r.key(), m.getString("tenantRef"));
            assertEquals(MessageRequestV1.SERVICE, m.getString("purpose"), r.value());
            assertTrue(
                    m.getString("data.campaignTitle") != null
                            && !m.getString("data.campaignTitle").isBlank(),
                    r.value());
            // the kinds are MessageKind keys, not compile-time constants: an if chain where a switch was
            if (Seating.SEATED.equals(key)) {
                assertTrue(m.getString("data.nextSteps").contains("Buurthuis"), r.value());
            } else if (Seating.WAITLISTED.equals(key)) {
                assertTrue(m.getString("data.waitlistPosition").matches("[1-9][0-9]*"), r.value());
            } else if (!Seating.NOT_SEATED.equals(key)) {
                throw new AssertionError("not a seat message: " + r.value());
            }
            out.add(key + " " + r.key()
                    + (Seating.WAITLISTED.equals(key) ? " " + m.getString("data.waitlistPosition") : ""));
        }
        assertEquals(n, found.size(), out.toString());
        return out;
    }

    private static void signUp(String id, String ref) {
        as("corporation")
                .body(Map.of(
                        "tenantRef",
                        ref,
                        "motivation",
                        "Ik woon hier twintig jaar",
                        "expertise",
                        "installatietechniek",
                        "availability",
                        "dinsdagavond",
                        "source",
                        "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201);
    }

    /**
     * The journey of the issue: a one-off tenant council gets fewer sign-ups than seats; the organiser first reopens
     * and tops up with a second outreach, still short, then goes ahead smaller — everyone seated, confirmed, attending, paid.
     */
    @Test
    void anUndersubscribedOneOffTenantCouncilGoesAheadWithEveryoneSeatedAndPaid() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = tenants(complex, 4);
        var events = Events.consumer(RecruitmentEventV1.TOPIC);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = as("corporation")
                .body(Fixtures.campaign("TENANT_COUNCIL_ONE_OFF", "corporation", 5, complex, "PER_SESSION", 2500))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("LOTTERY_WHEN_OVERSUBSCRIBED"))
                .extract()
                .path("id");
        List<String> sessions =
                as("corporation").get(BASE + "/" + id).then().extract().path("sessions.id");
        Fixtures.open("corporation", id).then().statusCode(200);
        signUp(id, refs.get(0));
        signUp(id, refs.get(1));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        // 2 sign-ups for 5 seats: no lottery
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .body("type", startsWith("https://meedoen.nl/problems/no-lottery-needed"));

        // the organiser's first choice: reopen and top up with a second outreach (by letter)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as("corporation")
                .body(Map.of())
                .post(BASE + "/" + id + "/reopen")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("signupCloses"));
        as("corporation")
                .body(Map.of("signupCloses", today.minusDays(1).toString()))
                .post(BASE + "/" + id + "/reopen")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("signupCloses"));
        as("corporation")
                .body(Map.of("signupCloses", today.plusDays(7).toString()))
                .post(BASE + "/" + id + "/reopen")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("signupCloses", equalTo(today.plusDays(7).toString()));
        JsonPath topUp = Fixtures.outreach("corporation", id, "LETTER");
        assertEquals("SUCCEEDED", topUp.getString("status"), topUp.prettify());
        assertEquals(2, topUp.getInt("result.messaged"), "only the tenants who have not signed up get the letter");
        signUp(id, refs.get(2));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        // still 3 for 5: the organiser goes ahead smaller
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", equalTo("EVERYONE_SEATED"))
                .body("lottery", equalTo(false))
                .body("seated", equalTo(3))
                .body("undersubscribed", equalTo(true))
                .body(
                        "summary",
                        equalTo("everyone seated, no lottery needed: 3 sign-ups for 5 seats (went ahead smaller)"));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("outcome", equalTo(List.of("SELECTED", "SELECTED", "SELECTED")));
        as("ops").get(BASE + "/" + id + "/seating").then().statusCode(200).body("status", equalTo("SEATED"));
        // everyone seated without a lottery hears it: "you have a place", with the first session — never a draw outcome
        assertEquals(
                new TreeSet<>(refs.subList(0, 3).stream()
                        .map(r -> Seating.SEATED + " " + r)
                        .toList()),
                seatMessages(messages, id, 3));
        messages.close();

        // confirmed; one declines and, with nobody on the waitlist, the council sits with two
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(0) + "/confirm")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("CONFIRMED"));
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(1) + "/confirm")
                .then()
                .statusCode(200);
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(2) + "/decline")
                .then()
                .statusCode(200)
                .body("replacement", nullValue())
                .body("reason", equalTo("nobody on the waitlist"));
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(3) + "/confirm")
                .then()
                .statusCode(404);

        // attendance and compensation as after a draw
        as("tenant-organisation")
                .body(Map.of("tenantRefs", List.of(refs.get(0))))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(0) + "/attendance")
                .then()
                .statusCode(404); // organised by the corporation
        as("corporation")
                .body(Map.of("tenantRefs", List.of(refs.get(0), refs.get(1))))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(0) + "/attendance")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("paidCents", equalTo(List.of(2500, 2500)))
                .body("capped", equalTo(List.of(false, false)));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(refs.get(2))))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(0) + "/attendance")
                .then()
                .statusCode(422);
        as("corporation")
                .get(BASE + "/compensation/ledger?year=2024")
                .then()
                .statusCode(200)
                .body("find { it.tenantRef == '" + refs.get(0) + "' }.paidCents", equalTo(2500))
                .body("find { it.tenantRef == '" + refs.get(1) + "' }.paidCents", equalTo(2500));

        // the facts: reopened (a second campaign-opened), seated without a lottery, the decline; never a draw
        var published = Events.await(events, r -> r.key().equals(id), 9, Duration.ofSeconds(20));
        List<String> types =
                published.stream().map(r -> Events.header(r, "ce_type")).toList();
        published.forEach(r -> assertTrue(Events.matchesSchema("campaign-event.v1.schema.json", r.value()), r.value()));
        assertEquals(
                2,
                types.stream()
                        .filter(RecruitmentEventV1.CAMPAIGN_OPENED::equals)
                        .count(),
                types.toString());
        assertTrue(types.contains(Seating.PARTICIPANTS_SEATED), types.toString());
        assertTrue(types.contains(RecruitmentEventV1.PARTICIPANT_REPLACED), types.toString());
        assertTrue(types.stream().noneMatch(t -> t.contains("draw-")), types.toString());
        events.close();
    }

    @Test
    void theBoardAppointsWithAReasonReservesReplaceAndEveryIllegalStepIsNamed() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = tenants(complex, 4);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = as("tenant-organisation")
                .body(Fixtures.campaign("ADVISORY_COUNCIL", "tenant-organisation", 2, complex, "PER_YEAR", 10000))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("APPOINTMENT"))
                .extract()
                .path("id");
        List<String> sessions =
                as("tenant-organisation").get(BASE + "/" + id).then().extract().path("sessions.id");
        Fixtures.open("tenant-organisation", id).then().statusCode(200);
        refs.forEach(ref -> signUp(id, ref));
        // the board sees motivation, expertise and availability
        as("tenant-organisation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .statusCode(200)
                .body("expertise", hasItem("installatietechniek"))
                .body("availability", hasItem("dinsdagavond"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0), "reason", "Kent het onderhoudsplan"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is OPEN (APPOINTMENT)"));
        as("tenant-organisation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("tenant-organisation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .body("detail", containsString("APPOINTMENT"));
        as("tenant-organisation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(409)
                .body("detail", containsString("nobody has been appointed"));

        // field rules: 422 naming the field
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0)))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("reason"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", "T-nobody", "reason", "x"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tenantRef"));
        // another tenant organisation does not see the campaign
        CampaignApiTestAccess.asClient("ho-other", "tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0), "reason", "x"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(404);
        as("ops")
                .body(Map.of("tenantRef", refs.get(0), "reason", "x"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(403);

        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0), "reason", "Kent het onderhoudsplan"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SELECTED"))
                .body("selectionReason", equalTo("Kent het onderhoudsplan"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0), "reason", "nogmaals"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(409)
                .body("detail", containsString("already holds a seat"));
        as("corporation")
                .body(Map.of("tenantRef", refs.get(1), "reason", "Jonge huurder, ervaring met social media"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200);
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(2), "reason", "Financiële kennis"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(409)
                .body("detail", containsString("all 2 seats are taken"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(2), "reason", "Financiële kennis", "reserve", true))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("WAITLISTED"));

        as("tenant-organisation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", equalTo("APPOINTED"))
                .body("seated", equalTo(2))
                .body("waitlisted", equalTo(1))
                .body("participants.find { it.tenantRef == '" + refs.get(2) + "' }.waitlistPosition", equalTo(1))
                .body("participants.find { it.tenantRef == '" + refs.get(3) + "' }.outcome", equalTo("NOT_SELECTED"))
                .body(
                        "participants.find { it.tenantRef == '" + refs.get(0) + "' }.selectionReason",
                        equalTo("Kent het onderhoudsplan"));
        // the appointed hear they have a place, the reserve its place on the waitlist, the rest that the seats are
        // given
        assertEquals(
                new TreeSet<>(List.of(
                        Seating.SEATED + " " + refs.get(0),
                        Seating.SEATED + " " + refs.get(1),
                        Seating.WAITLISTED + " " + refs.get(2) + " 1",
                        Seating.NOT_SEATED + " " + refs.get(3))),
                seatMessages(messages, id, 4));

        // a decline: the reserve takes the seat; attendance and compensation as after a draw
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(0) + "/decline")
                .then()
                .statusCode(200)
                .body("replacement", equalTo(refs.get(2)));
        as("tenant-organisation")
                .body(Map.of("tenantRefs", List.of(refs.get(2))))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(1) + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(10000));
        // the seat of the one who declined stays free: the board may appoint someone not selected
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(3), "reason", "Bereid in te vallen"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(409)
                .body("detail", containsString("all 2 seats are taken"));
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(1) + "/decline")
                .then()
                .statusCode(200)
                .body("replacement", nullValue())
                .body("reason", containsString("the board may appoint"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(3), "reason", "Bereid in te vallen"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SELECTED"));
        // the reserve who moved up and the one appointed later have a place too
        assertEquals(
                new TreeSet<>(List.of(Seating.SEATED + " " + refs.get(2), Seating.SEATED + " " + refs.get(3))),
                seatMessages(messages, id, 2));
        messages.close();
    }

    @Test
    void anOpenEveningSeatsOnSignUpUpToCapacityAndTheWaitlistMovesUp() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = tenants(complex, 3);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = as("corporation")
                .body(Fixtures.campaign("THEME_EVENING", "corporation", 2, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("OPEN_UP_TO_CAPACITY"))
                .extract()
                .path("id");
        List<String> sessions =
                as("corporation").get(BASE + "/" + id).then().extract().path("sessions.id");
        Fixtures.open("corporation", id).then().statusCode(200);
        for (String ref : refs) {
            signUp(id, ref);
        }
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("outcome", equalTo(List.of("SELECTED", "SELECTED", "WAITLISTED")));
        assertEquals(
                new TreeSet<>(List.of(
                        Seating.SEATED + " " + refs.get(0),
                        Seating.SEATED + " " + refs.get(1),
                        Seating.WAITLISTED + " " + refs.get(2) + " 1")),
                seatMessages(messages, id, 3));
        // a guest has the place as they sign up: attendance while sign-ups are still open
        as("corporation")
                .body(Map.of("tenantRefs", List.of(refs.get(0))))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(0) + "/attendance")
                .then()
                .statusCode(200);
        as("corporation")
                .body(Map.of("tenantRefs", List.of(refs.get(2))))
                .post(BASE + "/" + id + "/sessions/" + sessions.get(0) + "/attendance")
                .then()
                .statusCode(422);
        // a guest withdraws: the first on the waitlist takes the place
        as("corporation")
                .delete(BASE + "/" + id + "/signups/" + refs.get(1))
                .then()
                .statusCode(200);
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("find { it.tenantRef == '" + refs.get(2) + "' }.outcome", equalTo("SELECTED"));
        // moved up from the waitlist: now a place
        assertEquals(new TreeSet<>(List.of(Seating.SEATED + " " + refs.get(2))), seatMessages(messages, id, 1));
        messages.close();
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", equalTo("FIRST_COME"))
                .body("seated", equalTo(2))
                .body("lottery", equalTo(false));
        as("corporation")
                .post(BASE + "/" + id + "/participants/" + refs.get(2) + "/confirm")
                .then()
                .statusCode(200);
    }
}
