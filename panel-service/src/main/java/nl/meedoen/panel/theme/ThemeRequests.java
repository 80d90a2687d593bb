package nl.meedoen.panel.theme;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ThemeRequests {

    private ThemeRequests() {}

    @Schema(
            name = "ThemeRequest",
            example =
                    "{\"title\":\"Onderhoud en reparaties\",\"description\":\"Hoe tevreden bent u over reparaties, en wat moet beter?\"}")
    public record Proposal(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description) {}

    @Schema(name = "ThemeComment")
    public record Comment(@NotBlank @Size(max = 4000) String text) {}

    @Schema(name = "ThemeSignature", description = "Co-signing, with an optional comment")
    public record Signature(@Size(max = 4000) String comment) {}

    @Schema(name = "ThemeDecline")
    public record Decline(
            @NotBlank @Size(max = 4000) @Schema(description = "Why the party does not co-sign (recorded)")
            String reason) {}

    @Schema(name = "Theme")
    public record View(
            UUID id,
            UUID panelId,
            String title,
            String description,

            @Schema(description = "PROPOSED, SIGNED or DECLINED")
            String status,

            String proposedByParty,
            String proposedBy,
            OffsetDateTime proposedAt,
            String decidedByParty,
            String decidedBy,
            OffsetDateTime decidedAt,
            String decisionComment,

            @Schema(description = "Who proposed, changed, commented, signed or declined, oldest first (detail only)")
            List<nl.meedoen.panel.panel.AuditTrail.View> history,

            long version) {}
}
