package nl.meedoen.panel.member;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request bodies of the member endpoints. */
public final class MemberRequests {

    private MemberRequests() {}

    @Schema(name = "JoinRequest", example = """
            {"consent":true,"consentVersion":1,"channel":"ONLINE","interests":["6f1c2a7e-0b9d-4a53-9a51-2f0e8c1d7b44"],"preferredMoments":["WEEKDAY_EVENING"]}""")
    public record Join(
            @NotNull(message = "say whether you consent") @Schema(description = "Must be true: joining records consent")
            Boolean consent,

            @NotNull @Schema(description = "The consent text version shown to the tenant")
            Integer consentVersion,

            @Schema(defaultValue = "ONLINE") PanelMember.Channel channel,

            @Size(max = 100) @Schema(description = "Themes of this panel the tenant wants to be asked about")
            List<@NotNull UUID> interests,

            @Size(max = 4) List<PanelMember.@NotNull Moment> preferredMoments) {}

    @Schema(name = "ConsentRequest", example = "{\"consent\":true,\"consentVersion\":2}")
    public record Consent(
            @NotNull(message = "say whether you consent") Boolean consent,
            @NotNull Integer consentVersion,
            @Schema(defaultValue = "ONLINE") PanelMember.Channel channel) {}

    @Schema(name = "MemberPreferences", description = "Null leaves a field as it is")
    public record Preferences(
            @Size(max = 100) List<@NotNull UUID> interests,
            @Size(max = 4) List<PanelMember.@NotNull Moment> preferredMoments) {}

    @Schema(name = "PauseRequest")
    public record Pause(
            @Schema(description = "Resume automatically then (at most a year ahead); omit to pause until resumed")
            OffsetDateTime until) {}

    @Schema(
            name = "RecordedMember",
            description =
                    "A tenant who consented outside the platform: a paper form, by phone, in person, or in a predecessor panel",
            example = """
            {"tenantRef":"T-1001","consentVersion":1,"channel":"PAPER","consentedAt":"2027-01-15T10:00:00+01:00","invitationHistoryKnown":false}""")
    public record Recorded(
            @NotBlank @Size(max = 100) String tenantRef,
            @NotNull Integer consentVersion,

            @NotNull
            @Schema(description = "PAPER, PHONE or IN_PERSON (online consent comes through the member's own link)")
            PanelMember.Channel channel,

            @Schema(description = "Default now") OffsetDateTime consentedAt,

            @Schema(description = "When a predecessor panel last invited them, if known")
            OffsetDateTime previousInvitationAt,

            @Schema(
                    description =
                            "False when their earlier invitations are not known: the wave sampler then treats them as invited recently",
                    defaultValue = "true")
            Boolean invitationHistoryKnown) {}

    @Schema(
            name = "InvitationRequest",
            description =
                    "Either tenantRefs, or a group of the population and how many of it to invite at random (e.g. from the recruitment advice)",
            example = "{\"group\":{\"attribute\":\"ageBand\",\"value\":\"18-34\"},\"count\":40}")
    public record Invitation(
            @Size(min = 1, max = 1000) List<@NotBlank String> tenantRefs,
            Group group,
            @Min(1) @Max(1000) Integer count) {}

    @Schema(name = "PopulationGroup")
    public record Group(
            @NotBlank @Schema(example = "ageBand") String attribute,
            @NotBlank @Schema(example = "18-34") String value) {}

    @Schema(
            name = "ConsentTextRequest",
            example = "{\"text\":\"Ik doe mee aan het huurderspanel ... (versie 2)\",\"reconsentWithinDays\":30}")
    public record ConsentText(
            @NotBlank @Size(max = 20_000) String text,

            @Min(1)
            @Max(365)
            @Schema(description = "Members who have not consented again by then are paused", defaultValue = "30")
            Integer reconsentWithinDays) {}
}
