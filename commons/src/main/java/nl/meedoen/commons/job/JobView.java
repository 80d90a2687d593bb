package nl.meedoen.commons.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.meedoen.commons.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as its caller follows it. Absent values (no total yet, no result yet) are left out, never null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "Job",
        description = "Long-running work started with 202 Accepted: follow it at its Location until it has finished")
public record JobView(
        UUID id,
        @Schema(example = "draw-commit") String kind,

        @Schema(description = "What it works on, e.g. the campaign id")
        String subject,

        @Schema(enumeration = {"QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"})
        String status,

        @Schema(description = "What it is doing now", example = "leximin: probabilities fixed")
        String phase,

        @Schema(description = "Units of work done (see total)")
        long done,

        @Schema(description = "Units of work in all, once known")
        Long total,

        @Schema(description = "done/total, 0-1, once total is known")
        Double progress,

        @Schema(description = "Estimated seconds until done, from the rate so far")
        Long etaSeconds,

        @Schema(description = "Cancellation was asked for and the job will stop at its next check")
        Boolean cancelRequested,

        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finishedAt,

        @Schema(description = "Where to read the result, when SUCCEEDED", example = "/api/v1/campaigns/5b7c.../draw")
        String resultLocation,

        @Schema(description = "A short summary of the result, when SUCCEEDED")
        JsonNode result,

        @Schema(description = "Why it failed or was cancelled, when FAILED or CANCELLED")
        Problem problem,

        @Schema(description = "This job's own address", example = "/api/v1/jobs/recruitment/0c4e...")
        String self) {

    public boolean finished() {
        return !Jobs.Status.QUEUED.name().equals(status)
                && !Jobs.Status.RUNNING.name().equals(status);
    }
}
