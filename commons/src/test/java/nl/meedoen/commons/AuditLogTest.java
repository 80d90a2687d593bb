package nl.meedoen.commons;

import static nl.meedoen.commons.ProblemDetailsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditLogTest {

    @Test
    void aPrivilegedActionRecordsWhoWhatWhenAndTheCorrelationIdForOps() {
        String id = "n-" + UUID.randomUUID();
        as("tenant-organisation")
                .header("X-Correlation-Id", "audit-" + id)
                .post("/test/exports/" + id)
                .then()
                .statusCode(200);

        as("ops")
                .queryParam("subjectType", "note")
                .queryParam("subjectId", id)
                .get("/test/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", equalTo("note.exported"))
                .body("items[0].actor", equalTo("tenant-organisation-client"))
                .body("items[0].actorRoles", equalTo("tenant-organisation"))
                .body("items[0].subjectId", equalTo(id))
                .body("items[0].correlationId", equalTo("audit-" + id))
                .body("items[0].details", equalTo("{\"format\":\"csv\"}"))
                .body("items[0].occurredAt", notNullValue());
    }

    @Test
    void theEntryIsPartOfTheActionsTransaction() {
        String id = "fail-" + UUID.randomUUID();
        as("corporation").post("/test/exports/" + id).then().statusCode(500);
        as("ops")
                .queryParam("subjectId", id)
                .get("/test/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void onlyOpsReadsTheAuditLog() {
        for (String role : new String[] {"corporation", "tenant-organisation", "survey-frontend"}) {
            as(role).get("/test/audit").then().statusCode(403);
        }
        io.restassured.RestAssured.given().get("/test/audit").then().statusCode(401);
        as("ops").queryParam("after", "not-a-cursor!").get("/test/audit").then().statusCode(400);
    }
}
