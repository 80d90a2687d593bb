package nl.meedoen.runtime;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The development issuer (whose private key sits in developers' .local-data/ and in test folders)
 * may only be trusted in the dev, test and local profiles: anywhere else a service refuses to start.
 * The services (through commons) and the gateway both verify tokens, so both carry it.
 */
@ApplicationScoped
public class DevIssuerGuard {

    public static final String DEV_ISSUER = "https://dev-issuer.meedoen.local";
    static final Set<String> DEV_PROFILES = Set.of("dev", "test", "local");

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    void onStart(@Observes StartupEvent event) {
        check(issuer, ConfigUtils.getProfiles());
    }

    public static void check(Optional<String> issuer, List<String> profiles) {
        if (issuer.map(DEV_ISSUER::equals).orElse(false) && profiles.stream().noneMatch(DEV_PROFILES::contains)) {
            throw new IllegalStateException("mp.jwt.verify.issuer is the development issuer " + DEV_ISSUER
                    + ", which is trusted only in the profiles " + DEV_PROFILES + "; active profiles: " + profiles);
        }
    }
}
