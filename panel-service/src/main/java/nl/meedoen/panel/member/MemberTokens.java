package nl.meedoen.panel.member;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
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
import javax.crypto.spec.SecretKeySpec;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.ShortCodes;
import nl.meedoen.commons.sql.SqlTimes;
import nl.meedoen.panel.PanelConfig;

/**
 * Personal links: 256 random bits (43 URL-safe characters) mailed to the tenant; only their
 * SHA-256 is stored, so the database alone cannot act for anyone. A member keeps every link mailed
 * to them (invitation, consent renewals) until erased; an invitation nobody answered expires after
 * {@code meedoen.panel.invitation-validity}, so old, unused links in mailboxes stop being credentials.
 *
 * <p>Every link also has a short code ({@link ShortCodes}, {@code K7QM-3XTR-9P}) derived from its token, which a letter
 * prints beside the link's QR code for a tenant who cannot scan it: typed on the panel page, it stands for the token
 * everywhere. Only an HMAC of the code under {@code meedoen.panel.code-secret} is stored, to look it up by; links issued
 * before codes have none.
 */
@Startup // the code secret is checked when the service starts, not at the first invitation
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

    @Inject
    PanelConfig config;

    private SecretKeySpec codeKey;

    /** A link as issued: the token for the personal link and the short code for typing it from a letter. */
    public record Link(String token, String shortCode) {}

    @PostConstruct
    void init() {
        codeKey = ShortCodes.key(config.codeSecret(), "meedoen.panel.code-secret");
    }

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

    /**
     * A new link for the member; the token and its short code are returned once, for the message, and never stored
     * (only their hashes).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Link issue(UUID panelId, String tenantRef, String purpose) {
        String token = generate();
        String code = shortCode(token);
        em.createNativeQuery(
                        "INSERT INTO member_token (token_hash, short_code_hash, panel_id, tenant_ref, purpose, created_at)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, hash(token))
                .setParameter(2, ShortCodes.hash(code, codeKey))
                .setParameter(3, panelId)
                .setParameter(4, tenantRef)
                .setParameter(5, purpose)
                .setParameter(6, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        return new Link(token, code);
    }

    /**
     * Where a letter's short code is typed: the panel page, the configured link ({@code …#{token}}) without its
     * {@code #…}.
     */
    static String codeUrl(String linkUrl) {
        int hash = linkUrl.indexOf('#');
        return hash < 0 ? linkUrl.replace("{token}", "") : linkUrl.substring(0, hash);
    }

    /** The short code of a link's token: keyed, so nobody without the secret can tell the code from the token. */
    String shortCode(String token) {
        return ShortCodes.of(ShortCodes.hmac(codeKey, "panel-short-code:" + token));
    }

    /**
     * The membership a link belongs to, by its token or by the short code its letter printed (case, spaces and dashes
     * not mattering); 404 for anything else (no hint whether it ever existed), the same for a wrong code as for a wrong
     * token.
     */
    public PanelMember member(String token) {
        ProblemException invalid =
                new ProblemException(404, "not-found", "Not found", "this panel link is not valid", null);
        boolean code = ShortCodes.normal(token) != null;
        if (token == null || !code && (token.length() < 43 || token.length() > 100)) {
            throw invalid;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT panel_id, tenant_ref, created_at FROM member_token WHERE "
                        + (code ? "short_code_hash" : "token_hash") + " = ?1")
                .setParameter(1, code ? ShortCodes.hash(token, codeKey) : hash(token))
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
