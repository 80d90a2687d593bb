package nl.meedoen.panel.panel;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.panel.PanelConfig;

@ApplicationScoped
public class PanelService {

    @Inject
    SecurityIdentity identity;

    @Inject
    PanelAccess access;

    @Inject
    Targets targets;

    @Inject
    AuditTrail audit;

    @Inject
    PanelConfig config;

    @Inject
    EntityManager em;

    @Transactional
    public PanelView create(PanelRequest request) {
        String party = caller().role();
        String other = Roles.CORPORATION.equals(party) ? Roles.TENANT_ORGANISATION : Roles.CORPORATION;
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.coOwnerParty() != null && !other.equals(request.coOwnerParty())) {
            errors.add(new Problem.FieldError("coOwnerParty", "must be " + other + " (the other party) or left out"));
        }
        String tenantOrganisation = request.tenantOrganisation();
        if (Roles.TENANT_ORGANISATION.equals(party)) {
            if (tenantOrganisation != null && !tenantOrganisation.equals(caller().client())) {
                errors.add(new Problem.FieldError(
                        "tenantOrganisation", "a tenant organisation creates panels for itself only"));
            }
            tenantOrganisation = caller().client();
        } else if (Roles.TENANT_ORGANISATION.equals(request.coOwnerParty())) {
            if (tenantOrganisation == null || tenantOrganisation.isBlank()) {
                errors.add(new Problem.FieldError(
                        "tenantOrganisation", "name the co-owning tenant organisation (its client id)"));
            }
        } else if (tenantOrganisation != null) {
            errors.add(new Problem.FieldError("tenantOrganisation", "only with coOwnerParty tenant-organisation"));
        }
        List<String> strata = request.strata() == null ? Attributes.DEFAULT_STRATA : request.strata();
        Map<String, Map<String, Double>> composition =
                request.targetComposition() == null ? Map.of() : request.targetComposition();
        errors.addAll(Targets.validate(strata, composition));
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("validation", ProblemException.summary(errors), errors);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Panel p = new Panel();
        p.id = UUID.randomUUID();
        p.name = request.name();
        p.purpose = request.purpose();
        p.ownerParty = party;
        p.coOwnerParty = request.coOwnerParty();
        p.tenantOrganisation = tenantOrganisation;
        p.targetSize = request.targetSize();
        p.strata = StoredJson.write(strata);
        p.targetComposition = StoredJson.write(normalised(composition));
        p.fatigueCap = request.fatigueCap() == null ? config.defaultFatigueCap() : request.fatigueCap();
        p.cooldownDays = request.cooldownDays() == null ? config.defaultCooldownDays() : request.cooldownDays();
        p.membershipTermMonths = request.membershipTermMonths();
        p.consentVersion = 1;
        p.createdAt = now;
        p.createdBy = caller().client();
        p.persist();
        ConsentText text = new ConsentText();
        text.key = new ConsentText.Key(p.id, 1);
        text.text = request.consentText();
        text.publishedAt = now;
        text.publishedByParty = party;
        text.persist();
        audit.record(p.id, "panel", "CREATED", settings(p));
        em.flush();
        return view(p);
    }

    @Transactional
    public PanelView update(String id, String ifMatch, PanelSettings request) {
        Panel p = access.write(id);
        Preconditions.check(ifMatch, p.version, true);
        List<String> strata = request.strata() == null ? p.strata() : request.strata();
        Map<String, Map<String, Double>> composition =
                request.targetComposition() == null ? Map.of() : request.targetComposition();
        List<Problem.FieldError> errors = Targets.validate(strata, composition);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("validation", ProblemException.summary(errors), errors);
        }
        Map<String, Object> before = settings(p);
        p.name = request.name();
        p.purpose = request.purpose();
        p.targetSize = request.targetSize();
        p.strata = StoredJson.write(strata);
        p.targetComposition = StoredJson.write(normalised(composition));
        p.fatigueCap = request.fatigueCap() == null ? p.fatigueCap : request.fatigueCap();
        p.cooldownDays = request.cooldownDays() == null ? p.cooldownDays : request.cooldownDays();
        p.membershipTermMonths = request.membershipTermMonths();
        Map<String, Object> after = settings(p);
        Map<String, Object> changes = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(before.get(k), v)) {
                changes.put(k, Map.of("from", String.valueOf(before.get(k)), "to", String.valueOf(v)));
            }
        });
        if (!changes.isEmpty()) {
            audit.record(p.id, "panel", "CHANGED", changes);
        }
        em.flush();
        return view(p);
    }

    @Transactional
    public PanelView get(String id) {
        return view(access.read(id));
    }

    @Transactional
    public Page<PanelView> list(PageRequest page) {
        UUID after = page.afterKey() == null ? new UUID(0, 0) : cursor(page.afterKey());
        String party = caller().role();
        List<Panel> panels;
        if (Roles.CORPORATION.equals(party)) {
            panels = Panel.find(
                            "(ownerParty = ?1 or coOwnerParty = ?1) and id > ?2 order by id", Roles.CORPORATION, after)
                    .page(0, page.limit() + 1)
                    .list();
        } else if (Roles.TENANT_ORGANISATION.equals(party)) {
            panels = Panel.find("tenantOrganisation = ?1 and id > ?2 order by id", caller().client(), after)
                    .page(0, page.limit() + 1)
                    .list();
        } else {
            panels = Panel.find("id > ?1 order by id", after)
                    .page(0, page.limit() + 1)
                    .list();
        }
        return page.page(panels.stream().map(this::view).toList(), v -> v.id().toString());
    }

    public PanelView view(Panel p) {
        ConsentText text = ConsentText.of(p.id, p.consentVersion);
        Map<String, Long> members = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT status, count(*) FROM panel_member WHERE panel_id = ?1 GROUP BY status")
                .setParameter(1, p.id)
                .getResultList();
        for (Object[] row : rows) {
            members.put((String) row[0], ((Number) row[1]).longValue());
        }
        return new PanelView(
                p.id,
                p.name,
                p.purpose,
                p.ownerParty,
                p.coOwnerParty,
                p.tenantOrganisation,
                p.targetSize,
                p.strata(),
                p.targetComposition(),
                targets.effective(p),
                p.fatigueCap,
                p.cooldownDays,
                p.membershipTermMonths,
                p.consentVersion,
                text == null ? null : text.text,
                members,
                p.createdAt,
                p.createdBy,
                p.version);
    }

    private static Map<String, Object> settings(Panel p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", p.name);
        s.put("purpose", p.purpose);
        s.put("ownerParty", p.ownerParty);
        s.put("coOwnerParty", p.coOwnerParty);
        s.put("tenantOrganisation", p.tenantOrganisation);
        s.put("targetSize", p.targetSize);
        s.put("strata", p.strata);
        s.put("targetComposition", p.targetComposition);
        s.put("fatigueCap", p.fatigueCap);
        s.put("cooldownDays", p.cooldownDays);
        s.put("membershipTermMonths", p.membershipTermMonths);
        return s;
    }

    /** Shares scaled to add up to exactly 1 (they were checked to within 0.01). */
    static Map<String, Map<String, Double>> normalised(Map<String, Map<String, Double>> composition) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        composition.forEach((attribute, shares) -> {
            double sum =
                    shares.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> scaled = new TreeMap<>();
            shares.forEach((v, s) -> scaled.put(v, sum == 0 ? 0 : s / sum));
            out.put(attribute, scaled);
        });
        return out;
    }

    private static UUID cursor(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("after", "not a cursor returned by this API");
        }
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
