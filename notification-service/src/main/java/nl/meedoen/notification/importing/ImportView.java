package nl.meedoen.notification.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import and its progress: rows processed so far and what became of them. */
@Schema(name = "TenantImport")
public record ImportView(
        UUID id,
        @Schema(example = "CSV") String format,

        @Schema(
                example = "RUNNING",
                description =
                        "QUEUED, RUNNING, COMPLETED, FAILED (see the job's problem) or CANCELLED (the rows stored before stay)")
        TenantImport.Status status,

        @Schema(example = "200000") int totalRows,
        @Schema(example = "48500") int processed,
        int created,
        int updated,
        int unchanged,

        @Schema(description = "Rows refused; see /errors for the reasons")
        int rejected,

        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description = "The job processing it: progress, ETA, cancel, and the problem when it failed",
                example = "/api/v1/jobs/notification/0c4e...")
        String job) {

    static ImportView of(TenantImport i, String jobsPath) {
        return new ImportView(
                i.id,
                i.format,
                TenantImport.Status.valueOf(i.status),
                i.totalRows,
                i.processed,
                i.created,
                i.updated,
                i.unchanged,
                i.rejected,
                i.createdAt,
                i.finishedAt,
                i.jobId == null ? null : jobsPath + "/" + i.jobId);
    }

    @Schema(name = "ImportRowError")
    public record RowError(
            @Schema(example = "17") int row,
            @Schema(example = "T-1017") String tenantRef,
            @Schema(example = "address.postcode") String field,

            @Schema(example = "must be a Dutch postcode such as 1234 AB")
            String message) {}
}
