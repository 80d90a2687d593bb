package nl.meedoen.recruitment.compensation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.recruitment.RecruitmentConfig;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.CampaignSession;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.compensation.CompensationRequests.PaidElsewhereIn;
import nl.meedoen.recruitment.signup.Signup;

/**
 * Attendance per session and the volunteer-allowance ledger: per person per calendar year never more than the
 * maximum configured for that year ({@code recruitment.compensation.yearly-max."<year>"}, euros).
 */
@ApplicationScoped
public class Compensation {
    static final ZoneId NL = ZoneId.of("Europe/Amsterdam");

    public record Payment(
            String tenantRef, int year, long requestedCents, long paidCents, boolean capped, long yearlyMaxCents) {}

    public record LedgerRow(
            String tenantRef,
            int year,
            long requestedCents,
            long paidCents,
            boolean capped,
            long yearlyMaxCents,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "Allowances recorded as paid " + "elsewhere this year (counted by the cap, not paid here)")
            long paidElsewhereCents) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "AllowancePaidElsewhereRecorded",
            example =
                    "{\"id\":\"0b6c9d1e-2f0a-4c55-8d7e-3a1f2b4c5d6e\",\"tenantRef\":\"T-1042\",\"year\":2026,\"amountCents\":80000,"
                            + "\"note\":\"Vrijwilligersvergoeding buurthuis, jan–jun\",\"recordedAt\":\"2026-07-01T09:00:00Z\","
                            + "\"paidHereCents\":60000,\"paidElsewhereCents\":80000,\"yearlyMaxCents\":210000,\"remainingCents\":70000}")
    public record PaidElsewhereOut(
            UUID id,
            String tenantRef,
            int year,
            long amountCents,
            String note,
            OffsetDateTime recordedAt,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Paid through the platform this year")
            long paidHereCents,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "All recorded as paid elsewhere this year")
            long paidElsewhereCents,

            long yearlyMaxCents,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "What the platform may still pay this year (never below 0)")
            long remainingCents) {}

    @Inject
    Campaigns campaigns;

    @Inject
    EntityManager em;

    @Inject
    RecruitmentConfig recruitment;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    public long yearlyMaxCents(int year) {
        return recruitment.compensation().yearlyMaxCents(year);
    }

    /** At start-up: say when the current or next calendar year has no maximum of its own (the default then applies). */
    void checkYears(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent e) {
        RecruitmentConfig.Compensation config = recruitment.compensation();
        int now = java.time.LocalDate.now(NL).getYear();
        for (int year : new int[] {now, now + 1}) {
            if (!config.yearlyMax().containsKey(String.valueOf(year))) {
                org.jboss.logging.Logger.getLogger(Compensation.class)
                        .warnf(
                                "recruitment.compensation.yearly-max.\"%d\" is not configured; the default (%s euro) applies",
                                year, config.yearlyMax().get("default"));
            }
        }
    }

    /**
     * Serialises everything that reads and then raises one tenant's total of one year (attendance, allowances paid
     * elsewhere): a transaction-scoped PostgreSQL advisory lock on (tenant, year), so it holds across replicas.
     * Callers take the locks of several tenants in sorted order (no deadlock).
     */
    void lockTenantYear(String tenantRef, int year) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "recruitment.compensation:" + tenantRef + ":" + year)
                .getSingleResult();
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
            throw ProblemException.conflict(
                    "attendance is recorded for seated participants; campaign is " + c.status + " (" + c.mode() + ")");
        }
        for (String ref : tenantRefs) {
            Signup s = Signup.of(c.id, ref);
            if (s == null || !("SELECTED".equals(s.outcome) || "CONFIRMED".equals(s.outcome))) {
                throw new ProblemException(
                        422,
                        "not-a-participant",
                        "Not a participant",
                        ref + " is not a selected participant of this campaign",
                        null);
            }
        }
        int year = session.startsAt.atZoneSameInstant(NL).getYear();
        long max = yearlyMaxCents(year);
        // sum-then-insert is only safe one at a time per tenant and year: parallel calls (any replica) wait here
        new java.util.TreeSet<>(tenantRefs).forEach(ref -> lockTenantYear(ref, year));
        List<Payment> payments = new ArrayList<>();
        for (String ref : tenantRefs) {
            int inserted = em.createNativeQuery(
                            "INSERT INTO attendance (session_id, tenant_ref, recorded_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, sessionId)
                    .setParameter(2, ref)
                    .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate();
            if (inserted == 0) {
                continue;
            }
            long requested = switch (Campaign.CompensationType.valueOf(c.compensationType)) {
                case NONE -> 0;
                case PER_SESSION -> c.compensationCents;
                case PER_YEAR ->
                    CompensationPayment.count("tenantRef = ?1 and year = ?2 and campaignId = ?3", ref, year, c.id) == 0
                            ? c.compensationCents
                            : 0;
            };
            if (requested == 0) {
                continue;
            }
            long paidSoFar = paid(ref, year) + paidElsewhere(ref, year);
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
        Object sum = em.createQuery(
                        "select coalesce(sum(p.paidCents), 0) from CompensationPayment p where p.tenantRef = ?1 and p.year = ?2")
                .setParameter(1, tenantRef)
                .setParameter(2, year)
                .getSingleResult();
        return ((Number) sum).longValue();
    }

    public List<LedgerRow> ledger(int year) {
        long max = yearlyMaxCents(year);
        List<Object[]> rows =
                em.createQuery("""
                        select p.tenantRef, sum(p.requestedCents), sum(p.paidCents), max(case when p.capped = true then 1 else 0 end)
                        from CompensationPayment p where p.year = ?1 group by p.tenantRef order by p.tenantRef""", Object[].class).setParameter(1, year).getResultList();
        Map<String, Long> elsewhere = new HashMap<>();
        for (Object[] r : em.createQuery(
                        "select e.tenantRef, sum(e.amountCents) from PaidElsewhere e where e.year = ?1 group by e.tenantRef",
                        Object[].class)
                .setParameter(1, year)
                .getResultList()) {
            elsewhere.put((String) r[0], ((Number) r[1]).longValue());
        }
        return rows.stream()
                .map(r -> new LedgerRow(
                        (String) r[0],
                        year,
                        ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).intValue() == 1,
                        max,
                        elsewhere.getOrDefault((String) r[0], 0L)))
                .toList();
    }

    long paidElsewhere(String tenantRef, int year) {
        Object sum = em.createQuery(
                        "select coalesce(sum(e.amountCents), 0) from PaidElsewhere e where e.tenantRef = ?1 and e.year = ?2")
                .setParameter(1, tenantRef)
                .setParameter(2, year)
                .getSingleResult();
        return ((Number) sum).longValue();
    }

    /** Records an allowance paid elsewhere (audited); from now on the yearly maximum counts it. */
    @Transactional
    public PaidElsewhereOut recordPaidElsewhere(PaidElsewhereIn in) {
        if (in == null || in.tenantRef() == null || in.tenantRef().isBlank()) {
            throw ProblemException.fieldRule("tenantRef", "required: the tenant who was paid");
        }
        if (in.year() == null || in.year() < 2000 || in.year() > 2100) {
            throw ProblemException.fieldRule(
                    "year",
                    "a calendar year, e.g. " + java.time.LocalDate.now(NL).getYear());
        }
        if (in.amountCents() == null || in.amountCents() <= 0 || in.amountCents() > 100_000_000L) {
            throw ProblemException.fieldRule("amountCents", "an amount in euro cents, more than 0");
        }
        if (in.note() != null && in.note().length() > 500) {
            throw ProblemException.fieldRule("note", "at most 500 characters");
        }
        String ref = in.tenantRef().strip();
        int year = in.year();
        lockTenantYear(ref, year);
        PaidElsewhere e = new PaidElsewhere();
        e.id = UUID.randomUUID();
        e.tenantRef = ref;
        e.year = year;
        e.amountCents = in.amountCents();
        e.note = in.note() == null || in.note().isBlank() ? null : in.note().strip();
        e.recordedBy = identity.getPrincipal().getName();
        e.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        e.persist();
        audit.record(
                "compensation.paid-elsewhere.recorded",
                "compensation-ledger",
                String.valueOf(year),
                Map.of("tenantRef", ref, "amountCents", e.amountCents));
        return out(e);
    }

    private PaidElsewhereOut out(PaidElsewhere e) {
        long here = paid(e.tenantRef, e.year);
        long elsewhere = paidElsewhere(e.tenantRef, e.year);
        long max = yearlyMaxCents(e.year);
        return new PaidElsewhereOut(
                e.id,
                e.tenantRef,
                e.year,
                e.amountCents,
                e.note,
                e.recordedAt,
                here,
                elsewhere,
                max,
                Math.max(0, max - here - elsewhere));
    }

    /** What was recorded as paid elsewhere in a year, optionally for one tenant. */
    public List<PaidElsewhereOut> paidElsewhere(int year, String tenantRef) {
        List<PaidElsewhere> rows = tenantRef == null || tenantRef.isBlank()
                ? PaidElsewhere.list("year = ?1 order by tenantRef, recordedAt", year)
                : PaidElsewhere.list("year = ?1 and tenantRef = ?2 order by recordedAt", year, tenantRef);
        return rows.stream().map(this::out).toList();
    }
}
