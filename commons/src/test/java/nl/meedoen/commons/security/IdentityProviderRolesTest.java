package nl.meedoen.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import nl.meedoen.devinfra.DevTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where each identity provider puts the roles, read from tokens shaped like theirs by smallrye-jwt with the claim
 * path a deployment sets ({@code smallrye.jwt.path.groups}, from {@code MEEDOEN_SECURITY_ROLES_CLAIM}).
 */
class IdentityProviderRolesTest {

    static DevTokens tokens;
    static Path publicKey;

    @BeforeAll
    static void keys() throws Exception {
        tokens = DevTokens.generate();
        publicKey = tokens.writePublicKey(Files.createTempDirectory("idp-roles").resolve("public-key.pem"));
    }

    /** The roles smallrye-jwt reads from a token with these claims, at this claim path. */
    private static Set<String> roles(String claimsJson, String path) throws Exception {
        JWTAuthContextInfo info = new JWTAuthContextInfo(publicKey.toUri().toString(), DevTokens.ISSUER);
        info.setGroupsPath(path);
        return new DefaultJWTParser(info)
                .parse(tokens.tokenWithClaims("idp-client", claimsJson))
                .getGroups();
    }

    @Test
    void keycloakRealmAndClientRolesAreNestedObjects() throws Exception {
        String keycloak = """
                {"realm_access": {"roles": ["offline_access", "meedoen-corporation"]},
                 "resource_access": {"meedoen": {"roles": ["ops"]}, "account": {"roles": ["manage-account"]}}}""";
        assertEquals(Set.of("offline_access", "meedoen-corporation"), roles(keycloak, "realm_access/roles"));
        assertEquals(Set.of("ops"), roles(keycloak, "resource_access/meedoen/roles"));
        assertEquals(Set.of(), roles(keycloak, "resource_access/other/roles"));
    }

    @Test
    void entraAppRolesAreATopLevelArrayAndGroupsAFlatList() throws Exception {
        assertEquals(Set.of("Meedoen.Corporation"), roles("""
                {"roles": ["Meedoen.Corporation"], "groups": ["5f0b4c3e-0000-4000-8000-000000000001"]}""", "roles"));
        assertEquals(Set.of("ops"), roles("{\"groups\": [\"ops\"]}", "groups"));
        assertEquals(Set.of("ops"), roles("{\"role\": \"ops\"}", "role"));
    }
}
