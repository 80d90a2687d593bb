package nl.meedoen.commons.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where each identity provider puts the roles, read from tokens shaped like theirs. */
class IdentityProviderRolesTest {

    private static DefaultJWTCallerPrincipal token(String claimsJson) throws Exception {
        return new DefaultJWTCallerPrincipal(JwtClaims.parse(claimsJson));
    }

    @Test
    void keycloakRealmAndClientRolesAreNestedObjects() throws Exception {
        var keycloak = token("""
                {"sub": "a", "realm_access": {"roles": ["offline_access", "meedoen-corporation"]},
                 "resource_access": {"meedoen": {"roles": ["ops"]}, "account": {"roles": ["manage-account"]}}}""");
        assertEquals(List.of("offline_access", "meedoen-corporation"), IdentityProviderRoles.valuesAt(keycloak, "realm_access/roles"));
        assertEquals(List.of("ops"), IdentityProviderRoles.valuesAt(keycloak, "resource_access/meedoen/roles"));
        assertEquals(List.of(), IdentityProviderRoles.valuesAt(keycloak, "resource_access/other/roles"));
    }

    @Test
    void entraAppRolesAreATopLevelArrayAndGroupsAFlatList() throws Exception {
        assertEquals(List.of("Meedoen.Corporation"), IdentityProviderRoles.valuesAt(token("""
                {"sub": "a", "roles": ["Meedoen.Corporation"], "groups": ["5f0b4c3e-0000-4000-8000-000000000001"]}"""), "roles"));
        assertEquals(List.of("ops"), IdentityProviderRoles.valuesAt(token("{\"sub\": \"a\", \"groups\": [\"ops\"]}"), "groups"));
        assertEquals(List.of("ops"), IdentityProviderRoles.valuesAt(token("{\"sub\": \"a\", \"role\": \"ops\"}"), "role"));
    }
}
