package nl.meedoen.recruitment.seating;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the seating API. */
public final class SeatingRequests {

    private SeatingRequests() {}

    @Schema(
            name = "Appointment",
            description =
                    "The organising board appoints a sign-up to a seat (or as a reserve on the waitlist), with its reason",
            example =
                    "{\"tenantRef\":\"T-1042\",\"reason\":\"Tien jaar ervaring in de bewonerscommissie; kent het onderhoudsplan\",\"reserve\":false}")
    public record AppointmentIn(
            @Schema(description = "An active sign-up of the campaign", example = "T-1042")
            String tenantRef,

            @Schema(
                    description =
                            "Why the board appoints this tenant (knowledge, experience, interest): recorded and shown with the sign-up",
                    example = "Tien jaar ervaring in de bewonerscommissie; kent het onderhoudsplan")
            String reason,

            @Schema(
                    description =
                            "true: a reserve on the waitlist (in the order appointed), who takes a seat that comes free",
                    defaultValue = "false")
            Boolean reserve) {}

    @Schema(
            name = "Reopen",
            description =
                    "Open sign-ups again with a new closing date (an undersubscribed campaign reopens, or tops up with a second outreach)",
            example = "{\"signupCloses\":\"2027-05-15\"}")
    public record ReopenIn(
            @Schema(
                    description = "The new last day of sign-ups: today or later, not after the term end",
                    example = "2027-05-15")
            LocalDate signupCloses) {}

    @Schema(
            name = "AppointmentAnswer",
            description = "The partner tenant organisation's answer to an appointment: an optional reason, audited",
            example = "{\"reason\":\"Ons bestuur kent deze huurder uit de bewonerscommissie\"}")
    public record AppointmentAnswerIn(
            @Schema(description = "Why (at most 2000 characters); recorded in the audit log", nullable = true)
            String reason) {}
}
