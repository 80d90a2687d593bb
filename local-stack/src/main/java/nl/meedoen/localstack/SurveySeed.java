package nl.meedoen.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.meedoen.devinfra.GatewayClient;
import nl.meedoen.devinfra.PostgresServer;

/**
 * A sample consultation for the SurveyJS reference frontend (examples/surveyjs-frontend): every
 * question type and a PWE block, created, given its participation statement and opened through the
 * gateway like any corporation system would. Respondents get their token by mail; locally nobody reads
 * that mail, so the tokens are derived here the way consultation-service derives them — HMAC-SHA256
 * of the invitation id under the local stack's own token secret — from the invitation ids in the
 * local database. Nothing in the services changes for this.
 */
public final class SurveySeed {

    /** Where the page is served by the local stack's gateway. */
    public static final String PAGE = "/examples/surveyjs-frontend/";

    private static final String API = "/api/v1/consultations";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The opened consultation, one invitation token per respondent and, in the same order, the short codes of their letters. */
    public record Seeded(String consultationId, List<String> tokens, List<String> shortCodes) {}

    private final String gatewayUrl;
    private final GatewayClient gateway;

    public SurveySeed(String gatewayUrl, String corporationToken) {
        this.gatewayUrl = gatewayUrl.replaceAll("/+$", "");
        this.gateway = new GatewayClient(gatewayUrl, corporationToken, Duration.ofSeconds(30));
    }

    /** The secret the local stack gives consultation-service ({@code dataDir/consultation-token.secret}). */
    public static String tokenSecret(Path dataDir) {
        Path file = dataDir.resolve("consultation-token.secret");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("No " + file + ": has the local stack run with this data folder?", e);
        }
    }

    /** The link a respondent opens: the token after '#', as in the invitation mails. */
    public String pageUrl(String token) {
        return gatewayUrl + PAGE + "#" + token;
    }

    /** Creates and opens the sample consultation for {@code respondents} invitees and returns their tokens. */
    public Seeded seed(int respondents, String jdbcUrl, String tokenSecret) {
        String prefix = "SEED-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        ObjectNode body = (ObjectNode) resource("survey-consultation.json");
        var refs = ((ObjectNode) body.get("audience")).putArray("tenantRefs");
        for (int i = 1; i <= respondents; i++) {
            refs.add(prefix + i);
        }
        String id = send("POST", API, body, null, 201).get("id").asText();
        send("PUT", API + "/" + id + "/questionnaire", resource("survey-questionnaire.json"), etag(id), 200);
        send("PUT", API + "/" + id + "/statement", resource("survey-statement.json"), etag(id), 200);
        send("POST", API + "/" + id + "/open", null, etag(id), 200);
        awaitInvitations(id, respondents, Duration.ofSeconds(90));
        return seeded(id, jdbcUrl, tokenSecret);
    }

    /**
     * Closes the consultation. The sample is ANONYMOUS: its responses are stored and counted once k of them can be
     * released together, or when it closes.
     */
    public void close(String consultationId) {
        send("POST", API + "/" + consultationId + "/close", null, etag(consultationId), 200);
    }

    /** The consultation's results as the corporation reads them. */
    public JsonNode results(String consultationId) {
        return send("GET", API + "/" + consultationId + "/results", null, null, 200);
    }

    /** Invitations are written by consultation-service's scheduler shortly after opening. */
    private void awaitInvitations(String id, int expected, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            JsonNode counts = send("GET", API + "/" + id + "/invitations/counts", null, null, 200);
            if (counts.path("allInvited").asBoolean() && counts.path("invited").asInt() == expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consultation " + id + " has " + counts + " after " + max.toSeconds()
                        + " s, expected " + expected + " invitations");
            }
            sleep(500);
        }
    }

    /** The tokens and letter codes of a consultation's invitations, ordered by tenant (also for the browser ITs). */
    static Seeded seeded(String consultationId, String jdbcUrl, String secret) {
        List<String> tokens = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
                PreparedStatement ps =
                        c.prepareStatement("SELECT id FROM invitation WHERE consultation_id = ? ORDER BY tenant_ref")) {
            ps.setObject(1, UUID.fromString(consultationId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(token(secret, rs.getString(1)));
                    codes.add(shortCode(secret, rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "reading the invitations from " + jdbcUrl + " failed: " + e.getMessage(), e);
        }
        return new Seeded(consultationId, tokens, codes);
    }

    /** As consultation-service's InvitationTokens.token: base64url(HMAC-SHA256(secret, "invitation:" + id)). */
    static String token(String secret, String invitationId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(secret, "invitation:" + invitationId));
    }

    /**
     * As consultation-service's InvitationTokens.shortCode: the first 50 bits of HMAC-SHA256(secret, "short-code:" +
     * id) in Crockford's base32, grouped 4-4-2.
     */
    static String shortCode(String secret, String invitationId) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        long bits = ByteBuffer.wrap(hmac(secret, "short-code:" + invitationId)).getLong() >>> (64 - 50);
        StringBuilder code = new StringBuilder();
        for (int i = 9; i >= 0; i--) {
            code.append(alphabet.charAt((int) (bits >>> (5 * i)) & 31));
            if (i == 6 || i == 2) {
                code.append('-');
            }
        }
        return code.toString();
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String etag(String id) {
        return gateway.etag(API + "/" + id);
    }

    private JsonNode send(String method, String path, JsonNode body, String ifMatch, int expected) {
        String response = gateway.send(method, path, body == null ? null : body.toString(), ifMatch, expected);
        try {
            return response.isEmpty() ? JSON.createObjectNode() : JSON.readTree(response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " answered no JSON: " + response, e);
        }
    }

    private static JsonNode resource(String name) {
        try (InputStream in = SurveySeed.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource seed/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
