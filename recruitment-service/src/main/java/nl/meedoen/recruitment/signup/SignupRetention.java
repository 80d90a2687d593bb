package nl.meedoen.recruitment.signup;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import nl.meedoen.recruitment.RecruitmentConfig;

/**
 * Retention: what tenants wrote when signing up (motivation, expertise, availability), and the board's
 * reason for an appointment (which speaks about the tenant), are needed for the campaign, not after it. Once the campaign's term (or, without one, its sign-up window) ended
 * longer than {@code recruitment.signup-text-retention} ago, those texts are erased; the
 * sign-up itself (who took part, the outcome) stays for the draw record and compensation.
 */
@ApplicationScoped
public class SignupRetention {

    @Inject
    RecruitmentConfig config;

    @Inject
    EntityManager em;

    @Scheduled(
            every = "${recruitment.retention-interval:${meedoen.recruitment.retention-interval:1h}}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        erasePastTexts();
    }

    /** @return sign-ups whose texts were erased now */
    @Transactional
    public int erasePastTexts() {
        LocalDate cutoff = LocalDate.now(ZoneOffset.UTC)
                .minusDays(config.signupTextRetention().toDays());
        return em.createNativeQuery("UPDATE signup s SET motivation = NULL, expertise = NULL, availability = NULL,"
                        + " selection_reason = NULL FROM campaign c"
                        + " WHERE c.id = s.campaign_id AND COALESCE(c.term_end, c.signup_closes) < ?1"
                        + " AND (s.motivation IS NOT NULL OR s.expertise IS NOT NULL OR s.availability IS NOT NULL"
                        + " OR s.selection_reason IS NOT NULL)")
                .setParameter(1, cutoff)
                .executeUpdate();
    }
}
