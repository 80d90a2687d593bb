package nl.meedoen.notification.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A tenant in the register, with personal contact data (this service is its only home). */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_ref")
    public String tenantRef;

    public String name;
    public String email;
    public String street;

    @Column(name = "house_number")
    public int houseNumber;

    @Column(name = "house_number_suffix")
    public String houseNumberSuffix;

    public String postcode;
    public String city;
    public String language;

    @Column(name = "preferred_channel")
    public String preferredChannel;

    @Column(name = "complex_id")
    public String complexId;

    @Column(name = "neighbourhood_code")
    public String neighbourhoodCode;

    @Column(name = "birth_year")
    public Integer birthYear;

    @Column(name = "household_type")
    public String householdType;

    @Column(name = "tenancy_start")
    public LocalDate tenancyStart;

    @Column(name = "dwelling_type")
    public String dwellingType;

    @Column(name = "household_key")
    public String householdKey;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Whether a letter can reach this address (the register requires one today; erased or partial rows may lack it). */
    public static boolean hasPostalAddress(String street, String postcode) {
        return street != null && !street.isBlank() && postcode != null && !postcode.isBlank();
    }
}
