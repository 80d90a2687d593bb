package nl.meedoen.recruitment.seating;

/** A caller with its own client id (tenant organisations are told apart by it). */
final class CampaignApiTestAccess {
    private CampaignApiTestAccess() {}

    static io.restassured.specification.RequestSpecification asClient(String client, String role) {
        java.nio.file.Path dir = java.nio.file.Path.of(
                        java.net.URI.create(nl.meedoen.devinfra.TestInfra.publicKeyLocation()))
                .getParent();
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(nl.meedoen.devinfra.DevTokens.inDirectory(dir).token(client, role))
                .contentType(io.restassured.http.ContentType.JSON);
    }
}
