package nl.meedoen.recruitment.signup;

import static nl.meedoen.recruitment.Fixtures.BASE;
import static nl.meedoen.recruitment.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.recruitment.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The documented per-call maximum of a bulk sign-up is taken in one call, twice in a row (a cold and a warm service).
 * How long it takes is a benchmark figure (the field trial's draw line, benchmarks/RESULTS.md), not a unit-test assertion:
 * a timed assertion here failed whenever the build machine was busy.
 */
@QuarkusTest
class BulkSignupMaximumTest {
    @Inject
    EntityManager em;

    @Test
    void theMaximumOfOneCallIsSignedUpInOneCall() throws Exception {
        once();
        once();
    }

    /** One call of the maximum size into a fresh campaign. */
    private void once() throws Exception {
        String complex = "C-" + UUID.randomUUID();
        String prefix = "TB-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int n = Signups.BULK_MAX;
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                        INSERT INTO population_member (tenant_ref, complex_id, age_band, household_type, household_key, language, updated_at)
                        SELECT ?1 || g, ?2, '35-64', 'SINGLE', 'H-' || ?1 || g, 'nl', now() FROM generate_series(1, ?3) g""")
                        .setParameter(1, prefix)
                        .setParameter(2, complex)
                        .setParameter(3, n)
                        .executeUpdate());
        String id = Fixtures.openCampaign(Fixtures.campaign("THEME_EVENING", "corporation", 500, complex, "NONE", 0));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("tenantRef", prefix + i);
            m.put("source", "EVENT");
            m.put("motivation", "op de bewonersavond ingevuld, regel " + i);
            lines.add(m);
        }
        byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(lines);
        var response = as("corporation").body(body).post(BASE + "/" + id + "/signups/bulk");
        String text = response.asString();
        assertEquals(200, response.statusCode(), text);
        io.restassured.path.json.JsonPath out = io.restassured.path.json.JsonPath.from(text);
        assertEquals(n, out.getInt("signedUp"));
        assertTrue(
                out.getList("items").size() >= 500,
                "the answer reports the lines: " + out.getList("items").size());
    }
}
