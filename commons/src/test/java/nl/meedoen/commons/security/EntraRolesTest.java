package nl.meedoen.commons.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import nl.meedoen.devinfra.TestInfra;
import org.junit.jupiter.api.Test;

/** A corporation whose Microsoft Entra ID issues app roles: the roles claim, mapped to Meedoen's role names. */
@QuarkusTest
@TestProfile(EntraRolesTest.Entra.class)
class EntraRolesTest {

    public static class Entra implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "smallrye.jwt.path.groups",
                    "roles",
                    IdentityProviderRoles.MAP,
                    "Meedoen.Corporation=corporation,Meedoen.Ops=ops");
        }
    }

    private static int status(String claimsJson) {
        return given().auth()
                .oauth2(TestInfra.tokenWithClaims("entra-client", claimsJson))
                .get("/test/notes/count")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void anAppRoleGrantsTheMeedoenRoleItIsMappedTo() {
        org.junit.jupiter.api.Assertions.assertEquals(200, status("{\"roles\": [\"Meedoen.Corporation\"]}"));
        org.junit.jupiter.api.Assertions.assertEquals(200, status("{\"roles\": [\"Meedoen.Ops\", \"Other.App\"]}"));
    }

    @Test
    void unmappedRolesAndTheGroupsClaimGrantNothing() {
        org.junit.jupiter.api.Assertions.assertEquals(403, status("{\"roles\": [\"Meedoen.Reader\"]}"));
        // a group that happens to carry a Meedoen role name is no role once the roles come from elsewhere
        org.junit.jupiter.api.Assertions.assertEquals(403, status("{\"groups\": [\"corporation\"]}"));
        org.junit.jupiter.api.Assertions.assertEquals(403, status("{\"roles\": [\"corporation\"]}"));
    }
}
