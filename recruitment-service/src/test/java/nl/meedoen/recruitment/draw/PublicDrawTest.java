package nl.meedoen.recruitment.draw;

import static io.restassured.RestAssured.given;
import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static nl.meedoen.recruitment.Fixtures.commitSeed;
import static nl.meedoen.recruitment.Fixtures.revealSeed;
import static nl.meedoen.recruitment.Fixtures.sha256;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.devinfra.Events;
import nl.meedoen.draw.Algorithm;
import nl.meedoen.draw.DrawEngine;
import nl.meedoen.draw.DrawInput;
import nl.meedoen.draw.DrawRecord;
import nl.meedoen.draw.DrawRecords;
import nl.meedoen.draw.Person;
import nl.meedoen.draw.Verification;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The public draw page's API: a drawn draw is readable without a token at its random public id, as the same record the
 * parties read, and verifies with the engine; before the draw, for a guessed or malformed id, the same 404. Nothing in
 * it names a tenant; each outcome message tells its tenant the page and their own pseudonym.
 */
@QuarkusTest
class PublicDrawTest {
    private static final String PUBLIC = BASE + "/public-draws/";
    private static final String CORPORATION_SECRET = "9d2e4c6a8b0f1e3d5c7a9b1d3f5e7c9a-corporatie";
    private static final String WITNESS_SECRET = "5-2-6-3-1 gegooid in het buurthuis";

    @Inject
    EntityManager em;

    @Test
    void aDrawnDrawIsPublicAtItsOwnIdVerifiesAndNamesNobody() {
        var messages = Events.consumer(MessageRequestV1.TOPIC);
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String ref = "T-" + UUID.randomUUID();
            Fixtures.member(ref, complex, i % 2 == 0 ? "18-34" : "35-64", "H-" + ref);
            refs.add(ref);
        }
        Map<String, Object> body = Fixtures.lotteryCampaign("WORK_GROUP", "corporation", 2, complex, "NONE", 0);
        body.put("title", "Klankbord lift " + complex);
        String id = Fixtures.openCampaign(body);
        refs.forEach(ref -> as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        commitSeed(as("corporation"), id, null, sha256(CORPORATION_SECRET)).statusCode(201);
        commitSeed(as("corporation"), id, "witness:Buurtbewoner", sha256(WITNESS_SECRET))
                .statusCode(201);
        JsonPath job = Fixtures.commitDraw(
                "corporation",
                id,
                Map.of(
                        "algorithm",
                        "leximin",
                        "quotas",
                        List.of(Map.of("attribute", "ageBand", "value", "18-34", "min", 1, "max", 1))));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        String publicId = as("corporation")
                .get(BASE + "/" + id + "/draw")
                .then()
                .statusCode(200)
                .extract()
                .path("publicId");
        assertNotEquals(id, publicId, "the page has its own id, not the campaign's");

        // committed, not drawn yet: the same 404 as an id nobody was given, a malformed one, or the campaign's id
        JsonPath notYet = notFound(publicId);
        for (String guess : List.of(UUID.randomUUID().toString(), id, "1", "' OR 1=1 --", publicId + "/record")) {
            JsonPath other = notFound(guess);
            for (String field : List.of("type", "title", "status", "detail")) {
                assertEquals(notYet.getString(field), other.getString(field), field + " of " + guess);
            }
        }

        revealSeed(as("corporation"), id, null, CORPORATION_SECRET).statusCode(200);
        revealSeed(as("corporation"), id, "witness:Buurtbewoner", WITNESS_SECRET)
                .statusCode(200);
        as("corporation")
                .body(Map.of())
                .post(BASE + "/" + id + "/draw/seed")
                .then()
                .statusCode(200);
        JsonPath staff = as("corporation")
                .get(BASE + "/" + id + "/draw")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String commitment = staff.getString("commitment");

        // drawn: anyone reads it without a token
        String summary = given().get(PUBLIC + publicId)
                .then()
                .statusCode(200)
                .body("publicId", equalTo(publicId))
                .body("campaignTitle", equalTo("Klankbord lift " + complex))
                .body("seats", equalTo(2))
                .body("commitment", equalTo(commitment))
                .body("record", equalTo(PUBLIC + publicId + "/record"))
                .extract()
                .asString();
        String record = given().get(PUBLIC + publicId + "/record")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"draw-" + publicId + ".json\"")
                .extract()
                .asString();
        // the same record the parties read, and the engine (as the CLI: verify --recompute) finds it whole
        assertEquals(
                as("ops")
                        .get(BASE + "/" + id + "/draw/record")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                record);
        Verification v = new DrawEngine().verify(record, commitment, true);
        assertTrue(v.match(), v.differences().toString());
        assertTrue(v.checked().contains("seed ceremony"), v.checked().toString());
        JsonPath r = JsonPath.from(record);
        assertEquals(
                List.of(sha256(CORPORATION_SECRET), sha256(WITNESS_SECRET)),
                r.getList("seedCeremony.parties.commitment"));
        assertEquals(List.of(CORPORATION_SECRET, WITNESS_SECRET), r.getList("seedCeremony.parties.reveal"));
        assertEquals(2, r.getList("result.selected").size());
        assertEquals(6, r.getList("probabilities").size());

