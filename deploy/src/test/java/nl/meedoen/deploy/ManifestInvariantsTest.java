package nl.meedoen.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every overlay under deploy/k8s/overlays with {@code kubectl kustomize} and checks the
 * invariants ops rely on, against what the services' own sources say they need (see {@link Repo}).
 * Each test collects every violation across all overlays, so one run lists all that is wrong.
 */
class ManifestInvariantsTest {

    private static final String DEV = "dev";
    private static final String PROD = "prod";
    private static final String BACKUP_PLUGIN = "barman-cloud.cloudnative-pg.io";

    private static final Map<String, Rendered> RENDERED = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void renderEveryOverlay() {
        for (String overlay : Rendered.overlays()) {
            RENDERED.put(overlay, Rendered.render(overlay));
        }
    }

    @Test
    void theExpectedOverlaysExistAndRender() {
        assertTrue(RENDERED.keySet().containsAll(List.of(DEV, PROD)), "overlays found: " + RENDERED.keySet());
        for (Rendered r : RENDERED.values()) {
            for (String app : apps()) {
                check(r.find("Deployment", app).isPresent(), r, "no Deployment " + app);
            }
        }
        report();
    }

    @Test
    void everyDeploymentIsProbedLimitedAndLockedDown() {
        for (Rendered r : RENDERED.values()) {
            for (JsonNode d : r.all("Deployment")) {
                String at = "Deployment " + Rendered.name(d);
                JsonNode pod = d.path("spec").path("template").path("spec");
                check(
                        pod.path("automountServiceAccountToken").asBoolean(true) == false,
                        r,
                        at + ": mounts a service-account token");
                for (JsonNode c : pod.path("containers")) {
                    String where = at + " container " + c.path("name").asText();
                    JsonNode sc = c.path("securityContext");
                    JsonNode psc = pod.path("securityContext");
                    check(
                            sc.path("runAsNonRoot").asBoolean()
                                    || psc.path("runAsNonRoot").asBoolean(),
                            r,
                            where + ": not runAsNonRoot");
                    check(sc.path("readOnlyRootFilesystem").asBoolean(), r, where + ": root filesystem not read-only");
                    check(
                            sc.has("allowPrivilegeEscalation")
                                    && !sc.path("allowPrivilegeEscalation").asBoolean(),
                            r,
                            where + ": allowPrivilegeEscalation is not false");
                    check(
                            texts(sc.path("capabilities").path("drop")).contains("ALL"),
                            r,
                            where + ": capabilities not dropped (ALL)");
                    check(
                            "RuntimeDefault"
                                    .equals(sc.path("seccompProfile")
                                            .path("type")
                                            .asText(psc.path("seccompProfile")
                                                    .path("type")
                                                    .asText())),
                            r,
                            where + ": no RuntimeDefault seccomp profile");
                    checkProbe(r, where, c, "startupProbe", "/q/health/started");
                    checkProbe(r, where, c, "livenessProbe", "/q/health/live");
                    checkProbe(r, where, c, "readinessProbe", "/q/health/ready");
                    JsonNode res = c.path("resources");
                    for (String q : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                        String[] p = q.split("/");
                        check(
                                !res.path(p[0]).path(p[1]).asText().isEmpty(),
                                r,
                                where + ": no resources." + p[0] + "." + p[1]);
                    }
                    check(
                            bytes(res.path("limits").path("memory").asText("0"))
                                    >= bytes(res.path("requests").path("memory").asText("0")),
                            r,
                            where + ": memory limit below request");
                    // A read-only root filesystem needs a writable /tmp.
                    boolean tmp = false;
                    for (JsonNode m : c.path("volumeMounts")) {
                        if ("/tmp".equals(m.path("mountPath").asText())) {
                            tmp = volume(pod, m.path("name").asText()).has("emptyDir");
                        }
                    }
                    check(tmp, r, where + ": no emptyDir at /tmp");
                }
                checkCompanions(r, d);
            }
        }
        report();
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        for (Rendered r : RENDERED.values()) {
            check(r.all("Ingress").isEmpty(), r, "has an Ingress: expose through the Gateway API only");
            for (JsonNode s : r.all("Service")) {
                String type = s.path("spec").path("type").asText("ClusterIP");
                check("ClusterIP".equals(type), r, "Service " + Rendered.name(s) + " is of type " + type);
            }
            check(!r.all("Gateway").isEmpty(), r, "no Gateway (gateway.networking.k8s.io)");
            for (JsonNode g : r.all("Gateway")) {
                boolean tls = false;
                for (JsonNode l : g.path("spec").path("listeners")) {
                    if ("HTTPS".equals(l.path("protocol").asText())) {
                        tls = "Terminate".equals(l.path("tls").path("mode").asText())
                                && l.path("tls").path("certificateRefs").size() > 0;
                    }
                }
                check(tls, r, "Gateway " + Rendered.name(g) + " has no HTTPS listener with a certificate");
            }
            int routed = 0;
            for (JsonNode route : r.all("HTTPRoute")) {
                for (JsonNode parent : route.path("spec").path("parentRefs")) {
                    check(
                            r.find("Gateway", parent.path("name").asText()).isPresent(),
                            r,
                            "HTTPRoute " + Rendered.name(route) + " attaches to a missing Gateway");
                }
                for (JsonNode rule : route.path("spec").path("rules")) {
                    for (JsonNode backend : rule.path("backendRefs")) {
                        routed++;
                        check(
                                "gateway".equals(backend.path("name").asText()),
                                r,
                                "HTTPRoute " + Rendered.name(route) + " exposes "
                                        + backend.path("name").asText() + "; only the gateway may be exposed");
                        for (JsonNode parent : route.path("spec").path("parentRefs")) {
                            check(
                                    "https".equals(parent.path("sectionName").asText()),
                                    r,
                                    "HTTPRoute " + Rendered.name(route)
                                            + " serves the API on a listener other than https");
                        }
                    }
                }
            }
            check(routed > 0, r, "no HTTPRoute forwards to the gateway");
            for (String app : services()) {
                JsonNode d = r.get("Deployment", app);
                for (JsonNode np : policiesFor(r, d)) {
                    boolean fromGateway = false;
                    for (JsonNode rule : np.path("spec").path("ingress")) {
                        check(
                                rule.path("from").size() > 0,
                                r,
                                "NetworkPolicy " + Rendered.name(np) + " lets anyone reach " + app);
                        for (JsonNode peer : rule.path("from")) {
                            check(
                                    !peer.has("ipBlock"),
                                    r,
                                    "NetworkPolicy " + Rendered.name(np) + " admits an ipBlock to " + app);
                            fromGateway |= "gateway"
                                    .equals(peer.path("podSelector")
                                            .path("matchLabels")
                                            .path("app.kubernetes.io/name")
                                            .asText());
                        }
                    }
                    check(
                            fromGateway,
                            r,
                            "NetworkPolicy " + Rendered.name(np) + " does not admit the gateway to " + app);
                }
            }
        }
        report();
    }

