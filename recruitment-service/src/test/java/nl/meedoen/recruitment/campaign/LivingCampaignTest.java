package nl.meedoen.recruitment.campaign;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.Events;
import nl.meedoen.devinfra.TestInfra;
import nl.meedoen.organisations.RegisteredOrganisations;
import nl.meedoen.recruitment.Fixtures;
import nl.meedoen.recruitment.Parallel;
import nl.meedoen.recruitment.reminder.SessionReminders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Campaigns that live: the statement agreed before opening, edits, cancellation, sessions with reminders, terms with rotation. */
@QuarkusTest
class LivingCampaignTest {

    @Inject
    SessionReminders reminders;

    private static io.restassured.specification.RequestSpecification asClient(String client, String role) {
        java.nio.file.Path dir = java.nio.file.Path.of(java.net.URI.create(TestInfra.publicKeyLocation()))
                .getParent();
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(DevTokens.inDirectory(dir).token(client, role))
                .contentType(io.restassured.http.ContentType.JSON);
    }

    private static void signUp(String id, String ref) {
        as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE", "motivation", "Ik doe mee"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201);
    }

    /** The messages of one kind for one campaign: exactly n arrive, and no more once the outbox has relayed everything. */
    private static List<JsonPath> messages(
            KafkaConsumer<String, String> consumer, String campaignId, String kind, int n) {
        Predicate<ConsumerRecord<String, String>> match =
                r -> r.value() != null && r.value().contains("recruitment:" + campaignId + ":" + kind + ":");
        var found = new ArrayList<>(Events.await(consumer, match, n, Duration.ofSeconds(20)));
        found.addAll(Events.restOnceRelayed(
                consumer,
                match,
                Arc.container().instance(AgroalDataSource.class).get()));
        assertEquals(n, found.size(), found.toString());
        return found.stream().map(r -> JsonPath.from(r.value())).toList();
    }

    @Test
    void aCoOwnedCampaignOpensOnlyWithAStatementBothPartiesSigned() {
        String partner = RegisteredOrganisations.register("hv-" + UUID.randomUUID());
        Map<String, Object> body = Fixtures.campaign("TENANT_COUNCIL_ONE_OFF", "corporation", 5, "C-x", "NONE", 0);
        body.put("partnerOrganisation", partner);
        String id = as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .body("statementUnsignedBy", equalTo(List.of("corporation", "tenant-organisation")))
                .extract()
                .path("id");
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .body("type", containsString("no-statement"))
                .body("detail", startsWith("campaign is DRAFT"));
        as("corporation")
                .post(BASE + "/" + id + "/statement/signatures")
                .then()
                .statusCode(409)
                .body("type", containsString("no-statement"));
        // a field rule names the field; nothing changes
        Map<String, Object> noGoal = new java.util.HashMap<>(Fixtures.statement());
        noGoal.remove("goal");
        as("corporation")
                .body(noGoal)
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("statement.goal"));
        as("corporation").get(BASE + "/" + id).then().body("statement", equalTo(null));

