package nl.meedoen.commons.security;

/** The caller roles carried in the JWT {@code groups} claim (ARCHITECTURE §6). */
public final class Roles {
    public static final String CORPORATION = "corporation";
    public static final String TENANT_ORGANISATION = "tenant-organisation";
    public static final String SURVEY_FRONTEND = "survey-frontend";
    public static final String OPS = "ops";

    private Roles() {}
}
