package nl.meedoen.recruitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import nl.meedoen.recruitment.signup.SignupRetention;
import org.junit.jupiter.api.Test;

/** Retention of sign-up texts (meedoen.recruitment.signup-text-retention, 90 days by default). */
@QuarkusTest
class SignupRetentionTest {

    @Inject
    SignupRetention retention;

    @Inject
    EntityManager em;

    @Test
    void signupTextsAreErasedOnceTheCampaignEndedLongerThanTheRetentionAgo() {
        String ended = campaignWithSignup("ended");
        String running = campaignWithSignup("running");
        sql("UPDATE campaign SET term_end = current_date - 91 WHERE id = '" + ended + "'");
        sql("UPDATE signup SET selection_reason = 'Kent het onderhoudsplan' WHERE campaign_id IN ('" + ended + "', '"
                + running + "')");

        retention.erasePastTexts();

        List<?> old = row(ended);
        assertNull(((Object[]) old.get(0))[0], "motivation erased");
        assertNull(((Object[]) old.get(0))[1], "expertise erased");
        assertNull(((Object[]) old.get(0))[2], "availability erased");
        assertEquals("ACTIVE", ((Object[]) old.get(0))[3], "the sign-up itself stays");
        assertNull(((Object[]) old.get(0))[4], "the board's reason for an appointment erased");
        assertEquals(
                "Kent het onderhoudsplan", ((Object[]) row(running).get(0))[4], "a running campaign keeps the reason");
        assertEquals("Ik wil meedenken", ((Object[]) row(running).get(0))[0], "a running campaign keeps its texts");
    }

    private static String campaignWithSignup(String name) {
        String complex = "C-" + UUID.randomUUID();
        String ref = "R-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.member(ref, complex, "35-49", "H-" + ref);
        return Fixtures.campaignWithSignup(ref, complex, "Ik wil meedenken");
    }

    private List<?> row(String campaign) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT motivation, expertise, availability, status, selection_reason FROM signup WHERE campaign_id = CAST(?1 AS uuid)")
                        .setParameter(1, campaign)
                        .getResultList());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(statement).executeUpdate());
    }
}
