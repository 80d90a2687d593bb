package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.meedoen.devinfra.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Limits that must hold across replicas, not only across threads of one process: a second process of the service runs
 * on the same database (as a second pod would), and the parallel calls are split between it and the one behind the
 * gateway. Each limit is enforced in PostgreSQL (row locks, conditional updates), so two JVMs may not get past it
 * where two threads cannot. The single-process versions stay in the services' own tests.
 */
@ExtendWith(PlatformExtension.class)
class TwoReplicasIT {

    static final String CAMPAIGNS = "/api/v1/campaigns";

    /** Six sessions of €1,000 for one tenant, recorded at once through two recruitment-service processes: €2,100 paid. */
    @Test
    void theYearlyCompensationMaximumHoldsAcrossTwoProcesses(Platform platform) {
        String tag = Journeys.tag();
        String complex = "C-" + tag;
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            refs.add(Journeys.register(
                    platform, "R2-" + tag + "-" + i, complex, Journeys.neighbourhood(), 1970 + i, 60 + i));
        }
        Journeys.awaitPopulation(platform, "campaigns", refs);
        int year = LocalDate.now(ZoneOffset.UTC).getYear() + 1; // a year nothing else pays in
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            sessions.add(Map.of("startsAt", year + "-0" + i + "-15T19:00:00+01:00", "place", "Buurthuis"));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> campaign = new TreeMap<>(Map.of(
                "form",
                "TENANT_COUNCIL_ONE_OFF",
                "organiserParty",
                "corporation",
                "title",
                "Huurdersraad " + tag,
                "theme",
                "Onderhoud",
                "seats",
                3,
                "signupOpens",
                today.minusDays(1).toString(),
                "signupCloses",
                today.plusDays(10).toString(),
                "termEnd",
                today.plusYears(2).toString(),
                "eligibility",
                List.of(Map.of("attribute", "complexId", "values", List.of(complex))),
                "sessions",
                sessions));
        campaign.put("compensation", Map.of("type", "PER_SESSION", "amountCents", 100000));
        String id = Journeys.openCampaign(platform, campaign);
        for (String ref : refs) {
            platform.api()
                    .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                    .post(CAMPAIGNS + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        platform.api().post(CAMPAIGNS + "/" + id + "/close").then().statusCode(200);
        platform.api().post(CAMPAIGNS + "/" + id + "/seating").then().statusCode(200);
        List<String> sessionIds = platform.api()
                .get(CAMPAIGNS + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("sessions.id");
        assertEquals(6, sessionIds.size());

        String tenant = refs.get(0);
        try (Replica replica = Replica.start(platform, App.RECRUITMENT)) {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < sessionIds.size(); i++) {
                Supplier<RequestSpecification> via = i % 2 == 0 ? platform::api : replica::api;
                String session = sessionIds.get(i);
                calls.add(() -> via.get()
                        .body(Map.of("tenantRefs", List.of(tenant)))
                        .post(CAMPAIGNS + "/" + id + "/sessions/" + session + "/attendance"));
            }
            List<Response> answers = atOnce(calls);
            answers.forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
            long paid = answers.stream()
                    .mapToLong(r -> r.jsonPath().getLong("[0].paidCents"))
                    .sum();
            assertEquals(210000, paid, "€6,000 asked through two processes, the yearly maximum €2,100 paid");
            String ledger = platform.api()
                    .accept("text/csv")
                    .get(CAMPAIGNS + "/compensation/ledger.csv?year=" + year)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertEquals(
                    1,
                    ledger.lines()
                            .filter(line -> line.startsWith(tenant + "," + year + ",6000.00,2100.00,"))
                            .count(),
                    ledger);
        }
    }

    /** Ten messages for one tenant asked at once through two notification-service processes: the budget of 4 holds. */
    @Test
    void theContactBudgetHoldsAcrossTwoProcesses(Platform platform) {
        String tag = Journeys.tag();
        String tenant = Journeys.register(platform, "B2-" + tag, "C-" + tag, Journeys.neighbourhood(), 1960, 7);
        int asked = 10;
        try (Replica replica = Replica.start(platform, App.NOTIFICATION)) {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < asked; i++) {
                Supplier<RequestSpecification> via = i % 2 == 0 ? platform::api : replica::api;
                String body = """
                        {"requestId":"budget-%s-%d","tenantRef":"%s","purpose":"consultation","templateKey":"consultation.invitation",
                         "data":{"consultationTitle":"Speeltuin %d","goal":"samen kiezen","closesOn":"15 maart","invitationUrl":"https://example.nl/i/%d"}}""".formatted(tag, i, tenant, i, i);
                calls.add(() -> via.get().body(body).post("/api/v1/messages"));
            }
            List<Response> answers = atOnce(calls);
            answers.forEach(r -> assertEquals(202, r.statusCode(), r.asString()));
            long held = answers.stream()
                    .filter(r -> "BUDGET_EXHAUSTED".equals(r.jsonPath().getString("reason")))
                    .count();
            assertEquals(asked - 4, held, "exactly the budget (4) goes out, whichever process decided");
            // the replica's email worker may have taken some: the messages go before it is stopped
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> platform.smtp().mailsTo(Journeys.email(tenant)).size() == 4);
        }
    }

    /** All calls released at the same moment, as parallel requests from several clients. */
    static List<Response> atOnce(List<Callable<Response>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A second process of a service on its own port, called directly (the gateway routes to the first). */
    record Replica(Platform platform, int port) implements AutoCloseable {

        static Replica start(Platform platform, App app) {
            int port = FreePort.pick();
            platform.stack().startReplica(app, port);
            return new Replica(platform, port);
        }

        RequestSpecification api() {
            return given().baseUri("http://localhost:" + port)
                    .contentType("application/json")
                    .accept("application/json")
                    .header("Authorization", "Bearer " + platform.token("corporation"));
        }

        @Override
        public void close() {
            platform.stack().stopReplica(port);
        }
    }
}
