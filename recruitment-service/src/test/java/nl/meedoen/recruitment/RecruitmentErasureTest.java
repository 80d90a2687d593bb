package nl.meedoen.recruitment;

import static nl.meedoen.recruitment.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

/** The tombstone on tenants.profile.v1 erases what recruitment-service holds of the tenant (docs/retention.md). */
@QuarkusTest
class RecruitmentErasureTest {

    @Inject
    EntityManager em;

    @Test
    void anUndecidedSignupGoesADecidedOneStaysUnderAPseudonymWithoutHerWordsAndPaymentsStay() {
        String complex = "C-" + UUID.randomUUID();
        String ref = "R-erased-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.member(ref, complex, "35-49", "H-" + ref);
        String undecided = Fixtures.campaignWithSignup(ref, complex, "Ik woon op nummer 12");
        String decided = Fixtures.campaignWithSignup(ref, complex, "Ik woon op nummer 12");
        sql("UPDATE signup SET outcome = 'SELECTED', selection_reason = 'Kent ' || tenant_ref"
                + " WHERE campaign_id = '" + decided + "'");
        sql("INSERT INTO compensation_paid_elsewhere (id, tenant_ref, year, amount_cents, recorded_by, recorded_at)"
                + " VALUES (gen_random_uuid(), '" + ref + "', 2026, 5000, 'corporation-client', now())");

        Events.publish(TenantProfileV1.TOPIC, ref, UUID.randomUUID().toString(), TenantProfileV1.ERASED, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("signup", ref) == 0);

        assertEquals(0, rows(undecided).size(), "a sign-up nothing was decided on is deleted");
        List<Object[]> kept = rows(decided);
        assertEquals(1, kept.size(), "a sign-up with an outcome stays");
        assertTrue(((String) kept.get(0)[0]).startsWith("erased-"), "under a pseudonym: " + kept.get(0)[0]);
        for (int text = 1; text <= 4; text++) {
            assertNull(kept.get(0)[text], "motivation, expertise, availability and the board's reason go");
        }
        assertEquals("SELECTED", kept.get(0)[5]);
        assertEquals(1, count("compensation_paid_elsewhere", ref), "payments are kept (fiscal retention)");
        as("corporation")
                .get("/api/v1/data-subjects/recruitment/" + ref)
                .then()
                .statusCode(200)
                .body("keySet()", org.hamcrest.Matchers.contains("compensation_paid_elsewhere"));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String campaign) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT tenant_ref, motivation, expertise, availability,"
                                + " selection_reason, outcome FROM signup WHERE campaign_id = CAST(?1 AS uuid)")
                        .setParameter(1, campaign)
                        .getResultList());
    }

    private long count(String table, String ref) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM " + table + " WHERE tenant_ref = ?1")
                                .setParameter(1, ref)
                                .getSingleResult())
                        .longValue());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(statement).executeUpdate());
    }
}