        as("corporation")
                .body(Fixtures.statement())
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200)
                .body("statement.influenceLevel", equalTo("ADVISE"));
        as("corporation")
                .post(BASE + "/" + id + "/statement/signatures")
                .then()
                .statusCode(200)
                .body("statementSignatures.corporation.client", notNullValue())
                .body("statementUnsignedBy", equalTo(List.of("tenant-organisation")));
        as("corporation")
                .post(BASE + "/" + id + "/open")
                .then()
                .statusCode(409)
                .body("type", containsString("statement-not-agreed"))
                .body("detail", containsString("tenant-organisation"));
        // the partner sees it and signs; another tenant organisation does not see it; ops do not sign
        asClient("hv-other", "tenant-organisation")
                .post(BASE + "/" + id + "/statement/signatures")
                .then()
                .statusCode(404);
        as("ops").post(BASE + "/" + id + "/statement/signatures").then().statusCode(403);
        asClient(partner, "tenant-organisation")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        asClient(partner, "tenant-organisation")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("partnerOrganisation", equalTo(partner));
        asClient(partner, "tenant-organisation")
                .body(Map.of("seats", 9))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(403); // the organiser changes it
        asClient(partner, "tenant-organisation")
                .post(BASE + "/" + id + "/statement/signatures")
                .then()
                .statusCode(200)
                .body("statementSignatures.tenant-organisation.client", equalTo(partner))
                .body("statementUnsignedBy", equalTo(List.of()));
        // a different statement is not what was signed
        Map<String, Object> other = new java.util.HashMap<>(Fixtures.statement());
        other.put("goal", "Iets anders");
        as("corporation")
                .body(other)
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200)
                .body("statementSignatures", equalTo(Map.of()));
        as("corporation").post(BASE + "/" + id + "/statement/signatures").then().statusCode(200);
        asClient(partner, "tenant-organisation")
                .post(BASE + "/" + id + "/statement/signatures")
                .then()
                .statusCode(200);
        as("corporation").post(BASE + "/" + id + "/open").then().statusCode(200).body("status", equalTo("OPEN"));
        as("corporation")
                .body(Fixtures.statement())
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is OPEN"));
    }

    @Test
    void editBeforeOpeningThenOnlySeatsAndNeverBelowTheSeated() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 3);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = as("corporation")
                .body(Fixtures.campaign("MEETING_WITHOUT_AGENDA", "corporation", 5, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("selectionMode", equalTo("OPEN_UP_TO_CAPACITY"))
                .body("standing", equalTo(false))
                .extract()
                .path("id");
        as("corporation")
                .body(Map.of("title", "Koffie zonder agenda", "seats", 2))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Koffie zonder agenda"))
                .body("seats", equalTo(2));
        as("corporation")
                .body(Map.of("seats", 0, "selectionMode", "SOMETIMES"))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("seats"))
                .body("errors.field", hasItem("selectionMode"));
        as("tenant-organisation")
                .body(Map.of("title", "x"))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(404);
        as("ops").body(Map.of("title", "x")).patch(BASE + "/" + id).then().statusCode(403);
        as("corporation")
                .get(BASE + "/" + id)
                .then()
                .body("seats", equalTo(2))
                .body("title", equalTo("Koffie zonder agenda"));

        Fixtures.open("corporation", id).then().statusCode(200);
        refs.forEach(ref -> signUp(id, ref));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("outcome", equalTo(List.of("SELECTED", "SELECTED", "WAITLISTED")));
        as("corporation")
                .body(Map.of("title", "Later"))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        startsWith(
                                "campaign is OPEN (OPEN_UP_TO_CAPACITY): after opening only seats may change, not title"));
        as("corporation")
                .body(Map.of("seats", 1))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo(
                                "campaign is OPEN (OPEN_UP_TO_CAPACITY): 2 seats are taken; seats cannot go below that (1 asked)"));
        // one more seat: the first on the waitlist takes it and hears so
        as("corporation")
                .body(Map.of("seats", 3))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("seats", equalTo(3));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("outcome", equalTo(List.of("SELECTED", "SELECTED", "SELECTED")));
        assertEquals(3, messages(messages, id, "recruitment.seated", 3).size());
        messages.close();
    }

    @Test
    void cancellingTellsEveryoneWhoSignedUpOnceAndStopsEverything() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 3);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        var events = Events.consumer(RecruitmentEventV1.TOPIC);
        String id = Fixtures.openCampaign(Fixtures.campaign("THEME_EVENING", "corporation", 2, complex, "NONE", 0));
        refs.forEach(ref -> signUp(id, ref));
        as("corporation")
                .body(Map.of())
                .post(BASE + "/" + id + "/cancel")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("reason"));
        as("ops")
                .body(Map.of("reason", "x"))
                .post(BASE + "/" + id + "/cancel")
                .then()
                .statusCode(403);
        as("corporation")
                .body(Map.of("reason", "De zaal is niet beschikbaar"))
                .post(BASE + "/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancelledReason", equalTo("De zaal is niet beschikbaar"));
        // the two seated and the one waitlisted each hear it, once, as a service message with the reason
        var told = messages(messages, id, Campaigns.CANCELLED_MESSAGE, 3);
        assertEquals(
                new TreeSet<>(refs),
                new TreeSet<>(told.stream().map(m -> m.getString("tenantRef")).toList()));
        told.forEach(m -> {
            assertEquals(MessageRequestV1.SERVICE, m.getString("purpose"));
            assertEquals("De zaal is niet beschikbaar", m.getString("data.reason"));
            assertEquals("Groep THEME_EVENING", m.getString("data.campaignTitle"));
        });
        messages.close();
        var cancelled = Events.await(
                events,
                r -> r.key().equals(id) && Campaigns.CAMPAIGN_CANCELLED.equals(Events.header(r, "ce_type")),
                1,
                Duration.ofSeconds(20));
        assertEquals(1, cancelled.size());
        assertTrue(
                Events.matchesSchema(
                        "campaign-event.v1.schema.json", cancelled.get(0).value()),
                cancelled.get(0).value());
        events.close();
        // every later operation: 409 naming CANCELLED
        as("corporation")
                .body(Map.of("reason", "nogmaals"))
                .post(BASE + "/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CANCELLED"));
        as("corporation")
                .body(Map.of("seats", 5))
                .patch(BASE + "/" + id)
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CANCELLED"));
        as("corporation")
                .post(BASE + "/" + id + "/close")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CANCELLED"));
        as("corporation")
                .body(Map.of("startsAt", OffsetDateTime.now().plusDays(3).toString(), "place", "Buurthuis"))
                .post(BASE + "/" + id + "/sessions")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CANCELLED"));
        as("corporation")
                .body(Map.of("tenantRef", Fixtures.tenants(complex, 1).get(0), "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(409);
        as("corporation")
                .body(Map.of("outcome", "x"))
                .post(BASE + "/" + id + "/outcome")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CANCELLED"));
    }

    @Test
    void aSessionAddedLaterRemindsEverySeatedParticipantOnceEvenWithTwoSendersAtOnce() throws Exception {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 3);
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String id = Fixtures.openCampaign(
                Fixtures.campaign("CUSTOMER_ARENA", "corporation", 2, complex, "PER_SESSION", 1500));
        refs.forEach(ref -> signUp(id, ref)); // two seated, one waitlisted
        as("corporation")
                .body(Map.of("startsAt", OffsetDateTime.now().minusHours(1).toString(), "place", "Buurthuis"))
                .post(BASE + "/" + id + "/sessions")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("startsAt"));
        as("corporation")
                .body(Map.of("startsAt", OffsetDateTime.now().plusHours(3).toString()))
                .post(BASE + "/" + id + "/sessions")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("place"));
        OffsetDateTime startsAt =
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).withNano(0);
        String session = as("corporation")
                .body(Map.of("startsAt", startsAt.toString(), "place", "Klantenarena Noord"))
                .post(BASE + "/" + id + "/sessions")
                .then()
                .statusCode(201)
                .body("place", equalTo("Klantenarena Noord"))
                .extract()
                .path("id");
        as("corporation").get(BASE + "/" + id).then().body("sessions.id", hasItem(session));

        // two replicas' schedulers at once, then once more: one reminder per seated participant
        Parallel.run(List.of(() -> reminders.sendDue(), () -> reminders.sendDue()));
        assertEquals(0, reminders.sendDue());
        Predicate<ConsumerRecord<String, String>> match = r -> r.value() != null
                && r.value().contains("recruitment:" + id + ":" + SessionReminders.MESSAGE + ":" + session + ":");
        var found = new ArrayList<>(Events.await(messages, match, 2, Duration.ofSeconds(20)));
        found.addAll(Events.restOnceRelayed(
                messages,
                match,
                Arc.container().instance(AgroalDataSource.class).get()));
        assertEquals(2, found.size(), found.toString());
        assertEquals(
                new TreeSet<>(refs.subList(0, 2)),
                new TreeSet<>(found.stream().map(ConsumerRecord::key).toList()));
        for (var r : found) {
            JsonPath m = JsonPath.from(r.value());
            assertEquals(MessageRequestV1.SERVICE, m.getString("purpose"));
            assertEquals("Klantenarena Noord", m.getString("data.location"));
            assertEquals(
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .format(startsAt.atZoneSameInstant(java.time.ZoneId.of("Europe/Amsterdam"))),
                    m.getString("data.sessionDate"));
        }
        messages.close();
        long claims = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Campaign.getEntityManager()
                                .createNativeQuery("SELECT count(*) FROM session_reminder WHERE session_id = ?1")
                                .setParameter(1, UUID.fromString(session))
                                .getSingleResult())
                        .longValue());
        assertEquals(2, claims);
        // attendance and compensation for the new session as for the others
        as("corporation")
                .body(Map.of("tenantRefs", List.of(refs.get(0))))
                .post(BASE + "/" + id + "/sessions/" + session + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(1500));
    }

    @Test
    void aStandingWorkGroupRotatesAtItsTermEnd() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 4);
        String id = as("tenant-organisation")
                .body(Fixtures.campaign("WORK_GROUP", "tenant-organisation", 2, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("standing", equalTo(true))
                .body("termNumber", equalTo(1))
                .extract()
                .path("id");
        Fixtures.open("tenant-organisation", id).then().statusCode(200);
        refs.subList(0, 3).forEach(ref -> signUp(id, ref));
        as("tenant-organisation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("tenant-organisation")
                .body(Map.of())
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is CLOSED (APPOINTMENT): a term ends once its seats are given"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0), "reason", "Kent het complex"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200);
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(1), "reason", "Ervaring"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200);
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(2), "reason", "Reserve", "reserve", true))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200);
        as("tenant-organisation").post(BASE + "/" + id + "/seating").then().statusCode(200);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> next = Map.of(
                "staying",
                List.of(refs.get(0)),
                "nextTermEnd",
                today.plusYears(2).toString(),
                "signupCloses",
                today.plusDays(14).toString());
        as("tenant-organisation")
                .body(Map.of(
                        "staying",
                        List.of(refs.get(3)),
                        "nextTermEnd",
                        today.plusYears(2).toString(),
                        "signupCloses",
                        today.plusDays(14).toString()))
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("staying"));
        as("tenant-organisation")
                .body(next)
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("termNumber", equalTo(2))
                .body("termEnd", equalTo(today.plusYears(2).toString()));
        // the one who stayed keeps the seat, the reserve takes the free one, the other leaves
        as("tenant-organisation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("find { it.tenantRef == '" + refs.get(0) + "' }.outcome", equalTo("SELECTED"))
                .body("find { it.tenantRef == '" + refs.get(1) + "' }.outcome", equalTo("TERM_ENDED"))
                .body("find { it.tenantRef == '" + refs.get(2) + "' }.outcome", equalTo("SELECTED"));
        // a new sign-up for the next term; the board appoints nobody (no seat free): not seated
        signUp(id, refs.get(3));
        as("tenant-organisation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("tenant-organisation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seated", equalTo(2))
                .body("participants.find { it.tenantRef == '" + refs.get(3) + "' }.outcome", equalTo("NOT_SELECTED"));
        // the last term: the work group ends
        as("tenant-organisation")
                .body(Map.of())
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("ENDED"));
        as("tenant-organisation")
                .body(next)
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(409)
                .body("detail", startsWith("campaign is ENDED"));
    }

    @Test
    void aFocusGroupHasNoNextTerm() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 1);
        String id = as("tenant-organisation")
                .body(Fixtures.campaign("FOCUS_GROUP", "tenant-organisation", 2, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("standing", equalTo(false))
                .extract()
                .path("id");
        Fixtures.open("tenant-organisation", id).then().statusCode(200);
        signUp(id, refs.get(0));
        as("tenant-organisation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("tenant-organisation")
                .body(Map.of("tenantRef", refs.get(0), "reason", "Kent het beleid"))
                .post(BASE + "/" + id + "/appointments")
                .then()
                .statusCode(200);
        as("tenant-organisation").post(BASE + "/" + id + "/seating").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as("tenant-organisation")
                .body(Map.of(
                        "nextTermEnd",
                        today.plusYears(1).toString(),
                        "signupCloses",
                        today.plusDays(5).toString()))
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("nextTermEnd"));
        as("tenant-organisation").get(BASE + "/" + id).then().body("status", equalTo("SEATED"));
    }

    @Test
    void aStandingTenantCouncilDrawnByLotteryGivesItsFreeSeatsToTheDrawOrderThenSeatsTheNewSignUps() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 4);
        String id = as("corporation")
                .body(Fixtures.campaign("TENANT_COUNCIL_STANDING", "corporation", 2, complex, "PER_SESSION", 2000))
                .post(BASE)
                .then()
                .statusCode(201)
                .body("standing", equalTo(true))
                .body("selectionMode", equalTo("LOTTERY_WHEN_OVERSUBSCRIBED"))
                .extract()
                .path("id");
        Fixtures.open("corporation", id).then().statusCode(200);
        refs.subList(0, 3).forEach(ref -> signUp(id, ref));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        Fixtures.commitCeremony("corporation", id);
        assertEquals(
                "SUCCEEDED",
                Fixtures.commitDraw("corporation", id, Map.of("algorithm", "uniform"))
                        .getString("status"));
        Fixtures.drawFromCeremony("corporation", id).statusCode(200);
        JsonPath signups = as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .extract()
                .jsonPath();
        List<String> seated = signups.getList("findAll { it.outcome == 'SELECTED' }.tenantRef");
        String waiting = signups.getString("find { it.outcome == 'WAITLISTED' }.tenantRef");
        assertEquals(2, seated.size());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as("corporation")
                .body(Map.of(
                        "staying",
                        List.of(seated.get(0)),
                        "nextTermEnd",
                        today.plusYears(2).toString(),
                        "signupCloses",
                        today.plusDays(7).toString()))
                .post(BASE + "/" + id + "/term/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("termNumber", equalTo(2));
        // the free seat went to the draw order's first; the one who left holds none
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("find { it.tenantRef == '" + waiting + "' }.outcome", equalTo("SELECTED"))
                .body("find { it.tenantRef == '" + seated.get(1) + "' }.outcome", equalTo("TERM_ENDED"));
        // those who stayed keep attending (and are paid) while the next term's sign-ups run
        String session = as("corporation")
                .body(Map.of("startsAt", OffsetDateTime.now().plusDays(30).toString(), "place", "Stadhuis"))
                .post(BASE + "/" + id + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("corporation")
                .body(Map.of("tenantRefs", List.of(seated.get(0))))
                .post(BASE + "/" + id + "/sessions/" + session + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(2000));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(seated.get(1))))
                .post(BASE + "/" + id + "/sessions/" + session + "/attendance")
                .then()
                .statusCode(422);
        // a new sign-up and one more seat for it: term 2's seating seats it without a lottery (the first term's draw
        // stays the record)
        signUp(id, refs.get(3));
        as("corporation").body(Map.of("seats", 3)).patch(BASE + "/" + id).then().statusCode(200);
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation")
                .post(BASE + "/" + id + "/seating")
                .then()
                .statusCode(200)
                .body("seating", equalTo("EVERYONE_SEATED"))
                .body("seated", equalTo(3));
        as("corporation")
                .get(BASE + "/" + id + "/signups")
                .then()
                .body("find { it.tenantRef == '" + refs.get(3) + "' }.outcome", equalTo("SELECTED"));
    }
}
