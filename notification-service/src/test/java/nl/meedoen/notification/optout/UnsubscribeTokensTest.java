package nl.meedoen.notification.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("a-secret-of-sixteen+");

    @Test
    void tokensAre256BitSignedAndVerifiable() {
        UUID id = UUID.randomUUID();
        String token = tokens.token(id);
        assertEquals(43, token.length()); // 32 bytes, URL-safe base64
        assertEquals(id, tokens.verify(token).orElseThrow());
        assertEquals(token, tokens.token(id), "derivable again for the same delivery");
        assertEquals(64, UnsubscribeTokens.hash(token).length());
    }

    @Test
    void forgedOrTamperedTokensFail() {
        String token = tokens.token(UUID.randomUUID());
        char last = token.charAt(10);
        String tampered = token.substring(0, 10) + (last == 'A' ? 'B' : 'A') + token.substring(11);
        assertTrue(tokens.verify(tampered).isEmpty());
        assertTrue(new UnsubscribeTokens("another-secret-of-16").verify(token).isEmpty());
        assertTrue(tokens.verify("short").isEmpty());
        assertTrue(tokens.verify("!!!!").isEmpty());
        assertNotEquals(tokens.token(UUID.randomUUID()), tokens.token(UUID.randomUUID()));
    }
}
