package nl.meedoen.notification.delivery;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecipientPolicyTest {

    static RecipientPolicy.Facts facts(String email, String preferred, String requested, String purpose, Set<String> optOuts,
                                       long used, boolean suppressed) {
        return new RecipientPolicy.Facts(true, email, preferred, requested, purpose, optOuts, used, 4, suppressed);
    }

    @Test
    void rules() {
        var ok = RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of(), 3, false));
        assertEquals(new RecipientPolicy.Decision("EMAIL", DeliveryStatus.QUEUED, null), ok);
        assertEquals(DeliveryStatus.Reason.BUDGET_EXHAUSTED, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of(), 4, false)).reason());
        assertEquals(DeliveryStatus.QUEUED, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "service", Set.of("all"), 9, false)).status());
        assertEquals(DeliveryStatus.Reason.OPTED_OUT, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of("all"), 0, false)).reason());
        assertEquals(DeliveryStatus.QUEUED, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of("consultation"), 0, false)).status());
        assertEquals("LETTER", RecipientPolicy.decide(facts(null, "EMAIL", null, "panel", Set.of(), 0, false)).channel());
        assertEquals("LETTER", RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of(), 0, true)).channel());
        assertEquals(DeliveryStatus.Reason.NO_ADDRESS, RecipientPolicy.decide(facts(null, "LETTER", "EMAIL", "panel", Set.of(), 0, false)).reason());
        assertEquals(DeliveryStatus.Reason.ADDRESS_SUPPRESSED, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", "EMAIL", "panel", Set.of(), 0, true)).reason());
        assertEquals("LETTER", RecipientPolicy.decide(facts("a@b.nl", "LETTER", null, "panel", Set.of(), 0, false)).channel());
        // feedback on one's own participation: no budget, no opt-out of a purpose; an opt-out of everything holds
        assertEquals(DeliveryStatus.QUEUED, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "feedback", Set.of(), 9, false)).status());
        assertEquals(DeliveryStatus.QUEUED, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "feedback", Set.of("consultation", "panel"), 0, false)).status());
        assertEquals(DeliveryStatus.Reason.OPTED_OUT, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "feedback", Set.of("all"), 0, false)).reason());
        assertEquals(DeliveryStatus.Reason.UNKNOWN_TENANT, RecipientPolicy.decide(new RecipientPolicy.Facts(false, null, null, null, "panel", Set.of(), 0, 4, false)).reason());
    }
}
