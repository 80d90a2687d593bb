package nl.meedoen.recruitment.seating;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class SeatingDtos {
    private SeatingDtos() {}

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

    @Schema(name = "SeatedParticipant")
    public record Participant(
            String tenantRef,

            @Schema(enumeration = {"SELECTED", "CONFIRMED", "WAITLISTED", "NOT_SELECTED", "DECLINED"})
            String outcome,

            @Schema(description = "Appointment: the board's reason", nullable = true)
            String selectionReason,

            @Schema(description = "Outside a draw: 1-based place on the waitlist", nullable = true)
            Integer waitlistPosition,

            @Schema(description = "Appointed by the corporation, not yet confirmed by the partner tenant organisation")
            boolean awaitingPartner) {}

    @Schema(
            name = "AppointmentAnswer",
            description = "The partner tenant organisation's answer to an appointment: an optional reason, audited",
            example = "{\"reason\":\"Ons bestuur kent deze huurder uit de bewonerscommissie\"}")
    public record AppointmentAnswerIn(
            @Schema(description = "Why (at most 2000 characters); recorded in the audit log", nullable = true)
            String reason) {}

    @Schema(
            name = "SeatingRecord",
            description = "How a campaign's seats were given: a lottery (the draw is its record), or without one",
            example = """
                    {"campaignId":"6f1c7a52-6c1e-4a8e-9a51-0d5f1f0c2b11","selectionMode":"LOTTERY_WHEN_OVERSUBSCRIBED","status":"SEATED",
                     "seating":"EVERYONE_SEATED","lottery":false,"seats":5,"signups":3,"seated":3,"waitlisted":0,"undersubscribed":true,
                     "seatedAt":"2027-05-16T09:12:00Z","summary":"everyone seated, no lottery needed: 3 sign-ups for 5 seats (went ahead smaller)",
                     "participants":[{"tenantRef":"T-1042","outcome":"SELECTED","selectionReason":null,"waitlistPosition":null}]}""")
    public record SeatingOut(
            UUID campaignId,

            @Schema(enumeration = {"APPOINTMENT", "OPEN_UP_TO_CAPACITY", "LOTTERY_WHEN_OVERSUBSCRIBED"})
            String selectionMode,

            String status,

            @Schema(
                    description = "DRAW, or how seats were given without one; null while not seated",
                    enumeration = {"DRAW", "EVERYONE_SEATED", "APPOINTED", "FIRST_COME"},
                    nullable = true)
            String seating,

            @Schema(description = "Whether a lottery chose the participants")
            boolean lottery,

            int seats,
            @Schema(description = "Active sign-ups") long signups,
            long seated,
            long waitlisted,

            @Schema(description = "Fewer active sign-ups than seats")
            boolean undersubscribed,

            OffsetDateTime seatedAt,

            @Schema(description = "In words, e.g. \"everyone seated, no lottery needed: 3 sign-ups for 5 seats\"")
            String summary,

            List<Participant> participants) {
        /** The same seating with other participants (e.g. without the board's reasons, for a read-only viewer). */
        public SeatingOut withParticipants(List<Participant> participants) {
            return new SeatingOut(
                    campaignId,
                    selectionMode,
                    status,
                    seating,
                    lottery,
                    seats,
                    signups,
                    seated,
                    waitlisted,
                    undersubscribed,
                    seatedAt,
                    summary,
                    participants);
        }
    }
}
