package nl.meedoen.commons.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Names the caller's roles as Meedoen does when the corporation's identity provider calls them otherwise
 * ({@value #MAP}, e.g. {@code Meedoen.Corporation=corporation}). Which claim holds them is smallrye-jwt's
 * {@code smallrye.jwt.path.groups} ({@code MEEDOEN_SECURITY_ROLES_CLAIM}: {@code groups}, Entra's {@code roles},
 * Keycloak's {@code realm_access/roles} or {@code resource_access/<client>/roles}). With a map, only mapped roles
 * count, so an identity-provider group that happens to be called {@code ops} grants nothing (Quarkus' own
 * {@code roles-mapping} adds roles and keeps the originals).
 */
@ApplicationScoped
public class IdentityProviderRoles implements SecurityIdentityAugmentor {

    static final String MAP = "meedoen.security.role-map";

    private final Map<String, String> roleMap;

    IdentityProviderRoles(@ConfigProperty(name = MAP) Optional<List<String>> roleMap) {
        this.roleMap = parse(roleMap.orElse(List.of()));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || roleMap.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : identity.getRoles()) {
            String mapped = roleMap.get(role);
            if (mapped != null) {
                roles.add(mapped);
            }
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(identity.getPrincipal())
                        .addCredentials(identity.getCredentials())
                        .addAttributes(identity.getAttributes())
                        .addRoles(roles)
                        .build());
    }

    private static Map<String, String> parse(List<String> entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(
                        MAP + ": '" + entry + "' is not <identity provider role>=<Meedoen role>");
            }
            map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return map;
    }
}
