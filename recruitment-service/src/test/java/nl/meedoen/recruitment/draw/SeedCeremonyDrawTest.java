package nl.meedoen.recruitment.draw;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static nl.meedoen.recruitment.Fixtures.commitSeed;
import static nl.meedoen.recruitment.Fixtures.revealSeed;
import static nl.meedoen.recruitment.Fixtures.sha256;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.devinfra.DevTokens;
import nl.meedoen.devinfra.TestInfra;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.Verification;
import nl.meedoen.organisations.RegisteredOrganisations;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A draw seed no single party controls: the corporation, the partner tenant organisation (an equal party) and a witness
 * commit to secrets before the draw commitment and reveal them after it; the seed follows from the commitment and the
 * reveals, the record carries them and verifies with the engine. Every bad reveal is a problem that changes nothing; the
 * deadline rule; the organiser cannot type the seed, and without a ceremony nothing is drawn.
 */
@QuarkusTest
class SeedCeremonyDrawTest {
    private static final String CORPORATION_SECRET = "4f0c8a1be2d94c7f4f0c8a1be2d94c7f-corporatie";
    private static final String PARTNER_SECRET = "b7e1c0d2a9f34e51b7e1c0d2a9f34e51-huurders";
    private static final String WITNESS_SECRET = "3-6-1-4-2-5 gegooid door de notaris";

    @Inject
    EntityManager em;

