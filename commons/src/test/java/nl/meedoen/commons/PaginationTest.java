package nl.meedoen.commons;

import static nl.meedoen.commons.ProblemDetailsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaginationTest {

    @Test
    void cursorsWalkEveryRowOnceAndTheLinkHeaderPointsToTheNextPage() {
        for (int i = 0; i < 5; i++) {
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body("{\"text\": \"page-" + i + "\"}")
                    .post("/test/notes")
                    .then()
                    .statusCode(201);
        }
        long total = ProblemDetailsTest.count();
        List<Integer> seen = new ArrayList<>();
        String after = null;
        do {
            var request = as("ops").queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get("/test/notes");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id", Integer.class));
            after = page.jsonPath().getString("next");
            if (after != null) {
                page.then()
                        .header("Link", containsString("after=" + after))
                        .header("Link", containsString("rel=\"next\""));
            } else {
                assertNull(page.header("Link"));
            }
        } while (after != null);
        assertEquals(total, seen.size());
        assertEquals(seen.stream().distinct().sorted().toList(), seen);
    }

    @Test
    void badPagingParametersAreProblems() {
        as("ops")
                .queryParam("limit", 0)
                .get("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("limit"));
        as("ops")
                .queryParam("limit", "ten")
                .get("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as("ops")
                .queryParam("after", "%%%")
                .get("/test/notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
