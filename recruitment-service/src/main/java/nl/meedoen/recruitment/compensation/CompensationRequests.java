package nl.meedoen.recruitment.compensation;

import java.util.List;

/** Request bodies of the compensation API. */
public final class CompensationRequests {

    private CompensationRequests() {}

    public record AttendanceIn(List<String> tenantRefs) {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(
            name = "AllowancePaidElsewhere",
            description = "A volunteer allowance " + "paid to the tenant outside the platform in a calendar year",
            example =
                    "{\"tenantRef\":\"T-1042\",\"year\":2026,\"amountCents\":80000,\"note\":\"Vrijwilligersvergoeding buurthuis, jan–jun\"}")
    public record PaidElsewhereIn(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "T-1042")
            String tenantRef,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Calendar year of the payment",
                    example = "2026")
            Integer year,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Amount in euro cents, > 0",
                    example = "80000")
            Long amountCents,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "Who paid and what for (at most 500 characters)",
                    example = "Vrijwilligersvergoeding buurthuis, jan–jun")
            String note) {}
}
