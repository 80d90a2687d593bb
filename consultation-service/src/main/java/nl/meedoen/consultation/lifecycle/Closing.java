package nl.meedoen.consultation.lifecycle;

import java.util.UUID;

/**
 * Fired in the transaction that closes a consultation, before its counts are taken: whatever must be in the books
 * when they close observes it (the ANONYMOUS responses still waiting to be released).
 */
public record Closing(UUID consultationId) {}
