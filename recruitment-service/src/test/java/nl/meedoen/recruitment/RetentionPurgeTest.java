package nl.meedoen.recruitment;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditRetention;
import nl.meedoen.commons.retention.RetentionSchedule;
import nl.meedoen.recruitment.compensation.CompensationRetention;
import org.junit.jupiter.api.Test;

/**
 * What erasure keeps is deleted once its stated retention lapsed (docs/retention.md): compensation payments and those
 * paid elsewhere seven years after the end of their year, audit entries after five years.
 */
@QuarkusTest
class RetentionPurgeTest {
    private static final int THIS_YEAR = LocalDate.now(ZoneOffset.UTC).getYear();

    @Inject
    CompensationRetention compensation;

    @Inject
    AuditRetention auditRetention;

    @Inject
    RetentionSchedule schedule;

    @Inject
    EntityManager em;

    @Test
    void paymentsOfYearsPastTheFiscalRetentionAreDeletedAndTheRestKept() {
        String campaign = as("corporation")
                .body(Fixtures.campaign("FOCUS_GROUP", "corporation", 2, "C-" + UUID.randomUUID(), "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ref = "T-" + UUID.randomUUID();
        long purgesBefore = count("SELECT count(*) FROM audit_log WHERE action = 'compensation.purged'");
        for (int year : List.of(THIS_YEAR - 8, THIS_YEAR - 7, THIS_YEAR)) {
            sql(
                    "INSERT INTO compensation_payment (id, tenant_ref, year, campaign_id, requested_cents, paid_cents, capped,"
                            + " created_at) VALUES (gen_random_uuid(), '" + ref + "', " + year + ", '" + campaign
                            + "', 2000, 2000, false, make_timestamptz(" + year + ", 6, 1, 12, 0, 0, 'UTC'))");
            sql("INSERT INTO compensation_paid_elsewhere (id, tenant_ref, year, amount_cents, note, recorded_by,"
                    + " recorded_at) VALUES (gen_random_uuid(), '" + ref + "', " + year + ", 5000, 'gemeente', 'staff',"
                    + " make_timestamptz(" + year + ", 12, 1, 12, 0, 0, 'UTC'))");
        }

        // the daily schedule runs this service's purges: the compensation's among them
        assertEquals(2, schedule.runAll(), "the payment and the paid-elsewhere record of eight years ago");

        // seven years ago is still within the retention (it ends with this year), as is this year
        assertEquals(List.of(THIS_YEAR - 7, THIS_YEAR), years("compensation_payment", ref));
        assertEquals(List.of(THIS_YEAR - 7, THIS_YEAR), years("compensation_paid_elsewhere", ref));
        assertEquals(0, compensation.purge(), "nothing more to delete");
        assertEquals(purgesBefore + 1, count("SELECT count(*) FROM audit_log WHERE action = 'compensation.purged'"));
    }

    @Test
    void auditEntriesOlderThanFiveYearsAreDeleted() {
        String subject = "T-" + UUID.randomUUID();
        long purgesBefore = count("SELECT count(*) FROM audit_log WHERE action = 'audit.purged'");
        for (String occurred : List.of(
                "now() - interval '5 years' - interval '1 day'",
                "now() - interval '5 years' + interval '1 day'",
                "now() - interval '1 day'")) {
            sql("INSERT INTO audit_log (occurred_at, actor, actor_roles, action, subject_type, subject_id) VALUES ("
                    + occurred + ", 'staff', 'ops', 'tenant.read', 'tenant', '" + subject + "')");
        }

        assertEquals(1, auditRetention.purge());

        assertEquals(2L, count("SELECT count(*) FROM audit_log WHERE subject_id = '" + subject + "'"));
        assertEquals(
                0L,
                count("SELECT count(*) FROM audit_log WHERE subject_id = '" + subject
                        + "' AND occurred_at < now() - interval '5 years'"));
        // the purge is on the record itself
        assertEquals(purgesBefore + 1, count("SELECT count(*) FROM audit_log WHERE action = 'audit.purged'"));
        assertEquals(0, auditRetention.purge());
    }

    private List<Integer> years(String table, String ref) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT year FROM " + table + " WHERE tenant_ref = ?1 ORDER BY year", Integer.class)
                        .setParameter(1, ref)
                        .getResultList());
    }

    private long count(String query) {
        return ((Number) QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery(query).getSingleResult()))
                .longValue();
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(statement).executeUpdate());
    }
}
