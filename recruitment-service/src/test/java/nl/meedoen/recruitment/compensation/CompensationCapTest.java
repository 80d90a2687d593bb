package nl.meedoen.recruitment.compensation;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import nl.meedoen.recruitment.Fixtures;
import nl.meedoen.recruitment.Parallel;
import nl.meedoen.recruitment.RecruitmentConfig;
import org.junit.jupiter.api.Test;

/** The yearly allowance maximum holds under parallel calls and counts what was paid elsewhere; the maxima are configuration. */
@QuarkusTest
class CompensationCapTest {
    static final int YEAR = 2027;

    @Inject
    RecruitmentConfig recruitment;

    @Inject
    javax.sql.DataSource dataSource;

    /** A campaign seated without a lottery (3 sign-ups, 3 seats), {@code sessions} sessions in 2027 paying €1,000 each. */
    static Map.Entry<String, List<String>> seatedCampaign(List<String> refs, int sessions) {
        String complex = "C-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            String ref = "T-" + UUID.randomUUID();
            Fixtures.member(ref, complex, "35-64", "H-" + ref);
            refs.add(ref);
        }
        Map<String, Object> campaign =
                Fixtures.lotteryCampaign("TENANT_COUNCIL_ONE_OFF", "corporation", 3, complex, "PER_SESSION", 100000);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            list.add(Map.of(
                    "startsAt", YEAR + "-0" + (i % 9 + 1) + "-1" + (i / 9) + "T19:00:00+01:00", "place", "Buurthuis"));
        }
        campaign.put("sessions", list);
        String id = Fixtures.openCampaign(campaign);
        for (String ref : refs) {
            as("corporation")
                    .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                    .post(BASE + "/" + id + "/signups")
                    .then()
                    .statusCode(201);
        }
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        as("corporation").post(BASE + "/" + id + "/seating").then().statusCode(200);
        List<String> sessionIds = as("corporation")
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("sessions.id");
        return Map.entry(id, sessionIds);
    }

    static long paid(String ref, int year) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        CompensationPayment.<CompensationPayment>list("tenantRef = ?1 and year = ?2", ref, year)
                                .stream()
                                .mapToLong(p -> p.paidCents)
                                .sum());
    }

    /**
     * Six sessions of €1,000 recorded at the same moment (six callers, six connections — as two replicas would be) for
     * one tenant: together they ask €6,000; the maximum of €2,100 holds exactly, however they interleave.
     */
    @Test
    void parallelAttendanceForOneTenantNeverPaysPastTheYearlyMaximum() {
        List<String> refs = new ArrayList<>();
        var c = seatedCampaign(refs, 6);
        String tenant = refs.get(0);
        List<Callable<Response>> calls = new ArrayList<>();
        for (String session : c.getValue()) {
            calls.add(() -> as("corporation")
                    .body(Map.of("tenantRefs", List.of(tenant, refs.get(1))))
                    .post(BASE + "/" + c.getKey() + "/sessions/" + session + "/attendance"));
        }
        long started = System.nanoTime();
        List<Response> answers = Parallel.run(calls);
        long ms = (System.nanoTime() - started) / 1_000_000;
        answers.forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
        assertEquals(210000, paid(tenant, YEAR), "the cap holds under parallel calls");
        assertEquals(210000, paid(refs.get(1), YEAR));
        long capped = answers.stream()
                .flatMap(r -> r.jsonPath().<Map<String, Object>>getList("$").stream())
                .filter(p -> tenant.equals(p.get("tenantRef")) && Boolean.TRUE.equals(p.get("capped")))
                .count();
        assertEquals(4, capped, "€1,000 + €1,000 + €100 capped + 3 × €0 capped");
        System.out.println(
                "[cap] 6 parallel attendance calls for one tenant: " + ms + " ms, paid 2100.00 of 6000.00 asked");
        as("corporation")
                .get(BASE + "/compensation/ledger?year=" + YEAR)
                .then()
                .statusCode(200)
                .body("find { it.tenantRef == '" + tenant + "' }.paidCents", equalTo(210000))
                .body("find { it.tenantRef == '" + tenant + "' }.requestedCents", equalTo(600000));
    }

    @Test
    void anAllowancePaidElsewhereCountsTowardsTheMaximum() {
        List<String> refs = new ArrayList<>();
        var c = seatedCampaign(refs, 2);
        String tenant = refs.get(2);
        as("corporation")
                .body(Map.of("tenantRef", tenant, "year", YEAR, "amountCents", 150000, "note", "Buurthuis, jan–jun"))
                .post(BASE + "/compensation/paid-elsewhere")
                .then()
                .statusCode(201)
                .body("paidElsewhereCents", equalTo(150000))
                .body("remainingCents", equalTo(60000))
                .body("yearlyMaxCents", equalTo(210000));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(tenant)))
                .post(BASE + "/" + c.getKey() + "/sessions/" + c.getValue().get(0) + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(60000))
                .body("[0].capped", equalTo(true));
        as("corporation")
                .body(Map.of("tenantRefs", List.of(tenant)))
                .post(BASE + "/" + c.getKey() + "/sessions/" + c.getValue().get(1) + "/attendance")
                .then()
                .statusCode(200)
                .body("[0].paidCents", equalTo(0));
        as("ops")
                .get(BASE + "/compensation/paid-elsewhere?year=" + YEAR + "&tenantRef=" + tenant)
                .then()
                .statusCode(200)
                .body("[0].amountCents", equalTo(150000))
                .body("[0].paidHereCents", equalTo(60000))
                .body("[0].remainingCents", equalTo(0))
                .body("[0].note", equalTo("Buurthuis, jan–jun"));
        as("corporation")
                .get(BASE + "/compensation/ledger?year=" + YEAR)
                .then()
                .statusCode(200)
                .body("find { it.tenantRef == '" + tenant + "' }.paidElsewhereCents", equalTo(150000));
        // field rules are 422 naming the field; only the corporation records
        as("corporation")
                .body(Map.of("tenantRef", tenant, "year", YEAR))
                .post(BASE + "/compensation/paid-elsewhere")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("amountCents"))
                .body("detail", startsWith("amountCents"));
        as("corporation")
                .body(Map.of("tenantRef", tenant, "year", 1999, "amountCents", 5))
                .post(BASE + "/compensation/paid-elsewhere")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("year"));
        as("corporation")
                .body(Map.of("year", YEAR, "amountCents", 5))
                .post(BASE + "/compensation/paid-elsewhere")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tenantRef"));
        as("tenant-organisation")
                .body(Map.of("tenantRef", tenant, "year", YEAR, "amountCents", 5))
                .post(BASE + "/compensation/paid-elsewhere")
                .then()
                .statusCode(403);
        as("ops").get(BASE + "/compensation/paid-elsewhere").then().statusCode(400);
    }

    /**
     * Another replica is booking this tenant's year (it holds the per-tenant-and-year lock in the shared database): an
     * attendance call here waits for it and then counts what it paid — the lock is PostgreSQL's, not this JVM's.
     */
    @Test
    void anotherReplicaBookingTheSameTenantAndYearIsWaitedForAndCounted() throws Exception {
        List<String> refs = new ArrayList<>();
        var c = seatedCampaign(refs, 1);
        String tenant = refs.get(1);
        try (java.sql.Connection replica = dataSource.getConnection()) {
            replica.setAutoCommit(false);
            try (var lock = replica.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "recruitment.compensation:" + tenant + ":" + YEAR);
                lock.execute();
            }
            // the other replica pays €1,500 elsewhere-recorded for this tenant and year, then commits
            try (var insert = replica.prepareStatement(
                    "INSERT INTO compensation_paid_elsewhere (id, tenant_ref, year, amount_cents, recorded_by, recorded_at)"
                            + " VALUES (?, ?, ?, 150000, 'replica-2', now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, tenant);
                insert.setInt(3, YEAR);
                insert.executeUpdate();
            }
            var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> as("corporation")
                    .body(Map.of("tenantRefs", List.of(tenant)))
                    .post(BASE + "/" + c.getKey() + "/sessions/" + c.getValue().get(0) + "/attendance"));
            Thread.sleep(1500);
            assertTrue(!pending.isDone(), "the attendance call waits for the other replica");
            replica.commit();
            Response r = pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(
                    60000,
                    r.jsonPath().getInt("[0].paidCents"),
                    "it counted the other replica's €1,500: " + r.asString());
        }
    }

    @Test
    void theMaximaAreConfiguredForTheCurrentAndTheNextYear() {
        RecruitmentConfig.Compensation config = recruitment.compensation();
        int now = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
        assertTrue(
                config.yearlyMax().containsKey(String.valueOf(now)),
                config.yearlyMax().toString());
        assertTrue(
                config.yearlyMax().containsKey(String.valueOf(now + 1)),
                config.yearlyMax().toString());
        assertEquals(210000, config.yearlyMaxCents(2024));
        assertEquals(
                config.yearlyMaxCents(2090),
                config.yearlyMax().get("default").movePointRight(2).longValueExact());
    }
}
