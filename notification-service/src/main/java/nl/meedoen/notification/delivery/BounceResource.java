package nl.meedoen.notification.delivery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.notification.NotificationConfig;
import nl.meedoen.notification.delivery.DeliveryRequests.Bounce;
import nl.meedoen.notification.delivery.DeliveryRequests.BounceType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bounce intake: a provider webhook (JSON) or a delivery status notification (RFC 3464, as text).
 * Hard bounces and complaints suppress the address for good; a soft bounce is retried with backoff.
 */
@Path("/api/v1/bounces")
@Tag(name = "Deliveries")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Role may not report bounces")
public class BounceResource {

    @Inject
    DeliveryEvents events;

    @Inject
    SuppressedAddresses suppressed;

    @Inject
    NotificationConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.CORPORATION})
    @Operation(summary = "Report a bounce or complaint (provider webhook)")
    @APIResponse(responseCode = "200", description = "Recorded; the delivery as it now stands")
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "422", description = "Unknown delivery, or one that was never sent by email")
    @Transactional
    public DeliveryView bounce(Bounce bounce) {
        if (bounce == null || bounce.deliveryId() == null || bounce.type() == null) {
            throw ProblemException.invalid(
                    "deliveryId and type are required",
                    List.of(
                            new Problem.FieldError("deliveryId", "required"),
                            new Problem.FieldError("type", "HARD, SOFT or COMPLAINT")));
        }
        return apply(bounce.deliveryId(), bounce.type(), bounce.diagnostic());
    }

    @POST
    @Consumes({"message/delivery-status", "multipart/report", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.OPS, Roles.CORPORATION})
    @Operation(
            summary = "Report a bounce as a delivery status notification (RFC 3464)",
            description =
                    "Reads X-Meedoen-Delivery (from the returned headers), Action and Status: 5.x.x is hard, 4.x.x soft.")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "422", description = "No delivery id or status in the report")
    @Transactional
    public DeliveryView dsn(String report) {
        String text = report == null ? "" : report;
        Matcher id = java.util.regex.Pattern.compile("(?im)^X-Meedoen-Delivery:\\s*([0-9a-f-]{36})")
                .matcher(text);
        Matcher status = java.util.regex.Pattern.compile("(?im)^Status:\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})")
                .matcher(text);
        if (!id.find() || !status.find()) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "the report has no X-Meedoen-Delivery header or Status field",
                    List.of(new Problem.FieldError("body", "a DSN with X-Meedoen-Delivery and Status")));
        }
        if ("2".equals(status.group(1))) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "Status 2.x.x is a success, not a bounce",
                    List.of(new Problem.FieldError("Status", "not a failure")));
        }
        Matcher diagnostic = java.util.regex.Pattern.compile("(?im)^Diagnostic-Code:\\s*(.+)$")
                .matcher(text);
        BounceType type = "5".equals(status.group(1)) ? BounceType.HARD : BounceType.SOFT;
        return apply(
                UUID.fromString(id.group(1)),
                type,
                diagnostic.find() ? diagnostic.group(1).trim() : null);
    }

    private DeliveryView apply(UUID deliveryId, BounceType type, String diagnostic) {
        Delivery d = Delivery.findById(deliveryId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "deliveryId: no such delivery",
                    List.of(new Problem.FieldError("deliveryId", "no such delivery")));
        }
        if (!"EMAIL".equals(d.channel) || d.sentAt == null) {
            throw new ProblemException(
                    422,
                    "validation",
                    "Request is not valid",
                    "deliveryId: this delivery was never sent by email",
                    List.of(new Problem.FieldError("deliveryId", "never sent by email")));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        d.lastError = diagnostic == null ? null : diagnostic.substring(0, Math.min(500, diagnostic.length()));
        d.updatedAt = now;
        switch (type) {
            case HARD, COMPLAINT -> {
                d.status = (type == BounceType.HARD ? DeliveryStatus.BOUNCED_HARD : DeliveryStatus.COMPLAINED).name();
                d.data = null; // never sent again: its link has no reason to stay
                if (d.recipient != null) {
                    suppressed.suppress(d.recipient, d.status);
                }
                events.publish(d);
            }
            case SOFT -> {
                d.attempts++;
                d.status = DeliveryStatus.BOUNCED_SOFT.name();
                events.publish(d);
                if (d.data == null) { // bounced after the bounce window: what to send again is gone
                    d.status = DeliveryStatus.FAILED.name();
                    d.reason =
                            "soft bounce after the bounce window: the message data was removed, so it is not sent again";
                    events.publish(d);
                } else if (d.attempts < config.email().maxAttempts()) {
                    d.status = DeliveryStatus.QUEUED.name(); // try again later
                    d.nextAttemptAt = now.plus(Backoff.after(
                            d.attempts,
                            config.email().initialBackoff(),
                            config.email().maxBackoff()));
                }
            }
        }
        return DeliveryView.of(d);
    }
}
