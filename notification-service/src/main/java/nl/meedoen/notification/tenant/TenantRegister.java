package nl.meedoen.notification.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.privacy.TenantErased;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.sql.CopyRows;
import org.hibernate.Session;

/** The tenant register: upserts and erasures, each publishing the non-personal profile through the outbox. */
@ApplicationScoped
public class TenantRegister {

    /** The outcome of an upsert: whether the tenant is new (201) and whether anything changed. */
    public record Upserted(TenantView tenant, boolean created, boolean changed) {}

    /** The audit action of an erasure: also how a late message request for her is recognised ({@link #erased}). */
    static final String ERASED_ACTION = "tenant.erased";

    @Inject
    Outbox outbox;

    @Inject
    nl.meedoen.commons.audit.AuditLog audit;

    @Inject
    HouseholdKeys householdKeys;

    @Inject
    jakarta.enterprise.event.Event<TenantErased> erased;

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Upserted upsert(String tenantRef, TenantRequest request, String ifMatch) {
        Tenant tenant = Tenant.findById(tenantRef, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean created = tenant == null;
        if (created) {
            Preconditions.checkAbsent(ifMatch, "tenant " + tenantRef);
            tenant = new Tenant();
            tenant.tenantRef = tenantRef;
            tenant.createdAt = OffsetDateTime.now(clock);
        } else {
            Preconditions.check(ifMatch, tenant.version, false);
        }
        boolean changed = apply(tenant, request);
        if (!changed) {
            return new Upserted(TenantView.of(tenant), false, false); // same data again: nothing to publish
        }
        tenant.updatedAt = OffsetDateTime.now(clock);
        tenant.persistAndFlush();
        outbox.publish(TenantProfileV1.TOPIC, TenantProfileV1.CHANGED, tenantRef, profileOf(tenant));
        return new Upserted(TenantView.of(tenant), created, true);
    }

    /** One row of {@link #upsertAll}: a tenant and what the corporation system sends for it. */
    public record Upsert(String tenantRef, TenantRequest request) {}

    /** What {@link #upsertAll} did with a row. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private static final String COLUMNS = """
            tenant_ref, name, email, street, house_number, house_number_suffix, postcode, city, language, preferred_channel,
            complex_id, neighbourhood_code, birth_year, household_type, tenancy_start, dwelling_type, household_key, version,
            created_at, updated_at""";

    /** The columns as {@link #write} passes them: one array each, in {@link #COLUMNS} order. */
    private static final String UNNEST = """
            unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::text[], ?::text[], ?::int[], ?::text[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[],
                   ?::timestamptz[])
            AS x(tenant_ref, name, email, street, house_number, house_number_suffix, postcode, city, language, preferred_channel,
                 complex_id, neighbourhood_code, birth_year, household_type, tenancy_start, dwelling_type, household_key, version,
                 created_at, updated_at)""";

    /**
     * Many upserts in the caller's transaction, with the outcome {@link #upsert} (without If-Match) would have had for
     * each row taken in turn: the same values, household key, versions and {@code tenants.profile.v1} events (one per
     * new or changed row, in row order; a tenant named twice is upserted twice). Set-based for bulk imports: one
     * statement locks the existing tenants of the rows, one inserts the new ones, one updates the changed ones and one
     * writes the events. A tenant created by someone else meanwhile fails the insert (and with it the transaction).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> upsertAll(List<Upsert> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Tenant> tenants =
                lock(rows.stream().map(Upsert::tenantRef).distinct().toList());
        Set<String> stored = new HashSet<>(tenants.keySet());
        Map<String, Tenant> written = new TreeMap<>(); // in tenantRef order, as the locks are taken
        List<TenantProfileV1> events = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Upsert row : rows) {
            Tenant tenant = tenants.get(row.tenantRef());
            boolean created = tenant == null;
            if (created) {
                tenant = new Tenant();
                tenant.tenantRef = row.tenantRef();
                tenant.createdAt = now;
                tenants.put(tenant.tenantRef, tenant);
            }
            String householdKey = tenant.householdKey;
            boolean changed = apply(tenant, row.request());
            // as in upsert, a tenant whose only difference is its household key (a new secret) is stored, unannounced
            if (!changed && Objects.equals(householdKey, tenant.householdKey)) {
                outcomes.add(Outcome.UNCHANGED);
                continue;
            }
            if (!created) {
                tenant.version++; // what Hibernate's @Version does on each flush that writes the tenant
            }
            written.put(tenant.tenantRef, tenant);
            if (!changed) {
                outcomes.add(Outcome.UNCHANGED);
                continue;
            }
            tenant.updatedAt = now;
            events.add(profileOf(tenant));
            outcomes.add(created ? Outcome.CREATED : Outcome.UPDATED);
        }
        write(
                written.values().stream()
                        .filter(t -> !stored.contains(t.tenantRef))
                        .toList(),
                written.values().stream()
                        .filter(t -> stored.contains(t.tenantRef))
                        .toList());
        outbox.publishAll(TenantProfileV1.TOPIC, TenantProfileV1.CHANGED, events, TenantProfileV1::tenantRef);
        return outcomes;
    }

    /**
     * The stored tenants among {@code refs}, locked (in tenantRef order, so two bulk upserts cannot deadlock) and
     * detached: {@link #write} stores them, not Hibernate's flush.
     */
    private Map<String, Tenant> lock(List<String> refs) {
        @SuppressWarnings("unchecked")
        List<Tenant> stored = em.createNativeQuery(
                        "SELECT * FROM tenant WHERE tenant_ref = ANY(?1) ORDER BY tenant_ref FOR UPDATE", Tenant.class)
                .setParameter(1, refs.toArray(String[]::new))
                .getResultList();
        Map<String, Tenant> tenants = new HashMap<>();
        for (Tenant t : stored) {
            em.detach(t);
            tenants.put(t.tenantRef, t);
        }
        return tenants;
    }

    /** Inserts the new tenants and updates the stored ones, a statement each. */
    private void write(List<Tenant> inserts, List<Tenant> updates) {
        em.unwrap(Session.class).doWork(connection -> {
            if (!inserts.isEmpty()) {
                copy(connection, inserts);
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement ps =
                        connection.prepareStatement("""
                        UPDATE tenant t SET name = x.name, email = x.email, street = x.street, house_number = x.house_number,
                               house_number_suffix = x.house_number_suffix, postcode = x.postcode, city = x.city,
                               language = x.language, preferred_channel = x.preferred_channel, complex_id = x.complex_id,
                               neighbourhood_code = x.neighbourhood_code, birth_year = x.birth_year,
                               household_type = x.household_type, tenancy_start = x.tenancy_start,
                               dwelling_type = x.dwelling_type, household_key = x.household_key, version = x.version,
                               updated_at = x.updated_at
                        FROM\s""" + UNNEST + " WHERE t.tenant_ref = x.tenant_ref")) {
                    for (int c = 0; c < VALUES.size(); c++) {
                        Object[] values = new Object[updates.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = VALUES.get(c).apply(updates.get(i));
                        }
                        ps.setArray(c + 1, connection.createArrayOf(ARRAY_TYPES[c], values));
                    }
                    int n = ps.executeUpdate();
                    if (n != updates.size()) { // we hold their locks: only a bug gets here
                        throw new IllegalStateException("updated " + n + " of " + updates.size() + " tenants");
                    }
                }
            }
        });
    }

