package nl.meedoen.panel.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.sql.SqlTimes;

/**
 * Personal links: 256 random bits (43 URL-safe characters) mailed to the tenant; only their
 * SHA-256 is stored, so the database alone cannot act for anyone. A member keeps every link mailed
 * to them (invitation, consent renewals) until erased; an invitation nobody answered expires after
 * {@code meedoen.panel.invitation-validity}, so old, unused links in mailboxes stop being credentials.
 */
@ApplicationScoped
public class MemberTokens {

    public static final String INVITATION = "INVITATION";
    public static final String CONSENT_RENEWAL = "CONSENT_RENEWAL";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "meedoen.panel.invitation-validity",
            defaultValue = "P60D")
    java.time.Duration invitationValidity;

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new link for the member; the token itself is returned once, for the message, and never stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(UUID panelId, String tenantRef, String purpose) {
        String token = generate();
        em.createNativeQuery(
                        "INSERT INTO member_token (token_hash, panel_id, tenant_ref, purpose, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, hash(token))
                .setParameter(2, panelId)
                .setParameter(3, tenantRef)
                .setParameter(4, purpose)
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        return token;
    }

    /** The membership a link belongs to; 404 for anything else (no hint whether it ever existed). */
    public PanelMember member(String token) {
        ProblemException invalid =
                new ProblemException(404, "not-found", "Not found", "this panel link is not valid", null);
        if (token == null || token.length() < 43 || token.length() > 100) {
            throw invalid;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT panel_id, tenant_ref, created_at FROM member_token WHERE token_hash = ?1")
                .setParameter(1, hash(token))
                .getResultList();
        if (rows.isEmpty()) {
            throw invalid;
        }
        PanelMember member = PanelMember.of((UUID) rows.get(0)[0], (String) rows.get(0)[1]);
        if (member == null) {
            throw invalid;
        }
        if (member.is(PanelMember.Status.INVITED)
                && SqlTimes.offset(rows.get(0)[2])
                        .plus(invitationValidity)
                        .isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw invalid; // an invitation left unanswered too long
        }
        return member;
    }
}
