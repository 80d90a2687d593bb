package nl.meedoen.consultation.invitation;

import static nl.meedoen.consultation.invitation.InvitationTokens.normalShortCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How a code typed from paper is read: what a person gets wrong on the way is forgiven, nothing else. */
class ShortCodeTest {

    @Test
    void caseSpacesDashesAndLookalikesDoNotMatter() {
        assertEquals("K7QM3XTR9P", normalShortCode("K7QM-3XTR-9P"));
        assertEquals("K7QM3XTR9P", normalShortCode(" k7qm 3xtr 9p "));
        assertEquals("K7QM3XTR9P", normalShortCode("k7qm3xtr9p"));
        assertEquals("10Q0110000", normalShortCode("IoQO-lLoo-oo"), "O reads as 0, I and L as 1");
    }

    @Test
    void anythingElseIsNoShortCode() {
        assertNull(normalShortCode(null));
        assertNull(normalShortCode("K7QM-3XTR-9"), "too short");
        assertNull(normalShortCode("K7QM-3XTR-9PA"), "too long");
        assertNull(normalShortCode("K7QM-3XTR-9U"), "U is not in the alphabet");
        assertNull(normalShortCode("K7QM_3XTR_9P"));
        assertNull(normalShortCode("dGhpcy1pcy1hLXRva2VuLW9mLTQzLWNoYXJhY3RlcnMtLS0"), "a token stays a token");
    }
}
