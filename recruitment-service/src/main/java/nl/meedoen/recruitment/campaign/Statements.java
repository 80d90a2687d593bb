package nl.meedoen.recruitment.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.campaign.CampaignRequests.Statement;
import nl.meedoen.recruitment.campaign.CampaignViews.StatementSignature;

/**
 * A campaign's participation statement (principle 5) and its signatures, mirroring a consultation's (consultation-service
 * {@code lifecycle}): set while DRAFT, signed by every owning party — the organiser, and for a corporation's campaign with a
 * {@code partnerOrganisation} the tenant organisation too — and agreed (all have signed) before the campaign opens.
 * Saving a different statement clears the signatures.
 */
@ApplicationScoped
public class Statements {
    static final Set<String> INFLUENCE_LEVELS = Set.of("INFORM", "CONSULT", "ADVISE", "CO_DECIDE");

    @Inject
    Campaigns campaigns;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    static List<Problem.FieldError> errors(Statement s) {
        List<Problem.FieldError> errors = new ArrayList<>();
        text(s.goal(), "statement.goal", errors);
        text(s.canInfluence(), "statement.canInfluence", errors);
        text(s.cannotInfluence(), "statement.cannotInfluence", errors);
        text(s.outcomeUse(), "statement.outcomeUse", errors);
        if (s.influenceLevel() == null || !INFLUENCE_LEVELS.contains(s.influenceLevel())) {
            errors.add(new Problem.FieldError("statement.influenceLevel", "INFORM, CONSULT, ADVISE or CO_DECIDE"));
        }
        if (s.outcomeBy() == null) {
            errors.add(new Problem.FieldError(
                    "statement.outcomeBy", "required: when participants hear what was done with the outcome"));
        }
        return errors;
    }

    private static void text(String t, String field, List<Problem.FieldError> errors) {
        if (t == null || t.isBlank()) {
            errors.add(new Problem.FieldError(field, "required"));
        } else if (t.length() > 5000) {
            errors.add(new Problem.FieldError(field, "at most 5000 characters"));
        }
    }

    /** Sets (or replaces) the statement of a DRAFT campaign; field rules → 422 naming the field. */
    @Transactional
    public Campaign set(UUID campaignId, Statement s) {
        Campaign c = campaigns.locked(campaignId);
        if (c.state() != Campaign.Status.DRAFT) {
            throw Campaigns.wrongState(
                    c, "the participation statement is agreed before opening and does not change after");
        }
        if (s == null) {
            throw ProblemException.fieldRule("statement", "required");
        }
        List<Problem.FieldError> errors = errors(s);
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    422, "validation", "Request is not valid", errors.size() + " field(s) are not valid", errors);
        }
        String written = StoredJson.write(s);
        if (!written.equals(c.statement)) {
            c.statementSignatures = null; // a different statement is not what was signed
        }
        c.statement = written;
        return c;
    }

    /** The caller signs the current statement for its party. */
    @Transactional
    public Campaign sign(UUID campaignId) {
        Campaign c = campaigns.locked(campaignId);
        String party = signingParty(c);
        if (party == null) {
            throw new ProblemException(
                    403, "forbidden", "Forbidden", "only the parties that own the campaign sign its statement", null);
        }
        if (c.state() != Campaign.Status.DRAFT) {
            throw Campaigns.wrongState(c, "the statement is signed before opening");
        }
        if (c.statement == null) {
            throw new ProblemException(
                    409,
                    "no-statement",
                    "No statement to sign",
                    "campaign is " + c.status
                            + ": it has no participation statement yet (PUT /campaigns/{id}/statement)",
                    null);
        }
        Map<String, StatementSignature> signatures = new TreeMap<>(signatures(c));
        signatures.put(party, new StatementSignature(campaigns.client(), OffsetDateTime.now(ZoneOffset.UTC)));
        c.statementSignatures = StoredJson.write(signatures);
        audit.record("campaign.statement-signed", "campaign", c.id.toString(), Map.of("party", party));
        return c;
    }

    /**
     * The party in whose name the caller signs: the corporation for a corporation's campaign; a tenant organisation for the
     * campaigns tenant organisations organise, or as a corporation campaign's partner. Null for anyone else.
     */
    private String signingParty(Campaign c) {
        if (identity.hasRole(Roles.CORPORATION) && Roles.CORPORATION.equals(c.organiserParty)) {
            return Roles.CORPORATION;
        }
        if (identity.hasRole(Roles.TENANT_ORGANISATION)
                && (Roles.TENANT_ORGANISATION.equals(c.organiserParty)
                        || campaigns.organisation().equals(c.partnerOrganisation))) {
            return Roles.TENANT_ORGANISATION;
        }
        return null;
    }

    /** The parties that sign: the organiser, and the partner tenant organisation of a corporation's campaign. */
    public static List<String> signingParties(Campaign c) {
        return Roles.CORPORATION.equals(c.organiserParty) && c.partnerOrganisation != null
                ? List.of(Roles.CORPORATION, Roles.TENANT_ORGANISATION)
                : List.of(c.organiserParty);
    }

    public static Map<String, StatementSignature> signatures(Campaign c) {
        return c.statementSignatures == null
                ? Map.of()
                : StoredJson.read(c.statementSignatures, new TypeReference<Map<String, StatementSignature>>() {});
    }

    public static List<String> unsignedBy(Campaign c) {
        Map<String, StatementSignature> signed = signatures(c);
        return signingParties(c).stream().filter(p -> !signed.containsKey(p)).toList();
    }

    public static Statement statement(Campaign c) {
        return c.statement == null ? null : StoredJson.read(c.statement, new TypeReference<Statement>() {});
    }

    /** Opening waits for an agreed statement: 409 naming the state and what is missing. */
    static void requireAgreed(Campaign c) {
        if (c.statement == null) {
            throw new ProblemException(
                    409,
                    "no-statement",
                    "No participation statement",
                    "campaign is " + c.status
                            + ": a participation statement (goal, what can and cannot be influenced, what is done with "
                            + "the outcome) is agreed before opening (PUT /campaigns/{id}/statement, then POST .../statement/signatures)",
                    null);
        }
        List<String> missing = unsignedBy(c);
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    409,
                    "statement-not-agreed",
                    "Statement not agreed",
                    "campaign is " + c.status + ": the participation statement is not signed yet by "
                            + String.join(", ", missing),
                    null);
        }
    }
}
