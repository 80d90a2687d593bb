package nl.meedoen.notification.tenant;

import java.time.LocalDate;
import java.time.Period;

/** Coarsens exact profile values into the bands other services may see. */
public final class ProfileBands {

    private ProfileBands() {}

    public static String ageBand(Integer birthYear, LocalDate today) {
        if (birthYear == null) {
            return null;
        }
        int age = today.getYear() - birthYear;
        if (age < 18) {
            return "under-18";
        }
        if (age < 35) {
            return "18-34";
        }
        if (age < 50) {
            return "35-49";
        }
        if (age < 65) {
            return "50-64";
        }
        if (age < 80) {
            return "65-79";
        }
        return "80+";
    }

    public static String tenancyBand(LocalDate tenancyStart, LocalDate today) {
        if (tenancyStart == null) {
            return null;
        }
        int years = Period.between(tenancyStart, today).getYears();
        if (years < 2) {
            return "0-1";
        }
        if (years < 5) {
            return "2-4";
        }
        if (years < 10) {
            return "5-9";
        }
        if (years < 20) {
            return "10-19";
        }
        return "20+";
    }
}