    @Test
    void theWholeCeremonyThroughTheApiGivesARecordTheEngineVerifies() {
        String partner = RegisteredOrganisations.register("hv-" + UUID.randomUUID());
        String id = closedCoOwnedCampaign(partner, 5, 2);

        commitSeed(as("corporation"), id, null, sha256(CORPORATION_SECRET)).statusCode(201);
        commitSeed(asClient(partner), id, null, sha256(PARTNER_SECRET))
                .statusCode(201)
                .body("phase", equalTo("COMMITTING"))
                .body("parties.party", equalTo(List.of("corporation", "tenant-organisation")));
        commitSeed(as("corporation"), id, "witness:Notaris De Vries", sha256(WITNESS_SECRET))
                .statusCode(201);
        // a second commitment, or one not in hex: refused, nothing changes
        commitSeed(as("corporation"), id, null, sha256("another secret"))
                .statusCode(409)
                .body("type", endsWith("/seed-already-committed"));
        commitSeed(asClient(partner), id, null, "not a hash")
                .statusCode(400)
                .body("errors.field", equalTo(List.of("commitment")));
        // a reveal before the draw commitment: refused, nothing changes
        revealSeed(as("corporation"), id, null, CORPORATION_SECRET)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/reveal-before-draw-commitment"));
        ceremony(id).body("parties.revealed", equalTo(List.of(false, false, false)));

        commitDraw(id);
        // commitments close with the draw commitment
        commitSeed(as("corporation"), id, "witness:Laat", sha256("te laat"))
                .statusCode(409)
                .body("type", endsWith("/seed-commitments-closed"));
        // the organiser cannot type the seed, and nothing is drawn before the reveals
        as("corporation")
                .body(Map.of("seed", "een seed die de corporatie mooi vond"))
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(409)
                .body("type", endsWith("/seed-from-ceremony"));
        as("corporation")
                .body(Map.of())
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(409)
                .body("type", endsWith("/seed-ceremony-waiting"))
                .body("detail", containsString("tenant-organisation"));

        // a mismatching reveal: 422, nothing changes
        revealSeed(as("corporation"), id, null, CORPORATION_SECRET + " ")
                .statusCode(422)
                .body("type", endsWith("/reveal-mismatch"))
                .body("errors.field", equalTo(List.of("reveal")));
        ceremony(id).body("parties.revealed", equalTo(List.of(false, false, false)));
        revealSeed(as("corporation"), id, null, CORPORATION_SECRET).statusCode(200);
        // sealed: the partner sees that the corporation revealed, not what
        asClient(partner)
                .get(BASE + "/" + id + "/draw/ceremony")
                .then()
                .statusCode(200)
                .body("phase", equalTo("REVEALING"))
                .body("parties.find { it.party == 'corporation' }.revealed", equalTo(true))
                .body("parties.find { it.party == 'corporation' }.reveal", nullValue())
                .body("seed", nullValue());
        // a second reveal (even the same secret), or a reveal for another party: refused
        revealSeed(as("corporation"), id, null, CORPORATION_SECRET)
                .statusCode(409)
                .body("type", endsWith("/seed-already-revealed"));
        revealSeed(asClient(partner), id, "corporation", CORPORATION_SECRET).statusCode(403);

        revealSeed(asClient(partner), id, null, PARTNER_SECRET).statusCode(200);
        JsonPath ready = revealSeed(as("corporation"), id, "witness:Notaris De Vries", WITNESS_SECRET)
                .statusCode(200)
                .body("phase", equalTo("READY"))
                .body("missing", equalTo(List.of()))
                .extract()
                .jsonPath();
        String commitment = ready.getString("drawCommitment");
        // the documented formula, recomputed here: RFC 8785 of {commitment, reveals ordered by party}, SHA-256 hex
        String expectedSeed = sha256("{\"commitment\":\"" + commitment + "\",\"reveals\":["
                + "{\"party\":\"corporation\",\"reveal\":\"" + CORPORATION_SECRET + "\"},"
                + "{\"party\":\"tenant-organisation\",\"reveal\":\"" + PARTNER_SECRET + "\"},"
                + "{\"party\":\"witness:Notaris De Vries\",\"reveal\":\"" + WITNESS_SECRET + "\"}]}");
        assertEquals(expectedSeed, ready.getString("seed"));
        assertEquals(PARTNER_SECRET, ready.getString("parties.find { it.party == 'tenant-organisation' }.reveal"));

        as("corporation")
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(200)
                .body("seed", equalTo(expectedSeed));
        String record = as("corporation")
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Verification v = new DrawEngine().verify(record, commitment, false);
        assertTrue(v.match(), v.differences().toString());
        assertTrue(v.checked().contains("seed ceremony"), v.checked().toString());
        JsonPath r = JsonPath.from(record);
        assertEquals(
                List.of(sha256(CORPORATION_SECRET), sha256(PARTNER_SECRET), sha256(WITNESS_SECRET)),
                r.getList("seedCeremony.parties.commitment"));
        assertEquals(List.of(), r.getList("seedCeremony.missing"));
        // a tampered reveal in the published record: the service's verify says no match
        as("ops")
                .body(record.replace(PARTNER_SECRET, PARTNER_SECRET.toUpperCase()))
                .post(BASE + "/draws/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(false))
                .body("differences[0]", containsString("the reveal of tenant-organisation hashes to"));
        // after the draw nothing is revealed any more
        ceremony(id).body("phase", equalTo("DRAWN")).body("seed", equalTo(expectedSeed));
    }

    @Test
    void atTheDeadlineTheDrawGoesAheadWithTheRevealsGivenAndTheRecordNamesTheMissing() {
        String partner = RegisteredOrganisations.register("hv-" + UUID.randomUUID());
        String id = closedCoOwnedCampaign(partner, 4, 2);
        commitSeed(as("corporation"), id, null, sha256(CORPORATION_SECRET)).statusCode(201);
        commitSeed(asClient(partner), id, null, sha256(PARTNER_SECRET)).statusCode(201);
        commitDraw(id);
        revealSeed(as("corporation"), id, null, CORPORATION_SECRET).statusCode(200);
        as("corporation")
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(409)
                .body("type", endsWith("/seed-ceremony-waiting"));

        // the deadline passes (the default window is seven days)
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE draw SET reveal_deadline = now() - interval '1 minute' WHERE campaign_id = ?1")
                        .setParameter(1, UUID.fromString(id))
                        .executeUpdate());
        // a late reveal changes nothing
        revealSeed(asClient(partner), id, null, PARTNER_SECRET)
                .statusCode(409)
                .body("type", endsWith("/reveal-too-late"));
        ceremony(id)
                .body("phase", equalTo("READY"))
                .body("missing", equalTo(List.of("tenant-organisation")))
                .body("parties.find { it.party == 'corporation' }.reveal", equalTo(CORPORATION_SECRET));

        String commitment = as("corporation")
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(200)
                .extract()
                .path("commitment");
        String record = as("corporation")
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .extract()
                .asString();
        JsonPath r = JsonPath.from(record);
        assertEquals(List.of("tenant-organisation"), r.getList("seedCeremony.missing"));
        assertNull(r.get("seedCeremony.parties.find { it.party == 'tenant-organisation' }.reveal"));
        assertEquals(
                sha256("{\"commitment\":\"" + commitment + "\",\"reveals\":["
                        + "{\"party\":\"corporation\",\"reveal\":\"" + CORPORATION_SECRET + "\"},"
                        + "{\"party\":\"tenant-organisation\",\"reveal\":null}]}"),
                r.getString("seed"));
        assertTrue(new DrawEngine().verify(record, commitment, false).match());
        // hiding the missing party in the record does not verify
        Verification hidden = new DrawEngine()
                .verify(record.replace("\"missing\" : [ \"tenant-organisation\" ]", "\"missing\" : [ ]"), null, false);
        assertFalse(hidden.match());
    }