    @Test
    void everyApiPathIsRoutedByTheGatewayToAServiceThatExists() {
        for (Rendered r : RENDERED.values()) {
            JsonNode gateway = r.get("Deployment", "gateway");
            Map<String, String> env = environment(r, gateway);
            Map<String, String> routes = gatewayRoutes(r, gateway, env);
            Map<String, String> upstreams = new TreeMap<>();
            env.forEach((k, v) -> {
                if (k.startsWith("MEEDOEN_GATEWAY_SERVICES_")) {
                    upstreams.put(
                            k.substring("MEEDOEN_GATEWAY_SERVICES_".length()).toLowerCase(), v);
                }
            });
            upstreams.forEach((service, url) -> {
                URI uri = URI.create(url);
                JsonNode svc = r.find("Service", uri.getHost()).orElse(null);
                check(
                        svc != null,
                        r,
                        "gateway routes " + service + " to " + url + ", but there is no Service " + uri.getHost());
                if (svc != null) {
                    Set<Integer> ports = new HashSet<>();
                    svc.path("spec")
                            .path("ports")
                            .forEach(p -> ports.add(p.path("port").asInt()));
                    check(
                            ports.contains(uri.getPort()),
                            r,
                            "Service " + uri.getHost() + " has no port " + uri.getPort());
                }
            });
            routes.forEach((segment, service) -> check(
                    upstreams.containsKey(service),
                    r,
                    "route /api/v1/" + segment + " names service " + service + ", which the gateway has no URL for"));
            for (String module : services()) {
                String key = module.substring(0, module.indexOf("-service"));
                check(
                        upstreams.getOrDefault(key, "").startsWith("http://" + module + ":"),
                        r,
                        "gateway does not send " + key + " traffic to the Service " + module + ": "
                                + upstreams.get(key));
                for (String path : Repo.apiPaths(module)) {
                    // the gateway prefers a two-segment route (audit/<service>) over a one-segment one
                    String[] segments = path.split("/");
                    String routed = segments.length > 1 && routes.containsKey(segments[0] + "/" + segments[1])
                            ? routes.get(segments[0] + "/" + segments[1])
                            : routes.get(segments[0]);
                    check(
                            key.equals(routed),
                            r,
                            module + " serves /api/v1/" + path + ", but the gateway routes it to " + routed);
                }
            }
        }
        report();
    }

    @Test
    void theGatewayKnowsItsProxiesAndItsShareOfTheRateLimits() {
        for (Rendered r : RENDERED.values()) {
            JsonNode gateway = r.get("Deployment", "gateway");
            Map<String, String> env = environment(r, gateway);
            // Quarkus' proxy support takes the left-most X-Forwarded-For entry, which the client writes.
            env.keySet().stream()
                    .filter(k -> k.startsWith("QUARKUS_HTTP_PROXY_"))
                    .forEach(
                            k -> check(
                                    false,
                                    r,
                                    "gateway sets " + k
                                            + ": the gateway resolves the client address itself (MEEDOEN_GATEWAY_TRUSTED_PROXIES)"));
            String trusted = env.getOrDefault("MEEDOEN_GATEWAY_TRUSTED_PROXIES", "");
            check(
                    !trusted.isBlank(),
                    r,
                    "gateway has no MEEDOEN_GATEWAY_TRUSTED_PROXIES: behind the ingress every tenant would share one rate-limit bucket");
            for (String cidr : trusted.split(",")) {
                if (!cidr.isBlank()) {
                    check(
                            cidr.trim().matches("[0-9a-fA-F:.]+(/\\d{1,3})?")
                                    && !cidr.trim().matches(".*/0+"),
                            r,
                            "MEEDOEN_GATEWAY_TRUSTED_PROXIES entry '" + cidr
                                    + "' is not an address or CIDR narrower than everything");
                }
            }
            int minReplicas = r.get("HorizontalPodAutoscaler", "gateway")
                    .path("spec")
                    .path("minReplicas")
                    .asInt();
            check(
                    String.valueOf(minReplicas).equals(env.get("MEEDOEN_GATEWAY_REPLICAS")),
                    r,
                    "MEEDOEN_GATEWAY_REPLICAS is " + env.get("MEEDOEN_GATEWAY_REPLICAS")
                            + " but the gateway autoscaler's minReplicas is " + minReplicas
                            + ": each pod would enforce the wrong share of the rate limits");
        }
        report();
    }