    /** The new tenants in one COPY: PostgreSQL's own bulk load, several times faster than an INSERT. */
    private static void copy(Connection connection, List<Tenant> tenants) throws SQLException {
        CopyRows rows = new CopyRows(tenants.size());
        for (Tenant t : tenants) {
            VALUES.forEach(column -> rows.value(column.apply(t)));
            rows.endRow();
        }
        rows.into(connection, "tenant (" + COLUMNS + ")");
    }

    /** Each column's value of a tenant, in {@link #COLUMNS} order (dates and times as ISO text). */
    private static final List<Function<Tenant, Object>> VALUES = List.of(
            t -> t.tenantRef,
            t -> t.name,
            t -> t.email,
            t -> t.street,
            t -> t.houseNumber,
            t -> t.houseNumberSuffix,
            t -> t.postcode,
            t -> t.city,
            t -> t.language,
            t -> t.preferredChannel,
            t -> t.complexId,
            t -> t.neighbourhoodCode,
            t -> t.birthYear,
            t -> t.householdType,
            t -> t.tenancyStart == null ? null : t.tenancyStart.toString(),
            t -> t.dwellingType,
            t -> t.householdKey,
            t -> t.version,
            t -> t.createdAt.toString(),
            t -> t.updatedAt.toString());

    /** The array type {@link #UNNEST} receives each column as (dates and times as text, cast there). */
    private static final String[] ARRAY_TYPES = {
        "text", "text", "text", "text", "int4", "text", "text", "text", "text", "text", "text", "text", "int4", "text",
        "text", "text", "text", "int8", "text", "text"
    };

    @Transactional
    public TenantView get(String tenantRef) {
        return TenantView.of(find(tenantRef));
    }

    @Transactional
    public Page<TenantView> list(PageRequest page) {
        List<Tenant> rows = page.afterKey() == null
                ? Tenant.find("order by tenantRef").page(0, page.limit() + 1).list()
                : Tenant.find("tenantRef > ?1 order by tenantRef", page.afterKey())
                        .page(0, page.limit() + 1)
                        .list();
        return page.page(rows.stream().map(TenantView::of).toList(), TenantView::tenantRef);
    }

