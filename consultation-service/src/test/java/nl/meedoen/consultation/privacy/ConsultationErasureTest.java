package nl.meedoen.consultation.privacy;

import static nl.meedoen.consultation.Api.as;
import static nl.meedoen.consultation.Api.submit;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.contracts.TenantProfileV1;
import nl.meedoen.consultation.Api;
import nl.meedoen.devinfra.Events;
import org.junit.jupiter.api.Test;

/** The tombstone on tenants.profile.v1 erases what consultation-service holds of the tenant (docs/retention.md). */
@QuarkusTest
class ConsultationErasureTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aTombstoneDeletesHerInvitationAndHerPseudonymousResponseWithItsOpenAnswer() throws SQLException {
        List<String> refs = Api.population(
                Api.prefix(), 2, "BU" + UUID.randomUUID().toString().substring(0, 8));
        String erased = refs.get(0);
        String kept = refs.get(1);
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        Map<String, String> tokens = Api.openAndCollectTokens(id, refs);
        for (String ref : refs) {
            submit(
                            tokens.get(ref),
                            "{\"kids\":\"no\",\"use\":[\"slide\"],\"remarks\":\"Ik ben " + ref.hashCode() + "\"}")
                    .then()
                    .statusCode(201);
        }
        // her participation event went out and is kept in the outbox for inspection, naming her
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL"
                                        + " AND strpos(payload, ?) > 0",
                                erased)
                        > 0);

        Events.publish(TenantProfileV1.TOPIC, erased, UUID.randomUUID().toString(), TenantProfileV1.ERASED, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM invitation WHERE tenant_ref = ?", erased) == 0);

        assertEquals(0, count("SELECT count(*) FROM audience_member WHERE tenant_ref = ?", erased));
        assertEquals(
                0,
                count("SELECT count(*) FROM response WHERE strpos(answers, ?) > 0", "Ik ben " + erased.hashCode()),
                "her open answer is gone with her response");
        assertEquals(
                1,
                count("SELECT count(*) FROM response WHERE strpos(answers, ?) > 0", "Ik ben " + kept.hashCode()),
                "the other tenant's response stays");
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM response_link l JOIN response r ON r.id = l.response_id"
                                + " WHERE CAST(r.consultation_id AS TEXT) = ?",
                        id));
        assertEquals(
                0,
                count(
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL AND strpos(payload, ?) > 0",
                        erased),
                "published events naming her are gone");
        // her link no longer works (an unknown token); the other one still names its response
        submit(tokens.get(erased), "{\"kids\":\"no\"}").then().statusCode(401);
        submit(tokens.get(kept), "{\"kids\":\"no\"}").then().statusCode(409);
        // the right of access finds nothing
        as("corporation")
                .get("/api/v1/data-subjects/consultation/" + erased)
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