    @Test
    void perRouteUploadLimitsFitTheIngressAndTheService() {
        for (Rendered r : RENDERED.values()) {
            JsonNode gateway = r.get("Deployment", "gateway");
            Map<String, String> env = environment(r, gateway);
            Map<String, String> routes = gatewayRoutes(r, gateway, env);
            Map<String, String> limits = gatewaySettings(r, gateway, env, "meedoen.gateway.body-limits.");
            Map<String, String> timeouts = gatewaySettings(r, gateway, env, "meedoen.gateway.timeouts.");
            for (String key : union(limits.keySet(), timeouts.keySet())) {
                check(
                        routes.containsKey(key),
                        r,
                        "gateway body limit or timeout for '" + key
                                + "', which is no route (the gateway would not start)");
            }
            check(
                    limits.containsKey("tenant-imports"),
                    r,
                    "gateway has no body limit for tenant-imports: bulk imports would get the 10M default");
            // The import is spooled to the notification-service's /tmp: the largest upload the gateway lets through
            // must fit.
            JsonNode tmp = volume(
                    r.get("Deployment", "notification-service")
                            .path("spec")
                            .path("template")
                            .path("spec"),
                    "tmp");
            String spool = tmp.path("emptyDir").path("sizeLimit").asText("");
            check(
                    !spool.isEmpty()
                            && limits.containsKey("tenant-imports")
                            && bytes(spool)
                                    >= bytes(limits.get("tenant-imports").replaceFirst("([KMG])$", "$1i")),
                    r,
                    "notification-service's /tmp (" + spool + ") is smaller than the gateway's tenant-imports limit "
                            + limits.get("tenant-imports"));
            // The ingress must wait longer than the gateway does, so a slow upload ends in the gateway's problem+json
            // 504.
            long gatewaySeconds = seconds(timeouts.getOrDefault(
                    "tenant-imports", gatewayConfig(r, gateway, env).getOrDefault("meedoen.gateway.timeout", "10s")));
            // The rule with the longest matching path prefix applies (Gateway API precedence).
            long ingressSeconds = -1;
            int longest = 0;
            for (JsonNode route : r.all("HTTPRoute")) {
                for (JsonNode rule : route.path("spec").path("rules")) {
                    for (JsonNode match : rule.path("matches")) {
                        String prefix = match.path("path").path("value").asText();
                        if ("/api/v1/tenant-imports".startsWith(prefix) && prefix.length() > longest) {
                            longest = prefix.length();
                            JsonNode request = rule.path("timeouts").path("request");
                            ingressSeconds = request.isMissingNode() ? -1 : seconds(request.asText());
                        }
                    }
                }
            }
            check(
                    ingressSeconds < 0 || ingressSeconds > gatewaySeconds,
                    r,
                    "the HTTPRoute gives /api/v1/tenant-imports " + ingressSeconds + " s, not more than the gateway's "
                            + gatewaySeconds + " s: the ingress would cut a slow upload off first");
        }
        report();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A duration as Kubernetes and Quarkus write it: 90s, 15m, 1h, 500ms (not ISO-8601). */
    static long seconds(String duration) {
        String d = duration.trim();
        if (d.endsWith("ms")) {
            return Long.parseLong(d.substring(0, d.length() - 2)) / 1000;
        }
        long n = Long.parseLong(d.substring(0, d.length() - 1));
        return switch (d.charAt(d.length() - 1)) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3600;
            default -> throw new IllegalArgumentException("duration " + duration);
        };
    }

    @Test
    void everyTopicTheServicesUseHasAKafkaTopicOnAKraftCluster() {
        Map<String, String> topics = Repo.topics();
        assertTrue(
                topics.containsKey("tenants.profile.v1") && topics.containsKey("tenants.profile.v1.dlq"),
                "topic discovery found " + topics.keySet());
        for (Rendered r : dedicated()) {
            List<JsonNode> kafkas = r.all("Kafka");
            check(kafkas.size() == 1, r, "expected one Kafka, found " + kafkas.size());
            if (kafkas.size() != 1) {
                continue;
            }
            JsonNode kafka = kafkas.get(0);
            String cluster = Rendered.name(kafka);
            check(
                    "kafka.strimzi.io/v1".equals(kafka.path("apiVersion").asText()),
                    r,
                    "Kafka is not kafka.strimzi.io/v1");
            check(!kafka.path("spec").has("zookeeper"), r, "Kafka has a ZooKeeper section");
            Set<String> roles = new TreeSet<>();
            int brokers = 0;
            for (JsonNode pool : r.all("KafkaNodePool")) {
                check(
                        cluster.equals(pool.path("metadata")
                                .path("labels")
                                .path("strimzi.io/cluster")
                                .asText()),
                        r,
                        "KafkaNodePool " + Rendered.name(pool) + " belongs to no Kafka of this overlay");
                Set<String> poolRoles = texts(pool.path("spec").path("roles"));
                roles.addAll(poolRoles);
                if (poolRoles.contains("broker")) {
                    brokers += pool.path("spec").path("replicas").asInt();
                }
            }
            check(roles.containsAll(List.of("controller", "broker")), r, "KRaft node pools lack a role: " + roles);
            String bootstrap = r.get("ConfigMap", "meedoen-common")
                    .path("data")
                    .path("KAFKA_BOOTSTRAP_SERVERS")
                    .asText();
            check(
                    bootstrap.startsWith(cluster + "-kafka-bootstrap:"),
                    r,
                    "KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not Kafka " + cluster);

            Map<String, JsonNode> declared = new LinkedHashMap<>();
            for (JsonNode t : r.all("KafkaTopic")) {
                String name = t.path("spec").path("topicName").asText(Rendered.name(t));
                declared.put(name, t);
                check(
                        cluster.equals(t.path("metadata")
                                .path("labels")
                                .path("strimzi.io/cluster")
                                .asText()),
                        r,
                        "KafkaTopic " + name + " is not labelled strimzi.io/cluster=" + cluster);
                int replicas = t.path("spec").path("replicas").asInt();
                int minIsr = t.path("spec")
                        .path("config")
                        .path("min.insync.replicas")
                        .asInt(1);
                check(
                        replicas >= 1 && replicas <= brokers,
                        r,
                        "KafkaTopic " + name + " wants " + replicas + " replicas on " + brokers + " brokers");
                check(
                        minIsr <= replicas && (replicas == 1 || minIsr < replicas),
                        r,
                        "KafkaTopic " + name + ": min.insync.replicas " + minIsr
                                + " leaves no room for a broker to be down");
                check(t.path("spec").path("partitions").asInt() >= 1, r, "KafkaTopic " + name + " has no partitions");
            }
            topics.forEach((topic, source) ->
                    check(declared.containsKey(topic), r, "no KafkaTopic for " + topic + " (used by " + source + ")"));
            JsonNode profile = declared.get("tenants.profile.v1");
            check(
                    profile != null
                            && "compact"
                                    .equals(profile.path("spec")
                                            .path("config")
                                            .path("cleanup.policy")
                                            .asText()),
                    r,
                    "tenants.profile.v1 is not compacted");
        }
        report();
    }

