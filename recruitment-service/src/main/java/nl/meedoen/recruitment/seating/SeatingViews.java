package nl.meedoen.recruitment.seating;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the seating API. */
public final class SeatingViews {

    private SeatingViews() {}

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
