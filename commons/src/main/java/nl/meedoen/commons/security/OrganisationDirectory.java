package nl.meedoen.commons.security;

/**
 * The register of tenant organisations as a service sees it (notification-service owns it; the others keep a read
 * model of it): which registered organisation a tenant-organisation client acts for. {@link Caller} asks the one bean
 * of this type a service has; a service without one treats every client as its own party.
 */
public interface OrganisationDirectory {

    /** The active organisation whose clients include {@code client}; {@code client} itself while none does. */
    String actingFor(String client);
}
