package nl.meedoen.recruitment.compensation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignSession;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.signup.Signup;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Attendance per session and the volunteer-allowance ledger: per person per calendar year never more than the
 * maximum configured for that year ({@code recruitment.compensation.yearly-max."<year>"}, euros).
 */
@ApplicationScoped
public class Compensation {
    static final ZoneId NL = ZoneId.of("Europe/Amsterdam");

    public record Payment(String tenantRef, int year, long requestedCents, long paidCents, boolean capped, long yearlyMaxCents) {
    }

    public record LedgerRow(String tenantRef, int year, long requestedCents, long paidCents, boolean capped, long yearlyMaxCents) {
    }

    @Inject
    Campaigns campaigns;

    @Inject
    EntityManager em;

    public static long yearlyMaxCents(int year) {
        var config = ConfigProvider.getConfig();
        BigDecimal euros = config.getOptionalValue("recruitment.compensation.yearly-max.\"" + year + "\"", BigDecimal.class)
                .or(() -> config.getOptionalValue("recruitment.compensation.yearly-max." + year, BigDecimal.class))
                .orElseGet(() -> config.getValue("recruitment.compensation.yearly-max.default", BigDecimal.class));
        return euros.movePointRight(2).longValueExact();
    }

    /** Records attendance (a repeat is a no-op) and books the compensation the scheme gives for it. */
    @Transactional
    public List<Payment> attend(UUID campaignId, UUID sessionId, List<String> tenantRefs) {
        Campaign c = campaigns.find(campaignId);
        CampaignSession session = CampaignSession.findById(sessionId);
        if (session == null || !session.campaignId.equals(c.id)) {
            throw ProblemException.notFound("session " + sessionId);
        }
        if (tenantRefs == null || tenantRefs.isEmpty()) {
            throw ProblemException.invalidField("tenantRefs", "at least one tenant");
        }
        if (!c.participantsSeated()) {
            throw ProblemException.conflict("attendance is recorded for seated participants; campaign is " + c.status + " (" + c.mode() + ")");
        }
        for (String ref : tenantRefs) {
            Signup s = Signup.of(c.id, ref);
            if (s == null || !("SELECTED".equals(s.outcome) || "CONFIRMED".equals(s.outcome))) {
                throw new ProblemException(422, "not-a-participant", "Not a participant",
                        ref + " is not a selected participant of this campaign", null);
            }
        }
        int year = session.startsAt.atZoneSameInstant(NL).getYear();
        long max = yearlyMaxCents(year);
        List<Payment> payments = new ArrayList<>();
        for (String ref : tenantRefs) {
            int inserted = em.createNativeQuery("INSERT INTO attendance (session_id, tenant_ref, recorded_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, sessionId).setParameter(2, ref).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
            if (inserted == 0) {
                continue;
            }
            long requested = switch (Campaign.CompensationType.valueOf(c.compensationType)) {
                case NONE -> 0;
                case PER_SESSION -> c.compensationCents;
                case PER_YEAR -> CompensationPayment.count("tenantRef = ?1 and year = ?2 and campaignId = ?3", ref, year, c.id) == 0
                        ? c.compensationCents : 0;
            };
            if (requested == 0) {
                continue;
            }
            long paidSoFar = paid(ref, year);
            long paid = Math.max(0, Math.min(requested, max - paidSoFar));
            CompensationPayment p = new CompensationPayment();
            p.id = UUID.randomUUID();
            p.tenantRef = ref;
            p.year = year;
            p.campaignId = c.id;
            p.sessionId = sessionId;
            p.requestedCents = requested;
            p.paidCents = paid;
            p.capped = paid < requested;
            p.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            p.persist();
            payments.add(new Payment(ref, year, requested, paid, p.capped, max));
        }
        return payments;
    }

    long paid(String tenantRef, int year) {
        Object sum = em.createQuery("select coalesce(sum(p.paidCents), 0) from CompensationPayment p where p.tenantRef = ?1 and p.year = ?2")
                .setParameter(1, tenantRef).setParameter(2, year).getSingleResult();
        return ((Number) sum).longValue();
    }

    public List<LedgerRow> ledger(int year) {
        long max = yearlyMaxCents(year);
        List<Object[]> rows = em.createQuery("""
                        select p.tenantRef, sum(p.requestedCents), sum(p.paidCents), max(case when p.capped = true then 1 else 0 end)
                        from CompensationPayment p where p.year = ?1 group by p.tenantRef order by p.tenantRef""", Object[].class)
                .setParameter(1, year).getResultList();
        return rows.stream().map(r -> new LedgerRow((String) r[0], year, ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).intValue() == 1, max)).toList();
    }
}
