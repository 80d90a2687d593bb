package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.meedoen.devinfra.DevTokens;
import org.junit.jupiter.api.Test;

/** {@code ./meedoen token}: the subject a development token carries, for a role or a named organisation. */
class TokenCommandTest {

    @Test
    void aTenantOrganisationsTokenCarriesItsOrganisationsClient() {
        assertEquals(
                "huurdersvereniging-vogelbuurt",
                LocalStack.tokenSubject("tenant-organisation", "huurdersvereniging-vogelbuurt", null));
        assertEquals("hv-secretaris", LocalStack.tokenSubject("tenant-organisation", null, "hv-secretaris"));
        assertEquals("tenant-organisation-client", LocalStack.tokenSubject("tenant-organisation", null, null));
        assertEquals("corporation-client", LocalStack.tokenSubject("corporation", null, null));

        String jwt = DevTokens.generate()
                .token(LocalStack.tokenSubject("tenant-organisation", "hv-noord", null), "tenant-organisation");
        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"hv-noord\"") && claims.contains("tenant-organisation"), claims);
    }

    @Test
    void anOrganisationIsOnlyForTheTenantOrganisationRoleAndMustBeAnId() {
        assertThrows(IllegalArgumentException.class, () -> LocalStack.tokenSubject("corporation", "hv-noord", null));
        assertThrows(IllegalArgumentException.class, () -> LocalStack.tokenSubject("ops", null, "someone"));
        assertThrows(
                IllegalArgumentException.class, () -> LocalStack.tokenSubject("tenant-organisation", "HV Noord", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> LocalStack.tokenSubject("tenant-organisation", "hv-noord", "hv-secretaris"));
        assertThrows(
                IllegalArgumentException.class,
                () -> LocalStack.tokenSubject("tenant-organisation", null, "with space"));
    }
}