    @Test
    void everyDatasourceReadsItsOwnCloudNativePgCluster() {
        for (Rendered r : dedicated()) {
            Set<String> used = new TreeSet<>();
            for (String module : services()) {
                Map<String, String> config = Repo.config(module);
                String urlVar = Repo.envOf(config.get("quarkus.datasource.jdbc.url"));
                String userVar = Repo.envOf(config.get("quarkus.datasource.username"));
                String passwordVar = Repo.envOf(config.get("quarkus.datasource.password"));
                if (urlVar == null || userVar == null || passwordVar == null) {
                    problems.add(module + ": datasource url/username/password are not read from environment variables");
                    continue;
                }
                JsonNode d = r.get("Deployment", module);
                JsonNode user = secretRef(d, userVar);
                JsonNode password = secretRef(d, passwordVar);
                String secret = user.path("name").asText();
                check(
                        secret.endsWith("-app"),
                        r,
                        module + ": " + userVar + " does not come from a CloudNativePG <cluster>-app Secret");
                check(
                        "username".equals(user.path("key").asText()),
                        r,
                        module + ": " + userVar + " is not the key username");
                check(
                        secret.equals(password.path("name").asText())
                                && "password".equals(password.path("key").asText()),
                        r,
                        module + ": " + passwordVar + " is not the key password of " + secret);
                String clusterName = secret.endsWith("-app") ? secret.substring(0, secret.length() - 4) : secret;
                JsonNode cluster = r.find("Cluster", clusterName).orElse(null);
                check(
                        cluster != null
                                && "postgresql.cnpg.io/v1"
                                        .equals(cluster.path("apiVersion").asText()),
                        r,
                        module + ": no CloudNativePG Cluster " + clusterName);
                check(used.add(clusterName), r, "Cluster " + clusterName + " is shared by two services");
                String url = environment(r, d).getOrDefault(urlVar, "");
                URI jdbc = URI.create(url.replaceFirst("^jdbc:", ""));
                check(
                        (clusterName + "-rw").equals(jdbc.getHost()),
                        r,
                        module + ": " + urlVar + " " + url + " is not the primary of " + clusterName);
                if (cluster != null) {
                    String database = cluster.path("spec")
                            .path("bootstrap")
                            .path("initdb")
                            .path("database")
                            .asText();
                    check(
                            ("/" + database).equals(jdbc.getPath()),
                            r,
                            module + ": " + urlVar + " " + url + " is not database " + database);
                }
            }
            check(
                    r.all("Cluster").size() == services().size(),
                    r,
                    "expected one Cluster per service, found "
                            + r.all("Cluster").size());
        }
        report();
    }

    @Test
    void everyRequiredSettingIsProvidedAndSecretsAreReferencedNeverCommitted() {
        String readme = Repo.read(Repo.ROOT.resolve("deploy/README.md"));
        for (Rendered r : RENDERED.values()) {
            for (String app : apps()) {
                JsonNode d = r.get("Deployment", app);
                Map<String, String> env = environment(r, d);
                for (String name : Repo.requiredEnv(app)) {
                    check(env.containsKey(name), r, app + " requires " + name + ", which its Deployment does not set");
                }
                if (!"gateway".equals(app)) {
                    check(
                            !env.getOrDefault("MP_JWT_VERIFY_ISSUER", "").isEmpty(),
                            r,
                            app + ": no MP_JWT_VERIFY_ISSUER");
                    String key = env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "");
                    check(
                            key.startsWith("https://") || (key.startsWith("file:") && mounted(d, key.substring(5))),
                            r,
                            app + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION " + key
                                    + " is neither an https JWKS URL nor a mounted file");
                }
                if ("false".equals(env.get("QUARKUS_OTEL_SDK_DISABLED"))) {
                    String endpoint = env.getOrDefault("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "");
                    check(
                            Repo.read(Repo.ROOT.resolve(app).resolve("pom.xml")).contains("quarkus-opentelemetry"),
                            r,
                            app + ": tracing switched on, but the module has no quarkus-opentelemetry");
                    check(
                            endpoint.startsWith("http")
                                    && egressAllows(r, d, URI.create(endpoint).getPort()),
                            r,
                            app + ": tracing switched on, but no egress to the collector " + endpoint);
                }
                for (String secret : secretNames(d)) {
                    boolean operatorMade = secret.endsWith("-app")
                            && r.find("Cluster", secret.substring(0, secret.length() - 4))
                                    .isPresent();
                    boolean generated = r.find("Secret", secret).isPresent();
                    check(
                            operatorMade || generated || readme.contains(secret),
                            r,
                            app + " needs Secret " + secret
                                    + ", which deploy/README.md does not explain how to create");
                }
            }
            if (!DEV.equals(r.overlay())) {
                check(
                        r.all("Secret").isEmpty(),
                        r,
                        "commits Secret values; only the dev overlay may carry placeholders");
            }
        }
        report();
    }

