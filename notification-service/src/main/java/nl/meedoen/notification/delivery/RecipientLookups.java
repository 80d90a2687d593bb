package nl.meedoen.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.meedoen.notification.budget.ContactBudget;
import nl.meedoen.notification.optout.OptOutService;

/**
 * What {@link RecipientPolicy} decides on beyond the register row, looked up for many recipients at once (one query
 * each): their opt-outs, the contact budget they used and which of their addresses are suppressed. A message request,
 * a mailing chunk and the email worker's last check before sending read them the same way.
 */
@ApplicationScoped
public class RecipientLookups {

    @Inject
    OptOutService optOuts;

    @Inject
    ContactBudget budget;

    @Inject
    SuppressedAddresses suppressed;

    /**
     * For messages of one purpose (null: a round of mixed purposes, as the email worker re-checks them: opt-outs and
     * suppressions, no budget). What the policy ignores for the purpose is not looked up.
     */
    public Found find(String purpose, Collection<String> tenantRefs, Collection<String> emails) {
        boolean service = purpose != null && RecipientPolicy.transactional(purpose);
        boolean budgeted = purpose != null && RecipientPolicy.budgeted(purpose);
        return new Found(
                service ? Map.of() : optOuts.scopes(tenantRefs),
                budgeted ? budget.used(tenantRefs) : Map.of(),
                budget.max(),
                suppressed.suppressed(emails.stream().filter(Objects::nonNull).toList()));
    }

    public record Found(
            Map<String, Set<String>> optOuts, Map<String, Long> used, int budgetMax, Set<String> suppressedHashes) {

        public Set<String> optOutsOf(String tenantRef) {
            return optOuts.getOrDefault(tenantRef, Set.of());
        }

        public boolean suppressed(String email) {
            return email != null && suppressedHashes.contains(SuppressedAddresses.hash(email));
        }

        /** The facts for one message of this purpose to one tenant of the register (exists false: not, or no more). */
        public RecipientPolicy.Facts facts(
                boolean exists,
                String tenantRef,
                String email,
                boolean postalAddress,
                String preferredChannel,
                String requestedChannel,
                String purpose) {
            return new RecipientPolicy.Facts(
                    exists,
                    email,
                    postalAddress,
                    preferredChannel,
                    requestedChannel,
                    purpose,
                    optOutsOf(tenantRef),
                    used.getOrDefault(tenantRef, 0L),
                    budgetMax,
                    suppressed(email));
        }
    }
}
