package nl.meedoen.notification.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a corporation system sends for one tenant. */
@Schema(name = "TenantRequest")
public record TenantRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Anna de Vries")
        String name,

        @Email
        @Size(max = 254)
        @Schema(example = "anna@example.nl", description = "Optional: tenants without email get letters")
        String email,

        @NotNull @Valid Address address,

        @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as nl or en")
        @Schema(example = "nl", defaultValue = "nl")
        String language,

        @Schema(defaultValue = "EMAIL") Channel preferredChannel,
        @Valid Profile profile) {

    public enum Channel {
        EMAIL,
        LETTER
    }

    public enum HouseholdType {
        SINGLE,
        COUPLE,
        FAMILY_WITH_CHILDREN,
        SINGLE_PARENT,
        SHARED,
        OTHER
    }

    public enum DwellingType {
        APARTMENT,
        SINGLE_FAMILY_HOUSE,
        SENIOR_HOUSING,
        STUDENT_ROOM,
        OTHER
    }

    @Schema(name = "PostalAddress")
    public record Address(
            @NotBlank @Size(max = 200) @Schema(example = "Dorpsstraat")
            String street,

            @NotNull @Min(1) @Max(99999) @Schema(example = "12")
            Integer houseNumber,

            @Size(max = 10)
            @Pattern(regexp = "[A-Za-z0-9 -]*", message = "letters, digits, space or dash")
            @Schema(example = "A")
            String houseNumberSuffix,

            @NotNull
            @Pattern(regexp = "[1-9][0-9]{3} ?[A-Za-z]{2}", message = "must be a Dutch postcode such as 1234 AB")
            @Schema(example = "1234 AB")
            String postcode,

            @NotBlank @Size(max = 100) @Schema(example = "Utrecht")
            String city) {}

    /** Attributes for targeting and representativeness; published (coarsened) to other services. */
    @Schema(name = "TenantProfileAttributes")
    public record Profile(
            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._-]*", message = "letters, digits, dot, underscore or dash")
            @Schema(example = "C-001")
            String complexId,

            @Pattern(regexp = "BU[0-9]{8}", message = "must be a CBS neighbourhood code such as BU03440101")
            @Schema(example = "BU03440101")
            String neighbourhoodCode,

            @Min(1900) @Max(2100) @Schema(example = "1985") Integer birthYear,
            HouseholdType householdType,
            @PastOrPresent @Schema(example = "2015-03-01") LocalDate tenancyStart,
            DwellingType dwellingType) {}
}
