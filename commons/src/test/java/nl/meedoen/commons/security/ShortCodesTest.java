package nl.meedoen.commons.security;

import static nl.meedoen.commons.security.ShortCodes.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** How a code typed from paper is read: what a person gets wrong on the way is forgiven, nothing else. */
class ShortCodesTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

    @Test
    void caseSpacesDashesAndLookalikesDoNotMatter() {
        assertEquals("K7QM3XTR9P", normal("K7QM-3XTR-9P"));
        assertEquals("K7QM3XTR9P", normal(" k7qm 3xtr 9p "));
        assertEquals("K7QM3XTR9P", normal("k7qm3xtr9p"));
        assertEquals("K7QM3XTR9P", normal("K7QM–3XTR—9P"), "an en or em dash a word processor made of the dash");
        assertEquals("10Q0110000", normal("IoQO-lLoo-oo"), "O reads as 0, I and L as 1");
    }

    @Test
    void digitsFromAnArabicOrPersianKeyboardAreTheDigitsTheyAre() {
        assertEquals("K7QM3XTR9P", normal("K٧QM-٣XTR-٩P"), "Arabic-Indic digits");
        assertEquals("K7QM3XTR9P", normal("K۷QM-۳XTR-۹P"), "Extended Arabic-Indic (Persian, Urdu) digits");
    }

    @Test
    void anythingElseIsNoShortCode() {
        assertNull(normal(null));
        assertNull(normal("K7QM-3XTR-9"), "too short");
        assertNull(normal("K7QM-3XTR-9PA"), "too long");
        assertNull(normal("K7QM-3XTR-9U"), "U is not in the alphabet");
        assertNull(normal("K7QM_3XTR_9P"));
        assertNull(normal("K7QMĞ3XTR9P"), "a letter outside the alphabet");
        assertNull(normal("dGhpcy1pcy1hLXRva2VuLW9mLTQzLWNoYXJhY3RlcnMtLS0"), "a token stays a token");
    }

    @Test
    void aCodeIsTenSymbolsInGroupsAndItsHashIsTheSameHoweverItIsTyped() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("a token".getBytes(StandardCharsets.UTF_8));
        String code = ShortCodes.of(digest);
        assertEquals(12, code.length());
        assertEquals('-', code.charAt(4));
        assertEquals('-', code.charAt(9));
        var key = ShortCodes.key(SECRET, "test.secret");
        String stored = ShortCodes.hash(code, key);
        assertEquals(stored, ShortCodes.hash(" " + code.toLowerCase() + " ", key));
        assertNotEquals(stored, ShortCodes.hash(code, ShortCodes.key(SECRET + "!", "test.secret")), "keyed");
        assertThrows(IllegalArgumentException.class, () -> ShortCodes.hash("not a code", key));
    }

    @Test
    void aShortSecretIsRefusedNamingItsProperty() {
        var refused = assertThrows(IllegalStateException.class, () -> ShortCodes.key("too-short", "x.code-secret"));
        assertEquals("x.code-secret must be at least 32 characters", refused.getMessage());
        assertThrows(IllegalStateException.class, () -> ShortCodes.key(null, "x.code-secret"));
    }
}