    @Test
    void productionOverlaysAreRedundantAndBackedUpUnlikeDev() {
        Rendered dev = RENDERED.get(DEV);
        for (Rendered r : RENDERED.values()) {
            if (DEV.equals(r.overlay())) {
                continue;
            }
            for (String app : apps()) {
                JsonNode d = r.get("Deployment", app);
                JsonNode devD = dev.get("Deployment", app);
                int replicas = d.path("spec").path("replicas").asInt();
                check(
                        replicas >= 2
                                && replicas > devD.path("spec").path("replicas").asInt(),
                        r,
                        app + ": " + replicas + " replicas, not more than dev's and at least 2");
                JsonNode hpa = r.get("HorizontalPodAutoscaler", app);
                check(
                        hpa.path("spec").path("minReplicas").asInt() >= 2
                                && hpa.path("spec").path("minReplicas").asInt()
                                        > dev.get("HorizontalPodAutoscaler", app)
                                                .path("spec")
                                                .path("minReplicas")
                                                .asInt(),
                        r,
                        app + ": HorizontalPodAutoscaler minReplicas not above dev's and at least 2");
                long memory = bytes(container(d)
                        .path("resources")
                        .path("limits")
                        .path("memory")
                        .asText("0"));
                long devMemory = bytes(container(devD)
                        .path("resources")
                        .path("limits")
                        .path("memory")
                        .asText("0"));
                check(memory > devMemory, r, app + ": memory limit not above dev's");
            }
            if (r.onSharedPlatform()) {
                continue; // its Kafka and PostgreSQL are the shared platform's: checked below
            }
            check(brokers(r) >= 3, r, "fewer than 3 Kafka brokers");
            for (JsonNode t : r.all("KafkaTopic")) {
                check(
                        t.path("spec").path("replicas").asInt() >= 3
                                && t.path("spec")
                                                .path("config")
                                                .path("min.insync.replicas")
                                                .asInt()
                                        >= 2,
                        r,
                        "KafkaTopic " + Rendered.name(t) + " is not replicated 3 times with min.insync.replicas 2");
            }
            Set<String> scheduled = new HashSet<>();
            r.all("ScheduledBackup")
                    .forEach(b -> scheduled.add(
                            b.path("spec").path("cluster").path("name").asText()));
            for (JsonNode c : r.all("Cluster")) {
                String name = Rendered.name(c);
                check(
                        c.path("spec").path("instances").asInt() >= 3
                                && c.path("spec").path("instances").asInt()
                                        > dev.get("Cluster", name)
                                                .path("spec")
                                                .path("instances")
                                                .asInt(),
                        r,
                        "Cluster " + name + ": fewer than 3 instances or not more than dev");
                boolean archived = false;
                for (JsonNode plugin : c.path("spec").path("plugins")) {
                    if (BACKUP_PLUGIN.equals(plugin.path("name").asText())
                            && plugin.path("isWALArchiver").asBoolean()) {
                        String store = plugin.path("parameters")
                                .path("barmanObjectName")
                                .asText();
                        archived = r.find("ObjectStore", store).isPresent();
                    }
                }
                check(archived, r, "Cluster " + name + " archives no WAL to an ObjectStore of this overlay");
                check(scheduled.contains(name), r, "Cluster " + name + " has no ScheduledBackup");
            }
        }
        report();
    }

    // --- the shared platform: several corporations on one Kafka and one PostgreSQL cluster ---

    @Test
    void theSharedPlatformIsRedundantBackedUpAndAdmitsOnlyAuthenticatedCorporations() {
        Rendered p = Rendered.render("shared-platform", Rendered.SHARED_PLATFORM);
        JsonNode kafka = p.all("Kafka").get(0);
        JsonNode kafkaSpec = kafka.path("spec").path("kafka");
        check(p.all("Kafka").size() == 1 && brokers(p) >= 3, p, "expected one Kafka with at least 3 brokers");
        check(
                "simple".equals(kafkaSpec.path("authorization").path("type").asText()),
                p,
                "Kafka authorizes nothing: ACLs would not hold");
        check(
                kafka.path("spec").path("entityOperator").has("userOperator"),
                p,
                "no User Operator: KafkaUsers would never get credentials");
        for (JsonNode listener : kafkaSpec.path("listeners")) {
            check(
                    "scram-sha-512"
                            .equals(listener.path("authentication").path("type").asText()),
                    p,
                    "listener " + listener.path("name").asText() + " lets clients in without SCRAM");
            check(
                    listener.path("networkPolicyPeers").size() > 0,
                    p,
                    "listener " + listener.path("name").asText() + " is open to every namespace");
        }
        check(
                p.all("Cluster").size() == 1,
                p,
                "expected one PostgreSQL Cluster, found " + p.all("Cluster").size());
        for (JsonNode c : p.all("Cluster")) {
            check(
                    c.path("spec").path("instances").asInt() >= 3,
                    p,
                    "Cluster " + Rendered.name(c) + ": fewer than 3 instances");
            boolean archived = false;
            for (JsonNode plugin : c.path("spec").path("plugins")) {
                archived |= BACKUP_PLUGIN.equals(plugin.path("name").asText())
                        && plugin.path("isWALArchiver").asBoolean()
                        && p.find(
                                        "ObjectStore",
                                        plugin.path("parameters")
                                                .path("barmanObjectName")
                                                .asText())
                                .isPresent();
            }
            check(archived, p, "Cluster " + Rendered.name(c) + " archives no WAL");
            check(
                    p.all("ScheduledBackup").stream()
                            .anyMatch(b -> Rendered.name(c)
                                    .equals(b.path("spec")
                                            .path("cluster")
                                            .path("name")
                                            .asText())),
                    p,
                    "Cluster " + Rendered.name(c) + " has no ScheduledBackup");
        }
        check(p.all("Deployment").isEmpty(), p, "the platform runs no corporation's services");
        report();
    }