    @Test
    void aLoneOrganiserCannotSeedAndAPublicNumberNamedInAdvanceIsWaitedFor() {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 4);
        String id = as("corporation")
                .body(Fixtures.lotteryCampaign("TENANT_COUNCIL_ONE_OFF", "corporation", 2, complex, "NONE", 0))
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // commitments may come before the campaign opens
        commitSeed(as("corporation"), id, null, sha256(CORPORATION_SECRET)).statusCode(201);
        Fixtures.open("corporation", id).then().statusCode(200);
        refs.forEach(ref -> as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);

        // one party alone could choose the draw's inputs for its own secret: no draw commitment
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .body("type", endsWith("/seed-ceremony-incomplete"));
        as("corporation")
                .body(Map.of("party", "public-number", "commitment", sha256("x"), "source", "Staatsloterij"))
                .post(BASE + "/" + id + "/draw/ceremony/commitments")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("commitment")));
        as("corporation")
                .body(Map.of(
                        "party",
                        "public-number",
                        "source",
                        "Staatsloterij, trekking van 10 januari 2027: het winnende lot"))
                .post(BASE + "/" + id + "/draw/ceremony/commitments")
                .then()
                .statusCode(201);
        commitDraw(id);
        revealSeed(as("corporation"), id, null, CORPORATION_SECRET).statusCode(200);
        // every secret is in, but the public number named in advance is waited for: nobody can leave it out
        as("corporation")
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(409)
                .body("type", endsWith("/seed-ceremony-waiting"))
                .body("detail", containsString("public number"));
        revealSeed(as("corporation"), id, "public-number", "0412377").statusCode(200);
        as("corporation").post(BASE + "/" + id + "/draw/seed").then().statusCode(200);
        String record = as("corporation")
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .extract()
                .asString();
        assertTrue(new DrawEngine().verify(record, null, false).match());
        JsonPath r = JsonPath.from(record);
        assertEquals("0412377", r.getString("seedCeremony.parties.find { it.party == 'public-number' }.reveal"));
        assertNull(r.get("seedCeremony.parties.find { it.party == 'public-number' }.commitment"));
    }

    @Test
    void withoutACeremonyNothingIsDrawnAndATypedSeedIsNotTaken() {
        String partner = RegisteredOrganisations.register("hv-" + UUID.randomUUID());
        String id = closedCoOwnedCampaign(partner, 4, 2);
        // nobody committed: the draw commitment is refused, saying how to get a ceremony, and nothing is queued
        as("corporation")
                .body(Map.of("algorithm", "uniform"))
                .post(BASE + "/" + id + "/draw/commit")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/seed-ceremony-required"))
                .body("detail", containsString("/draw/ceremony/commitments"))
                .body("detail", containsString("/draw/ceremony/reveals"));
        assertEquals(0L, count("SELECT count(*) FROM job WHERE subject = ?1", id));
        as("corporation").get(BASE + "/" + id + "/draw").then().statusCode(404);

        // a draw committed before the ceremony was required (its parties taken away here): no typed seed draws it
        commitSeed(as("corporation"), id, null, sha256(CORPORATION_SECRET)).statusCode(201);
        commitSeed(asClient(partner), id, null, sha256(PARTNER_SECRET)).statusCode(201);
        commitDraw(id);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("DELETE FROM draw_seed_party WHERE campaign_id = ?1")
                        .setParameter(1, UUID.fromString(id))
                        .executeUpdate());
        for (Map<String, String> body : List.of(Map.of("seed", "1-2-3-4"), Map.<String, String>of())) {
            as("corporation")
                    .body(body)
                    .post(BASE + "/" + id + "/draw/seed")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/seed-ceremony-required"))
                    .body("detail", containsString("cancel"));
        }
        as("corporation").get(BASE + "/" + id).then().body("status", equalTo("CLOSED"));
        as("corporation").get(BASE + "/" + id + "/draw").then().statusCode(200).body("seed", nullValue());
        assertEquals(
                0L,
                count("SELECT count(*) FROM signup WHERE campaign_id = CAST(?1 AS uuid) AND outcome IS NOT NULL", id));
    }

    private long count(String sql, String id) {
        return ((Number) QuarkusTransaction.requiringNew()
                        .call(() ->
                                em.createNativeQuery(sql).setParameter(1, id).getSingleResult()))
                .longValue();
    }

    @Test
    void whenNobodyRevealsByTheDeadlineTheCampaignIsNotDrawnFromTheCommitmentAlone() {
        String partner = RegisteredOrganisations.register("hv-" + UUID.randomUUID());
        String id = closedCoOwnedCampaign(partner, 3, 2);
        commitSeed(as("corporation"), id, null, sha256(CORPORATION_SECRET)).statusCode(201);
        commitSeed(asClient(partner), id, null, sha256(PARTNER_SECRET)).statusCode(201);
        commitDraw(id);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "UPDATE draw SET reveal_deadline = now() - interval '1 minute' WHERE campaign_id = ?1")
                        .setParameter(1, UUID.fromString(id))
                        .executeUpdate());
        as("corporation")
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(409)
                .body("type", endsWith("/seed-ceremony-failed"));
        as("corporation").get(BASE + "/" + id + "/draw").then().statusCode(200).body("seed", nullValue());
    }

    /** A corporation's lottery campaign co-owned by {@code partner}, {@code signups} tenants signed up, closed. */
    private static String closedCoOwnedCampaign(String partner, int signups, int seats) {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, signups);
        Map<String, Object> body = Fixtures.lotteryCampaign("WORK_GROUP", "corporation", seats, complex, "NONE", 0);
        body.put("partnerOrganisation", partner);
        String id = as("corporation")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("corporation")
                .body(Fixtures.statement())
                .put(BASE + "/" + id + "/statement")
                .then()
                .statusCode(200);
        as("corporation").post(BASE + "/" + id + "/statement/signatures").then().statusCode(200);
        asClient(partner).post(BASE + "/" + id + "/statement/signatures").then().statusCode(200);
        as("corporation").post(BASE + "/" + id + "/open").then().statusCode(200);
        refs.forEach(ref -> as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        return id;
    }

    private static void commitDraw(String id) {
        JsonPath job = Fixtures.commitDraw("corporation", id, Map.of("algorithm", "uniform"));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
    }

    private static io.restassured.response.ValidatableResponse ceremony(String id) {
        return as("corporation").get(BASE + "/" + id + "/draw/ceremony").then().statusCode(200);
    }

    private static RequestSpecification asClient(String client) {
        java.nio.file.Path dir = java.nio.file.Path.of(java.net.URI.create(TestInfra.publicKeyLocation()))
                .getParent();
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(DevTokens.inDirectory(dir).token(client, "tenant-organisation"))
                .contentType(io.restassured.http.ContentType.JSON);
    }
}
