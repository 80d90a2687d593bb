package nl.meedoen.notification.organisation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.contracts.OrganisationV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.OrganisationDirectory;
import nl.meedoen.commons.security.Roles;

/**
 * The register of tenant organisations and residents' committees: upserts and deactivations, each publishing the
 * organisation without its contact data on {@value OrganisationV1#TOPIC} through the outbox.
 */
@ApplicationScoped
public class OrganisationRegister implements OrganisationDirectory {

    public static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,64}");
    /** A JWT subject: printable ASCII without spaces (Keycloak and Entra subjects are UUIDs, ours client ids). */
    static final Pattern CLIENT = Pattern.compile("[\\x21-\\x7E]{1,200}");

    static final Pattern COMPLEX_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    static final List<String> KINDS = List.of(OrganisationV1.TENANT_ORGANISATION, OrganisationV1.RESIDENTS_COMMITTEE);

    /** The outcome of an upsert: whether the organisation is new (201). */
    public record Upserted(Organisation organisation, boolean created) {}

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager entityManager;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Upserted upsert(String id, OrganisationRequest request, String ifMatch) {
        List<Problem.FieldError> errors = errors(id, request);
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
        // Organisations are written rarely: one writer at a time keeps "a client acts for one organisation" true.
        entityManager
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('organisation-register'))")
                .getSingleResult();
        Organisation o = Organisation.findById(id, LockModeType.PESSIMISTIC_WRITE);
        boolean created = o == null;
        if (created) {
            Preconditions.checkAbsent(ifMatch, "organisation " + id);
            o = new Organisation();
            o.id = id;
            o.createdAt = OffsetDateTime.now(clock);
        } else {
            Preconditions.check(ifMatch, o.version, false);
        }
        String[] clients =
                distinct(request.clients() == null || request.clients().isEmpty() ? List.of(id) : request.clients());
        List<Problem.FieldError> taken = takenClients(id, clients);
        if (!taken.isEmpty()) {
            throw ProblemException.fieldRules(taken);
        }
        String[] complexIds = distinct(request.complexIds() == null ? List.of() : request.complexIds());
        String contactEmail =
                request.contactEmail() == null || request.contactEmail().isBlank()
                        ? null
                        : request.contactEmail().strip();
        boolean active = request.active() == null || request.active();
        boolean changed = created
                || !Objects.equals(o.name, request.name().strip())
                || !Objects.equals(o.kind, request.kind())
                || !Arrays.equals(o.complexIds, complexIds)
                || !Arrays.equals(o.clients, clients)
                || !Objects.equals(o.contactEmail, contactEmail)
                || o.active != active;
        if (!changed) {
            return new Upserted(o, false); // the same data again: nothing to publish
        }
        o.name = request.name().strip();
        o.kind = request.kind();
        o.complexIds = complexIds;
        o.clients = clients;
        o.contactEmail = contactEmail;
        o.active = active;
        o.updatedAt = OffsetDateTime.now(clock);
        o.persistAndFlush();
        publish(o);
        audit.record(
                created ? "organisation.registered" : "organisation.changed",
                "organisation",
                id,
                Map.of("active", active));
        return new Upserted(o, created);
    }

    /** Deactivation: it stays in the register (past consultations name it), but can no longer be named as a partner. */
    @Transactional
    public Organisation deactivate(String id) {
        Organisation o = find(id);
        if (o.active) {
            o.active = false;
            o.updatedAt = OffsetDateTime.now(clock);
            o.persistAndFlush();
            publish(o);
            audit.record("organisation.deactivated", "organisation", id);
        }
        return o;
    }

    @Transactional
    public OrganisationView get(String id, SecurityIdentity caller) {
        Organisation o = find(id);
        return OrganisationView.of(o, seesContact(o, caller));
    }

    @Transactional
    public List<OrganisationView> list(SecurityIdentity caller) {
        return Organisation.<Organisation>list("order by id").stream()
                .map(o -> OrganisationView.of(o, seesContact(o, caller)))
                .toList();
    }

    /**
     * The organisation a tenant organisation's client acts for: the id of the active organisation naming it among its
     * clients, or the client itself when none does (so nothing breaks before an organisation is registered).
     */
    @Override
    @Transactional
    public String actingFor(String client) {
        List<?> ids = entityManager
                .createNativeQuery("SELECT id FROM organisation WHERE active AND ?1 = ANY(clients)")
                .setParameter(1, client)
                .getResultList();
        return ids.isEmpty() ? client : (String) ids.get(0);
    }

    /** Contact data is personal: the corporation and ops see it, a tenant organisation only its own. */
    static boolean seesContact(Organisation o, SecurityIdentity caller) {
        if (caller.hasRole(Roles.CORPORATION) || caller.hasRole(Roles.OPS)) {
            return true;
        }
        return caller.hasRole(Roles.TENANT_ORGANISATION)
                && caller.getPrincipal() != null
                && Arrays.asList(o.clients).contains(caller.getPrincipal().getName());
    }

    static Organisation find(String id) {
        Organisation o = id == null || !ID.matcher(id).matches() ? null : Organisation.findById(id);
        if (o == null) {
            throw ProblemException.notFound("organisation " + id);
        }
        return o;
    }

    private void publish(Organisation o) {
        outbox.publish(
                OrganisationV1.TOPIC,
                OrganisationV1.CHANGED,
                o.id,
                new OrganisationV1(o.id, o.name, o.kind, List.of(o.complexIds), List.of(o.clients), o.active));
    }

    /** Each client acts for one organisation: another organisation already naming one is a 422 on clients. */
    @SuppressWarnings("unchecked")
    private List<Problem.FieldError> takenClients(String id, String[] clients) {
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                        SELECT c, o.id FROM organisation o, unnest(o.clients) AS c
                        WHERE o.id <> ?1 AND c = ANY(CAST(?2 AS text[])) ORDER BY c""")
                .setParameter(1, id)
                .setParameter(2, clients)
                .getResultList();
        return rows.stream()
                .map(r ->
                        new Problem.FieldError("clients", "client " + r[0] + " already acts for organisation " + r[1]))
                .toList();
    }

    /** Every field rule, each naming its field. */
    static List<Problem.FieldError> errors(String id, OrganisationRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new Problem.FieldError("id", "1 to 64 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (r == null) {
            errors.add(new Problem.FieldError("body", "a JSON body is required"));
            return errors;
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new Problem.FieldError("name", "required, at most 200 characters"));
        }
        if (r.kind() == null || !KINDS.contains(r.kind())) {
            errors.add(new Problem.FieldError("kind", "one of " + KINDS));
        }
        List<String> complexIds = r.complexIds() == null ? List.of() : r.complexIds();
        if (OrganisationV1.RESIDENTS_COMMITTEE.equals(r.kind()) && complexIds.isEmpty()) {
            errors.add(new Problem.FieldError("complexIds", "a residents' committee belongs to at least one complex"));
        }
        for (int i = 0; i < complexIds.size(); i++) {
            if (complexIds.get(i) == null
                    || !COMPLEX_ID.matcher(complexIds.get(i)).matches()) {
                errors.add(new Problem.FieldError("complexIds[" + i + "]", "1 to 64 letters, digits, '.', '_' or '-'"));
            }
        }
        if (complexIds.size() > 500) {
            errors.add(new Problem.FieldError("complexIds", "at most 500"));
        }
        List<String> clients = r.clients() == null ? List.of() : r.clients();
        for (int i = 0; i < clients.size(); i++) {
            if (clients.get(i) == null || !CLIENT.matcher(clients.get(i)).matches()) {
                errors.add(new Problem.FieldError(
                        "clients[" + i + "]", "a JWT subject: 1 to 200 printable characters without spaces"));
            }
        }
        if (clients.size() > 50) {
            errors.add(new Problem.FieldError("clients", "at most 50"));
        }
        if (r.contactEmail() != null
                && !r.contactEmail().isBlank()
                && (r.contactEmail().strip().length() > 254
                        || !EMAIL.matcher(r.contactEmail().strip()).matches())) {
            errors.add(new Problem.FieldError("contactEmail", "not an email address"));
        }
        return errors;
    }

    private static String[] distinct(List<String> values) {
        return new LinkedHashSet<>(values).toArray(String[]::new);
    }
}