    @Test
    void aCorporationOnTheSharedPlatformReachesOnlyItsOwnTopicsGroupsAndDatabases() {
        Rendered p = Rendered.render("shared-platform", Rendered.SHARED_PLATFORM);
        JsonNode kafka = p.all("Kafka").get(0);
        JsonNode cluster = p.all("Cluster").get(0);
        String namespace = kafka.path("metadata").path("namespace").asText();
        Map<String, JsonNode> roles = new LinkedHashMap<>();
        cluster.path("spec")
                .path("managed")
                .path("roles")
                .forEach(role -> roles.put(role.path("name").asText(), role));
        JsonNode peers =
                kafka.path("spec").path("kafka").path("listeners").path(0).path("networkPolicyPeers");
        Map<String, String> topics = Repo.topics();
        Set<String> databasesSeen = new HashSet<>();
        List<Rendered> shared =
                RENDERED.values().stream().filter(Rendered::onSharedPlatform).toList();
        assertTrue(!shared.isEmpty(), "no overlay on the shared platform among " + RENDERED.keySet());
        for (Rendered r : shared) {
            String prefix = r.topicPrefix();
            check(
                    prefix.endsWith(".")
                            && r.all("Kafka").isEmpty()
                            && r.all("Cluster").isEmpty(),
                    r,
                    "prefix '" + prefix
                            + "' must end in '.', and a corporation on the platform runs no Kafka or Cluster of its own");
            JsonNode common = r.get("ConfigMap", "meedoen-common").path("data");
            check(
                    common.path("KAFKA_BOOTSTRAP_SERVERS")
                            .asText()
                            .equals(Rendered.name(kafka) + "-kafka-bootstrap." + namespace + ".svc:9092"),
                    r,
                    "KAFKA_BOOTSTRAP_SERVERS "
                            + common.path("KAFKA_BOOTSTRAP_SERVERS").asText() + " is not the shared Kafka");
            check(
                    common.path("KAFKA_SECURITY_PROTOCOL").asText().startsWith("SASL_")
                            && "SCRAM-SHA-512"
                                    .equals(common.path("KAFKA_SASL_MECHANISM").asText()),
                    r,
                    "the services do not authenticate with SCRAM-SHA-512");
            JsonNode ns = r.all("Namespace").get(0);
            check(
                    peers.findValues("matchLabels").stream()
                            .allMatch(labels ->
                                    selects(labels, ns.path("metadata").path("labels"))),
                    r,
                    "the namespace lacks the label the shared Kafka listener admits");

            for (String topic : topics.keySet()) {
                JsonNode t = r.find("KafkaTopic", prefix + topic).orElse(null);
                check(
                        t != null
                                && namespace.equals(
                                        t.path("metadata").path("namespace").asText())
                                && Rendered.name(kafka)
                                        .equals(t.path("metadata")
                                                .path("labels")
                                                .path("strimzi.io/cluster")
                                                .asText())
                                && !t.path("spec").has("topicName"),
                        r,
                        "no KafkaTopic " + prefix + topic + " for the shared Kafka in " + namespace + " (used by "
                                + topics.get(topic) + ")");
            }
            List<JsonNode> users = r.all("KafkaUser");
            check(users.size() == 1, r, "expected one KafkaUser, found " + users.size());
            for (JsonNode user : users) {
                check(
                        namespace.equals(user.path("metadata").path("namespace").asText())
                                && "scram-sha-512"
                                        .equals(user.path("spec")
                                                .path("authentication")
                                                .path("type")
                                                .asText()),
                        r,
                        "KafkaUser " + Rendered.name(user) + " is not a SCRAM user of the shared Kafka");
                Set<String> grants = new TreeSet<>();
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    check(
                            "prefix".equals(resource.path("patternType").asText())
                                    && prefix.equals(resource.path("name").asText()),
                            r,
                            "ACL on " + resource.path("type").asText() + " '"
                                    + resource.path("name").asText() + "' reaches beyond the prefix " + prefix);
                    texts(acl.path("operations"))
                            .forEach(op -> grants.add(resource.path("type").asText() + ":" + op));
                }
                check(
                        grants.containsAll(List.of("topic:Read", "topic:Write", "topic:Describe", "group:Read")),
                        r,
                        "the services' KafkaUser cannot read, write and consume its topics: " + grants);
            }

            for (String module : services()) {
                JsonNode d = r.get("Deployment", module);
                check(
                        container(d).path("envFrom").findValues("secretRef").stream()
                                .anyMatch(ref ->
                                        "meedoen-kafka".equals(ref.path("name").asText())),
                        r,
                        module + " does not read the Kafka credentials (Secret meedoen-kafka)");
                String url = environment(r, d)
                        .getOrDefault(Repo.envOf(Repo.config(module).get("quarkus.datasource.jdbc.url")), "");
                URI jdbc = URI.create(url.replaceFirst("^jdbc:", ""));
                check(
                        (Rendered.name(cluster) + "-rw." + namespace + ".svc").equals(jdbc.getHost()),
                        r,
                        module + ": DB_URL " + url + " is not the shared cluster's primary");
                String database = jdbc.getPath().substring(1);
                JsonNode db = r.all("Database").stream()
                        .filter(x -> database.equals(x.path("spec").path("name").asText()))
                        .findFirst()
                        .orElse(null);
                check(
                        db != null
                                && Rendered.name(cluster)
                                        .equals(db.path("spec")
                                                .path("cluster")
                                                .path("name")
                                                .asText()),
                        r,
                        module + ": no CloudNativePG Database " + database + " on the shared cluster");
                check(databasesSeen.add(database), r, "database " + database + " is used twice");
                if (db != null) {
                    JsonNode role = roles.get(db.path("spec").path("owner").asText());
                    check(
                            role != null
                                    && role.path("login").asBoolean()
                                    && role.path("passwordSecret").has("name"),
                            r,
                            module + ": the owner of " + database
                                    + " is not a login role with a password Secret in shared-platform/roles.yaml");
                }
                check(
                        egressAllows(r, d, 5432)
                                && egressAllows(r, d, 9092)
                                && policiesFor(r, d).stream()
                                        .anyMatch(np ->
                                                np.path("spec").path("egress").findValues("namespaceSelector").stream()
                                                        .anyMatch(sel -> namespace.equals(sel.path("matchLabels")
                                                                .path("kubernetes.io/metadata.name")
                                                                .asText()))),
                        r,
                        module + ": its NetworkPolicy does not let it reach the platform namespace " + namespace);
            }
        }
        report();
    }

    @Test
    void theFootprintTableInTheReadmeIsWhatTheManifestsRequest() {
        String readme = Repo.read(Repo.ROOT.resolve("deploy/README.md"));
        Footprint dedicated = Footprint.of(RENDERED.get("example-corporation"));
        Footprint own = Footprint.of(RENDERED.get("shared-example-corporation"));
        Footprint platform = Footprint.of(Rendered.render("shared-platform", Rendered.SHARED_PLATFORM));
        Map<String, Footprint> rows = new LinkedHashMap<>();
        rows.put("| dedicated (`overlays/example-corporation`) |", dedicated);
        rows.put("| shared, the corporation's own (`overlays/shared-example-corporation`) |", own);
        rows.put("| shared, the platform for all its corporations (`shared-platform`) |", platform);
        rows.put("| shared, per corporation with ten on the platform |", own.plus(platform.divide(10)));
        rows.forEach((label, f) -> {
            String row = label + " " + f.row();
            if (!readme.contains(row)) {
                problems.add("deploy/README.md lacks the row: " + row);
            }
        });
        report();
    }

    /** Pods and resource requests of what an overlay runs: Deployments, Kafka node pools and PostgreSQL instances. */
    private record Footprint(double pods, double cpu, double memoryGiB) {

        static Footprint of(Rendered r) {
            Footprint total = new Footprint(0, 0, 0);
            for (JsonNode d : r.all("Deployment")) {
                total = total.plus(
                        d.path("spec").path("replicas").asInt(),
                        container(d).path("resources").path("requests"));
            }
            for (JsonNode pool : r.all("KafkaNodePool")) {
                total = total.plus(
                        pool.path("spec").path("replicas").asInt(),
                        pool.path("spec").path("resources").path("requests"));
            }
            for (JsonNode c : r.all("Cluster")) {
                total = total.plus(
                        c.path("spec").path("instances").asInt(),
                        c.path("spec").path("resources").path("requests"));
            }
            return total;
        }

        Footprint plus(int count, JsonNode requests) {
            String cpu = requests.path("cpu").asText("0");
            double cores = cpu.endsWith("m")
                    ? Double.parseDouble(cpu.substring(0, cpu.length() - 1)) / 1000
                    : Double.parseDouble(cpu);
            return plus(new Footprint(
                    count, count * cores, count * bytes(requests.path("memory").asText("0")) / (double) (1L << 30)));
        }

        Footprint plus(Footprint other) {
            return new Footprint(pods + other.pods, cpu + other.cpu, memoryGiB + other.memoryGiB);
        }

        Footprint divide(int corporations) {
            return new Footprint(pods / corporations, cpu / corporations, memoryGiB / corporations);
        }

        String row() {
            return number(pods) + " | " + number(cpu) + " | " + String.format(java.util.Locale.ROOT, "%.1f", memoryGiB)
                    + " GiB |";
        }

        private static String number(double value) {
            return new java.math.BigDecimal(value)
                    .setScale(2, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
    }

    private static List<Rendered> dedicated() {
        return RENDERED.values().stream().filter(r -> !r.onSharedPlatform()).toList();
    }

    private static int brokers(Rendered r) {
        int brokers = 0;
        for (JsonNode pool : r.all("KafkaNodePool")) {
            brokers += texts(pool.path("spec").path("roles")).contains("broker")
                    ? pool.path("spec").path("replicas").asInt()
                    : 0;
        }
        return brokers;
    }

    // --- helpers ---

    private void checkCompanions(Rendered r, JsonNode d) {
        String name = Rendered.name(d);
        JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
        boolean service =
                r.all("Service").stream().anyMatch(s -> selects(s.path("spec").path("selector"), labels));
        check(service, r, "Deployment " + name + " has no Service");
        boolean hpa = r.all("HorizontalPodAutoscaler").stream()
                .anyMatch(h -> name.equals(h.path("spec")
                                .path("scaleTargetRef")
                                .path("name")
                                .asText())
                        && "Deployment"
                                .equals(h.path("spec")
                                        .path("scaleTargetRef")
                                        .path("kind")
                                        .asText()));
        check(hpa, r, "Deployment " + name + " has no HorizontalPodAutoscaler");
        boolean pdb = r.all("PodDisruptionBudget").stream()
                .anyMatch(p -> selects(p.path("spec").path("selector").path("matchLabels"), labels));
        check(pdb, r, "Deployment " + name + " has no PodDisruptionBudget");
        List<JsonNode> policies = policiesFor(r, d);
        check(!policies.isEmpty(), r, "Deployment " + name + " has no NetworkPolicy");
        for (JsonNode np : policies) {
            Set<String> types = texts(np.path("spec").path("policyTypes"));
            check(
                    types.containsAll(List.of("Ingress", "Egress")),
                    r,
                    "NetworkPolicy " + Rendered.name(np) + " does not limit both directions");
        }
    }

    private static List<JsonNode> policiesFor(Rendered r, JsonNode d) {
        JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
        return r.all("NetworkPolicy").stream()
                .filter(np -> selects(np.path("spec").path("podSelector").path("matchLabels"), labels))
                .toList();
    }

    private static boolean egressAllows(Rendered r, JsonNode d, int port) {
        for (JsonNode np : policiesFor(r, d)) {
            for (JsonNode rule : np.path("spec").path("egress")) {
                for (JsonNode p : rule.path("ports")) {
                    if (p.path("port").asInt() == port) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void checkProbe(Rendered r, String where, JsonNode c, String probe, String path) {
        JsonNode get = c.path(probe).path("httpGet");
        check(path.equals(get.path("path").asText()), r, where + ": " + probe + " is not GET " + path);
        String port = get.path("port").asText();
        boolean known = false;
        for (JsonNode p : c.path("ports")) {
            known |= port.equals(p.path("name").asText())
                    || port.equals(p.path("containerPort").asText());
        }
        check(known, r, where + ": " + probe + " port " + port + " is not a container port");
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.size() == 0) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static boolean mounted(JsonNode deployment, String file) {
        for (JsonNode m : container(deployment).path("volumeMounts")) {
            if (file.startsWith(m.path("mountPath").asText() + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The container's environment: literal values, ConfigMap entries (resolved) and Secret keys ("secret:name/key"). */
    private static Map<String, String> environment(Rendered r, JsonNode deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode c = container(deployment);
        for (JsonNode from : c.path("envFrom")) {
            if (from.has("configMapRef")) {
                r.get("ConfigMap", from.path("configMapRef").path("name").asText())
                        .path("data")
                        .fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode e : c.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            env.put(
                    e.path("name").asText(),
                    ref.isMissingNode()
                            ? e.path("value").asText()
                            : "secret:" + ref.path("name").asText() + "/"
                                    + ref.path("key").asText());
        }
        return env;
    }

    private static JsonNode secretRef(JsonNode deployment, String variable) {
        for (JsonNode e : container(deployment).path("env")) {
            if (variable.equals(e.path("name").asText())) {
                return e.path("valueFrom").path("secretKeyRef");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Secrets a Deployment cannot start without: non-optional env references and secret volumes. */
    private static Set<String> secretNames(JsonNode deployment) {
        Set<String> names = new TreeSet<>();
        for (JsonNode e : container(deployment).path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode() && !ref.path("optional").asBoolean()) {
                names.add(ref.path("name").asText());
            }
        }
        for (JsonNode v : deployment.path("spec").path("template").path("spec").path("volumes")) {
            if (v.has("secret") && !v.path("secret").path("optional").asBoolean()) {
                names.add(v.path("secret").path("secretName").asText());
            }
        }
        // Generated dev Secrets carry a hash suffix: compare by the name they were generated under.
        Set<String> plain = new TreeSet<>();
        names.forEach(n -> plain.add(n.replaceFirst("-[a-z0-9]{10}$", "")));
        return plain;
    }

    /** The gateway's routing table (see {@link #gatewayConfig}). */
    private Map<String, String> gatewayRoutes(Rendered r, JsonNode gateway, Map<String, String> env) {
        return gatewaySettings(r, gateway, env, "meedoen.gateway.routes.");
    }

    /** One map-valued gateway setting ({@code prefix} up to the key), keys unquoted: {@code tenant-imports → 300M}. */
    private Map<String, String> gatewaySettings(Rendered r, JsonNode gateway, Map<String, String> env, String prefix) {
        Map<String, String> settings = new TreeMap<>();
        gatewayConfig(r, gateway, env).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                settings.put(k.substring(prefix.length()).replace("\"", ""), v);
            }
        });
        return settings;
    }

    /**
     * The gateway's {@code meedoen.gateway.*} settings: its built-in defaults, overridden by the file that
     * QUARKUS_CONFIG_LOCATIONS names (mounted from a ConfigMap).
     */
    private Map<String, String> gatewayConfig(Rendered r, JsonNode gateway, Map<String, String> env) {
        Map<String, String> config = new TreeMap<>();
        Repo.config("gateway").forEach((k, v) -> {
            if (k.startsWith("meedoen.gateway.")) {
                config.put(k, v);
            }
        });
        String location = env.get("QUARKUS_CONFIG_LOCATIONS");
        if (location == null) {
            return config;
        }
        for (JsonNode m : container(gateway).path("volumeMounts")) {
            String dir = m.path("mountPath").asText() + "/";
            JsonNode v = volume(
                    gateway.path("spec").path("template").path("spec"),
                    m.path("name").asText());
            if (location.startsWith(dir) && v.has("configMap")) {
                String file = location.substring(dir.length());
                String text = r.get(
                                "ConfigMap", v.path("configMap").path("name").asText())
                        .path("data")
                        .path(file)
                        .asText(null);
                check(text != null, r, "QUARKUS_CONFIG_LOCATIONS " + location + " is not in the mounted ConfigMap");
                if (text != null) {
                    Properties p = new Properties();
                    try {
                        p.load(new StringReader(text));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    p.stringPropertyNames().stream()
                            .filter(k -> k.startsWith("meedoen.gateway."))
                            .forEach(k -> config.put(k, p.getProperty(k)));
                }
                return config;
            }
        }
        problems.add(r.overlay() + ": QUARKUS_CONFIG_LOCATIONS " + location + " is not mounted into the gateway");
        return config;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Kubernetes memory quantity in bytes (Ki/Mi/Gi and k/M/G suffixes). */
    static long bytes(String quantity) {
        Map<String, Long> units = Map.of(
                "Ki",
                1L << 10,
                "Mi",
                1L << 20,
                "Gi",
                1L << 30,
                "Ti",
                1L << 40,
                "k",
                1000L,
                "M",
                1000_000L,
                "G",
                1000_000_000L);
        for (var unit : units.entrySet()) {
            if (quantity.endsWith(unit.getKey())) {
                return Long.parseLong(quantity.substring(
                                0, quantity.length() - unit.getKey().length()))
                        * unit.getValue();
            }
        }
        return Long.parseLong(quantity);
    }

    private static List<String> apps() {
        List<String> apps = new ArrayList<>(services());
        apps.add("gateway");
        return apps;
    }

    private static List<String> services() {
        return Repo.SERVICES;
    }

    private void check(boolean ok, Rendered r, String problem) {
        if (!ok) {
            problems.add(r.overlay() + ": " + problem);
        }
    }

    private void report() {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in deploy/k8s:\n  " + String.join("\n  ", problems));
        }
    }
}
