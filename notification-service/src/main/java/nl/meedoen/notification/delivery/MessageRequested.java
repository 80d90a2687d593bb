package nl.meedoen.notification.delivery;

import nl.meedoen.commons.contracts.MessageRequestV1;

/**
 * The sending machinery asks for a message of its own (the confirmation of an unsubscribe): fired synchronously in the
 * caller's transaction and accepted by the message package like any request, so delivery needs no way back to it.
 */
public record MessageRequested(MessageRequestV1 request) {}