        // nothing personal: pseudonyms (the sign-up ids) only, never a tenantRef
        List<String> pseudonyms = r.getList("committed.pool.id");
        List<String> signupIds = staff.getList("participants.signupId");
        assertEquals(
                signupIds.stream().sorted().toList(),
                pseudonyms.stream().sorted().toList());
        for (String text : List.of(summary, record)) {
            assertFalse(text.contains("tenantRef"), text);
            refs.forEach(ref -> assertFalse(text.contains(ref), ref + " in " + text));
        }

        // each tenant's outcome message names the page and their own pseudonym, so they find themselves and no other
        var outcomes = Events.await(
                messages,
                m -> m.value() != null && m.value().contains("recruitment:" + id + ":recruitment.draw-"),
                6,
                java.time.Duration.ofSeconds(20));
        assertEquals(6, outcomes.size());
        for (var m : outcomes) {
            JsonPath message = JsonPath.from(m.value());
            String tenantRef = message.getString("tenantRef");
            String own = staff.getString("participants.find { it.tenantRef == '" + tenantRef + "' }.signupId");
            assertEquals(own, message.getString("data.pseudonym"), m.value());
            assertEquals("http://localhost:8080/loting#" + publicId, message.getString("data.drawUrl"), m.value());
            String outcome = staff.getString("participants.find { it.tenantRef == '" + tenantRef + "' }.outcome");
            assertEquals(
                    outcome.equals("SELECTED"),
                    r.getList("result.selected").contains(own),
                    "the letter and the public record agree for " + own);
        }
        messages.close();
    }

    @Test
    void aRecordCommittedWithRawHouseholdKeysIsPublishedWithThemHashedAndStillVerifies() throws Exception {
        String complex = "C-" + UUID.randomUUID();
        List<String> refs = Fixtures.tenants(complex, 4);
        String id = Fixtures.openCampaign(Fixtures.lotteryCampaign("WORK_GROUP", "corporation", 2, complex, "NONE", 0));
        refs.forEach(ref -> as("corporation")
                .body(Map.of("tenantRef", ref, "source", "WEBSITE"))
                .post(BASE + "/" + id + "/signups")
                .then()
                .statusCode(201));
        as("corporation").post(BASE + "/" + id + "/close").then().statusCode(200);
        Fixtures.commitCeremony("corporation", id);
        assertEquals(
                "SUCCEEDED",
                Fixtures.commitDraw("corporation", id, Map.of("algorithm", "uniform"))
                        .getString("status"));
        Fixtures.drawFromCeremony("corporation", id).statusCode(200);

        String publicId = as("corporation")
                .get(BASE + "/" + id + "/draw")
                .then()
                .statusCode(200)
                .extract()
                .path("publicId");
        List<String> signupIds = as("ops")
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("committed.pool.id");

        // the same pool as drawn before households were hashed per draw: raw keys, two tenants at one address
        List<String> keys = List.of("3512AB|12|", "3512AB|12|", "3512AB|14|", "3512AC|1|A");
        List<Person> pool = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            pool.add(new Person(signupIds.get(i), Map.of(), keys.get(i)));
        }
        DrawRecord old = new DrawEngine().draw(new DrawInput(pool, List.of(), 2, Algorithm.UNIFORM, true), "3-1-4-1-5");
        String oldRecord = DrawRecords.toJson(old);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE draw SET record = ?1, commitment = ?2 WHERE campaign_id = ?3")
                        .setParameter(1, oldRecord)
                        .setParameter(2, old.commitment())
                        .setParameter(3, UUID.fromString(id))
                        .executeUpdate());

        String published = given().get(PUBLIC + publicId + "/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(published.contains("3512A"), published);
        JsonPath r = JsonPath.from(published);
        assertTrue(r.getBoolean("householdsRedacted"));
        List<String> households = r.getList("committed.pool.household");
        // each replaced by its draw key (a hash of this draw's commitment, seed and the key): who shares a household
        // shows
        households.forEach(h -> assertTrue(h.matches("[0-9a-f]{64}"), h));
        assertEquals(households.get(0), households.get(1));
        assertEquals(3, new java.util.HashSet<>(households).size());
        // a tenant's verify (the CLI's, with the published commitment) checks all but the inputs' hash, and says so
        Verification v = new DrawEngine().verify(published, old.commitment(), true);
        assertTrue(v.match(), v.differences().toString());
        assertTrue(
                v.checked().containsAll(List.of("published commitment", "inputs", "result")),
                v.checked().toString());
        assertFalse(v.checked().contains("commitment"), v.checked().toString());
        assertTrue(
                v.checked().stream().anyMatch(c -> c.startsWith("commitment not recomputed")),
                v.checked().toString());
        // a changed outcome in that copy is still found
        var tampered = new com.fasterxml.jackson.databind.ObjectMapper().readTree(published);
        var selected = (com.fasterxml.jackson.databind.node.ArrayNode)
                tampered.get("result").get("selected");
        selected.insert(0, selected.remove(1));
        assertFalse(new DrawEngine()
                .verify(tampered.toString(), old.commitment(), false)
                .match());
        // the parties' record is as stored and proves the commitment
        String parties = as("ops")
                .get(BASE + "/" + id + "/draw/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(oldRecord, parties);
        assertTrue(new DrawEngine()
                .verify(parties, old.commitment(), false)
                .checked()
                .contains("commitment"));
    }

    private static JsonPath notFound(String publicId) {
        return given().get(PUBLIC + publicId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();
    }
}