    /**
     * Right to be forgotten: the personal data goes (from the register, and through {@link TenantErased} from
     * deliveries, opt-outs, mailing audiences, import errors and the commons tables; pending messages are held back),
     * and a tombstone tells every other service (docs/retention.md).
     */
    @Transactional
    public void erase(String tenantRef) {
        Tenant tenant = find(tenantRef);
        tenant.delete();
        erased.fire(new TenantErased(tenantRef));
        outbox.tombstone(TenantProfileV1.TOPIC, TenantProfileV1.ERASED, tenantRef);
        audit.record(ERASED_ACTION, "tenant", tenantRef);
    }

    /**
     * Whether this tenantRef was ever erased: the audit log's record of the erasure (kept, docs/retention.md) is the one
     * trace left of her, so nothing new is kept to know it.
     */
    public boolean erased(String tenantRef) {
        return !Tenant.getEntityManager()
                .createNativeQuery("SELECT 1 FROM audit_log WHERE subject_type = 'tenant' AND subject_id = ?1"
                        + " AND action = ?2 LIMIT 1")
                .setParameter(1, tenantRef)
                .setParameter(2, ERASED_ACTION)
                .getResultList()
                .isEmpty();
    }

    private static Tenant find(String tenantRef) {
        Tenant tenant = Tenant.findById(tenantRef);
        if (tenant == null) {
            throw ProblemException.notFound("tenant " + tenantRef);
        }
        return tenant;
    }

    /** Copies the request onto the entity; returns whether any stored value changed. */
    private boolean apply(Tenant t, TenantRequest r) {
        TenantRequest.Profile p =
                r.profile() == null ? new TenantRequest.Profile(null, null, null, null, null, null) : r.profile();
        String postcode = HouseholdKeys.normalisePostcode(r.address().postcode());
        String suffix = blankToNull(r.address().houseNumberSuffix());
        String language = r.language() == null ? "nl" : r.language();
        String channel = (r.preferredChannel() == null ? TenantRequest.Channel.EMAIL : r.preferredChannel()).name();
        String householdKey = householdKeys.of(postcode, r.address().houseNumber(), suffix);
        String householdType =
                p.householdType() == null ? null : p.householdType().name();
        String dwellingType = p.dwellingType() == null ? null : p.dwellingType().name();
        boolean changed = !Objects.equals(t.name, r.name())
                || !Objects.equals(t.email, blankToNull(r.email()))
                || !Objects.equals(t.street, r.address().street())
                || t.houseNumber != r.address().houseNumber()
                || !Objects.equals(t.houseNumberSuffix, suffix)
                || !Objects.equals(t.postcode, postcode)
                || !Objects.equals(t.city, r.address().city())
                || !Objects.equals(t.language, language)
                || !Objects.equals(t.preferredChannel, channel)
                || !Objects.equals(t.complexId, blankToNull(p.complexId()))
                || !Objects.equals(t.neighbourhoodCode, p.neighbourhoodCode())
                || !Objects.equals(t.birthYear, p.birthYear())
                || !Objects.equals(t.householdType, householdType)
                || !Objects.equals(t.tenancyStart, p.tenancyStart())
                || !Objects.equals(t.dwellingType, dwellingType);
        t.name = r.name();
        t.email = blankToNull(r.email());
        t.street = r.address().street();
        t.houseNumber = r.address().houseNumber();
        t.houseNumberSuffix = suffix;
        t.postcode = postcode;
        t.city = r.address().city();
        t.language = language;
        t.preferredChannel = channel;
        t.complexId = blankToNull(p.complexId());
        t.neighbourhoodCode = p.neighbourhoodCode();
        t.birthYear = p.birthYear();
        t.householdType = householdType;
        t.tenancyStart = p.tenancyStart();
        t.dwellingType = dwellingType;
        t.householdKey = householdKey;
        return changed;
    }

    /**
     * Publishes the current profile of up to {@code limit} tenants after {@code after} (tenantRef order) again, in
     * its own transaction: a re-sync of {@code tenants.profile.v1} for a new consumer or a lost topic. Idempotent:
     * the topic is compacted and every read model upserts.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Republished republish(String after, int limit) {
        List<Tenant> tenants = Tenant.<Tenant>find("tenantRef > ?1 order by tenantRef", after)
                .page(0, limit)
                .list();
        outbox.publishAll(
                TenantProfileV1.TOPIC,
                TenantProfileV1.CHANGED,
                tenants.stream().map(this::profileOf).toList(),
                TenantProfileV1::tenantRef);
        return new Republished(
                tenants.size(), tenants.size() < limit ? null : tenants.get(tenants.size() - 1).tenantRef);
    }

    /** How many profiles a batch published, and the tenantRef to go on after (null: that was the last batch). */
    public record Republished(int published, String last) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long count() {
        return Tenant.count();
    }

    private TenantProfileV1 profileOf(Tenant t) {
        LocalDate today = LocalDate.now(clock);
        return new TenantProfileV1(
                t.tenantRef,
                t.complexId,
                t.neighbourhoodCode,
                ProfileBands.ageBand(t.birthYear, today),
                t.householdType,
                t.dwellingType,
                ProfileBands.tenancyBand(t.tenancyStart, today),
                t.language,
                t.householdKey);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
