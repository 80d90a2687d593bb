package nl.meedoen.commons.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the caller's roles where the corporation's identity provider puts them and names them as Meedoen
 * does: {@code groups} as the development issuer sends them, Entra app roles in {@code roles}, Keycloak
 * realm roles in {@code realm_access/roles} or client roles in {@code resource_access/<client>/roles}
 * ({@value #CLAIM}), each role translated by {@value #MAP} (e.g. {@code Meedoen.Corporation=corporation}).
 * With a map, only mapped roles count, so an IdP group that happens to be called {@code ops} grants nothing.
 */
@ApplicationScoped
public class IdentityProviderRoles implements SecurityIdentityAugmentor {

    static final String CLAIM = "meedoen.security.roles-claim";
    static final String MAP = "meedoen.security.role-map";

    private final String claimPath;
    private final Map<String, String> roleMap;

    IdentityProviderRoles(@ConfigProperty(name = CLAIM, defaultValue = "groups") String claimPath,
                          @ConfigProperty(name = MAP) Optional<List<String>> roleMap) {
        this.claimPath = claimPath;
        this.roleMap = parse(roleMap.orElse(List.of()));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || ("groups".equals(claimPath) && roleMap.isEmpty())) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String value : valuesAt(jwt, claimPath)) {
            String role = roleMap.isEmpty() ? value : roleMap.get(value);
            if (role != null) {
                roles.add(role);
            }
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt).addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes()).addRoles(roles);
        return Uni.createFrom().item(builder.build());
    }

    /** The strings at a claim path such as {@code resource_access/meedoen/roles}: an array of them, or one. */
    static List<String> valuesAt(JsonWebToken jwt, String path) {
        String[] segments = path.split("/");
        Object value = jwt.getClaim(segments[0]);
        for (int i = 1; i < segments.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(segments[i]) : null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        } else if (value instanceof JsonString s) {
            values.add(s.getString());
        } else if (value instanceof String s) {
            values.add(s);
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }

    private static Map<String, String> parse(List<String> entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(MAP + ": '" + entry + "' is not <identity provider role>=<Meedoen role>");
            }
            map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return map;
    }
}
