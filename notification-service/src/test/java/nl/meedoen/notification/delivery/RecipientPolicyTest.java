package nl.meedoen.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {

    static RecipientPolicy.Facts facts(
            String email,
            String preferred,
            String requested,
            String purpose,
            Set<String> optOuts,
            long used,
            boolean suppressed) {
        return new RecipientPolicy.Facts(
                true, email, true, preferred, requested, purpose, optOuts, used, 4, suppressed);
    }

    @Test
    void rules() {
        var ok = RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of(), 3, false));
        assertEquals(new RecipientPolicy.Decision("EMAIL", DeliveryStatus.QUEUED, null), ok);
        assertEquals(
                DeliveryStatus.Reason.BUDGET_EXHAUSTED,
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of(), 4, false))
                        .reason());
        assertEquals(
                DeliveryStatus.QUEUED,
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "service", Set.of("all"), 9, false))
                        .status());
        assertEquals(
                DeliveryStatus.Reason.OPTED_OUT,
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of("all"), 0, false))
                        .reason());
        assertEquals(
                DeliveryStatus.QUEUED,
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of("consultation"), 0, false))
                        .status());
        assertEquals(
                "LETTER",
                RecipientPolicy.decide(facts(null, "EMAIL", null, "panel", Set.of(), 0, false))
                        .channel());
        assertEquals(
                "LETTER",
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "panel", Set.of(), 0, true))
                        .channel());
        assertEquals(
                "LETTER",
                RecipientPolicy.decide(facts("a@b.nl", "LETTER", null, "panel", Set.of(), 0, false))
                        .channel());
        // feedback on one's own participation: no budget, no opt-out of a purpose; an opt-out of everything holds
        assertEquals(
                DeliveryStatus.QUEUED,
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "feedback", Set.of(), 9, false))
                        .status());
        assertEquals(
                DeliveryStatus.QUEUED,
                RecipientPolicy.decide(
                                facts("a@b.nl", "EMAIL", null, "feedback", Set.of("consultation", "panel"), 0, false))
                        .status());
        assertEquals(
                DeliveryStatus.Reason.OPTED_OUT,
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", null, "feedback", Set.of("all"), 0, false))
                        .reason());
        assertEquals(
                DeliveryStatus.Reason.UNKNOWN_TENANT,
                RecipientPolicy.decide(new RecipientPolicy.Facts(
                                false, null, false, null, null, "panel", Set.of(), 0, 4, false))
                        .reason());
    }

    private static RecipientPolicy.Facts noPost(String email, String preferred, String requested, boolean suppressed) {
        return new RecipientPolicy.Facts(
                true, email, false, preferred, requested, "recruitment", Set.of(), 0, 4, suppressed);
    }

    @Test
    void aRequestForEmailGoesTheWayTheRegisterSays() {
        var letter = new RecipientPolicy.Decision("LETTER", DeliveryStatus.QUEUED, null);
        // no email address, an email address that bounced, or a tenant who prefers letters: a letter, not a held-back
        // message
        assertEquals(letter, RecipientPolicy.decide(facts(null, "EMAIL", "EMAIL", "recruitment", Set.of(), 0, false)));
        assertEquals(letter, RecipientPolicy.decide(facts(null, "LETTER", "EMAIL", "recruitment", Set.of(), 0, false)));
        assertEquals(
                letter, RecipientPolicy.decide(facts("a@b.nl", "EMAIL", "EMAIL", "recruitment", Set.of(), 0, true)));
        assertEquals(
                letter, RecipientPolicy.decide(facts("a@b.nl", "LETTER", "EMAIL", "recruitment", Set.of(), 0, false)));
        // an email tenant asked for by email: email; a letter asked for explicitly stays a letter
        assertEquals(
                "EMAIL",
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", "EMAIL", "recruitment", Set.of(), 0, false))
                        .channel());
        assertEquals(
                "LETTER",
                RecipientPolicy.decide(facts("a@b.nl", "EMAIL", "LETTER", "recruitment", Set.of(), 0, false))
                        .channel());
        // no postal address: a letter goes by email when it can
        assertEquals(
                new RecipientPolicy.Decision("EMAIL", DeliveryStatus.QUEUED, null),
                RecipientPolicy.decide(noPost("a@b.nl", "LETTER", "LETTER", false)));
        // reachable neither way: held back with the reason
        assertEquals(
                DeliveryStatus.Reason.NO_ADDRESS,
                RecipientPolicy.decide(noPost(null, "EMAIL", "EMAIL", false)).reason());
        assertEquals(
                DeliveryStatus.Reason.NO_ADDRESS,
                RecipientPolicy.decide(noPost(null, "LETTER", null, false)).reason());
        assertEquals(
                DeliveryStatus.Reason.ADDRESS_SUPPRESSED,
                RecipientPolicy.decide(noPost("a@b.nl", "EMAIL", "EMAIL", true)).reason());
        // the fallback does not get around opt-outs or the budget
        assertEquals(
                DeliveryStatus.Reason.BUDGET_EXHAUSTED,
                RecipientPolicy.decide(facts(null, "EMAIL", "EMAIL", "recruitment", Set.of(), 4, false))
                        .reason());
        assertEquals(
                DeliveryStatus.Reason.OPTED_OUT,
                RecipientPolicy.decide(facts(null, "EMAIL", "EMAIL", "recruitment", Set.of("recruitment"), 0, false))
                        .reason());
    }
}
