package nl.meedoen.notification.mailing;

import java.util.List;
import java.util.Map;
import nl.meedoen.notification.segment.SegmentFilter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new mailing: template, purpose, data for everyone, and the audience (a segment or an explicit list). */
@Schema(name = "MailingRequest")
public record MailingRequest(
        @Schema(required = true, example = "Uitnodiging speeltuin Vogelbuurt")
        String name,

        @Schema(required = true, example = "consultation.invitation")
        String templateKey,

        @Schema(
                required = true,
                enumeration = {"consultation", "panel", "recruitment", "service", "tenant-organisation"},
                description = "tenant-organisation: a tenant organisation's own mailing (and only theirs)",
                example = "consultation")
        String purpose,

        @Schema(
                enumeration = {"EMAIL", "LETTER"},
                description = "Default: each tenant's preferred channel")
        String channel,

        @Schema(
                example =
                        "{\"consultationTitle\":\"Nieuwe speeltuin\",\"goal\":\"samen kiezen\",\"closesOn\":\"15 maart\",\"invitationUrl\":\"https://example.nl/c/1\"}")
        Map<String, Object> data,

        @Schema(required = true) Audience audience,

        @Schema(
                description =
                        "What the mailing is for, <kind>:<id> (a campaign's outreach: campaign:<uuid>); its deliveries and letters "
                                + "carry it, so they can be followed and printed per source. Default: mailing:<its id>",
                example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c")
        String source) {

    /** Exactly one of segment and tenantRefs. */
    @Schema(name = "Audience")
    public record Audience(
            SegmentFilter segment,

            @Schema(description = "An explicit list (at most 200,000)")
            List<String> tenantRefs) {}
}
