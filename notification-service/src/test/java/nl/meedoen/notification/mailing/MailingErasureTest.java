package nl.meedoen.notification.mailing;

import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasure reaches a mailing's explicit audience and a materialisation cursor that stopped at her. */
@QuarkusTest
class MailingErasureTest {

    @Inject
    EntityManager em;

    @Test
    void sheLeavesTheAudienceAndTheCursorMovesToTheRecipientBeforeHer() {
        String prefix = newRef();
        String before = tenant(prefix + "-a", null, "nl", "LETTER");
        String erased = tenant(prefix + "-b", null, "nl", "LETTER");
        String after = tenant(prefix + "-c", null, "nl", "LETTER");
        UUID mailing = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("INSERT INTO mailing (id, name, template_key, purpose, data, explicit_list, status,"
                            + " cursor_ref, version, created_at) VALUES (?1, 'Erasure', 'consultation.invitation',"
                            + " 'consultation', '{}', true, 'PAUSED', ?2, 0, now())")
                    .setParameter(1, mailing)
                    .setParameter(2, erased)
                    .executeUpdate();
            for (String ref : List.of(before, erased, after)) {
                em.createNativeQuery("INSERT INTO mailing_recipient (mailing_id, tenant_ref) VALUES (?1, ?2)")
                        .setParameter(1, mailing)
                        .setParameter(2, ref)
                        .executeUpdate();
            }
        });

        as("corporation").delete("/api/v1/tenants/" + erased).then().statusCode(204);

        List<?> recipients = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT tenant_ref FROM mailing_recipient WHERE mailing_id = ?1 ORDER BY tenant_ref")
                        .setParameter(1, mailing)
                        .getResultList());
        assertEquals(List.of(before, after), recipients);
        Object cursor = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT cursor_ref FROM mailing WHERE id = ?1")
                        .setParameter(1, mailing)
                        .getSingleResult());
        assertEquals(before, cursor, "the next chunk starts after the recipient before her, so 'c' is not skipped");
    }
}
