package nl.meedoen.consultation.export;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to export as a job. */
@Schema(name = "ExportRequest", description = "A response export to write as a job")
public record ExportRequest(
        @Schema(
                required = true,
                enumeration = {"responses.csv", "portchoice.csv", "pabulib.pb"},
                example = "responses.csv")
        String format,

        @Schema(
                description =
                        "For the CSV formats: rfc4180 (default) or excel-nl (what Dutch Excel opens as it is); Pabulib takes none",
                enumeration = {"rfc4180", "excel-nl"},
                defaultValue = "rfc4180")
        String dialect) {}
