package nl.meedoen.notification.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class OptOutCodesTest {

    private final OptOutCodes codes = new OptOutCodes("a-notification-code-secret-of-32+");

    @Test
    void aDeliveryHasOneCodeAReprintCarriesAgainAndTheStoredHashIsKeyed() {
        UUID id = UUID.randomUUID();
        String code = codes.code(id);
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}"), code);
        assertEquals(code, codes.code(id), "derived again for the same delivery");
        assertNotEquals(code, codes.code(UUID.randomUUID()));
        assertNotEquals(
                code, new OptOutCodes("another-notification-code-secret-32").code(id), "the secret is in the code");
        // as she types it: small letters, spaces instead of dashes
        assertEquals(codes.hash(code), codes.hash(code.toLowerCase().replace('-', ' ')));
        assertNotEquals(
                codes.hash(code), new OptOutCodes("another-notification-code-secret-32").hash(code), "a keyed hash");
    }

    @Test
    void aLinksTokenIsNoCodeAndAShortSecretStopsTheStartNamingTheSetting() {
        assertFalse(OptOutCodes.isCode(new UnsubscribeTokens("a-secret-of-sixteen+").token(UUID.randomUUID())));
        assertFalse(OptOutCodes.isCode("K7QM-3XTR-9"));
        assertTrue(OptOutCodes.isCode("k7qm 3xtr 9p"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OptOutCodes("sixteen-chars-ok"));
        assertTrue(e.getMessage().contains("meedoen.notification.code-secret"), e.getMessage());
    }
}
