import nl.meedoen.devinfra.GatewayClient;
import nl.meedoen.localstack.App;
import nl.meedoen.localstack.Ports;
import nl.meedoen.localstack.Stack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service with one and with two replicas behind the gateway, in one run (see README.md);
 * {@code -Dservice=consultation} (default) or {@code -Dservice=notification}. For consultation-service:
 *  1. final submissions, CLIENTS clients, one replica          -> tx/s, p50/p99
 *  2. the same with a second replica (same database and Kafka) -> tx/s, p50/p99, ratio to 1
 *  3. the same again, the second replica killed (SIGKILL) a third of the way in
 *  then: every stored submission's participation event is on Kafka, none twice (by ce_id and by tenant),
 *  in outbox order per key (the consultation id), and panel-service processed each once.
 * The gateway routes to one URL per service, so a round-robin TCP balancer in this JVM stands where a
 * Kubernetes Service would: the gateway's consultation URL points at it, it spreads connections over the
 * live replicas. It balances connections, like a Kubernetes Service; the gateway keeps its upstream
 * connections alive, so when the second replica joins the balancer closes the idle ones once and the gateway
 * reconnects across both.
 * <p>For notification-service ({@link #runNotification}) the load is {@code POST /api/v1/messages} (two messages
 * per tenant, Idempotency-Key = requestId), the sending runs in the background on both replicas' email workers
 * (rows claimed with SKIP LOCKED), and the checks are: every 2xx has its delivery, every delivery is SENT with
 * exactly one mail at the SMTP sink (by X-Meedoen-Delivery) or was abandoned mid-send by the killed replica and
 * FAILED after the sending lease (at most one mail), no mail twice, one event per delivery on notification.events.v1,
 * per key (tenant) in outbox order, and panel-service processed each event id once.
 */
public class ReplicaBenchmark {

    static final int PER_PHASE = Integer.getInteger("perPhase", 1000);
    static final int CLIENTS = Integer.getInteger("clients", 16);
    static final int WARM_UP = Integer.getInteger("warmUp", 1000);
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final String SERVICE = System.getProperty("service", "consultation");
    static final Map<Integer, AtomicInteger> connections = new ConcurrentHashMap<>();
    static final Set<Socket> open = ConcurrentHashMap.newKeySet();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Integer> backends = new CopyOnWriteArrayList<>();
    static Stack stack;
    static int replicaPort;
    static volatile java.time.Instant killedAt;
    static String bearer;
    static GatewayClient api;

    public static void main(String[] args) {
        int rc = 1;
        try {
            boolean ok = switch (SERVICE) {
                case "consultation" -> run();
                case "notification" -> runNotification();
                default -> throw new IllegalArgumentException("-Dservice=consultation or -Dservice=notification, not " + SERVICE);
            };
            rc = ok ? 0 : 2;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
        System.exit(rc);
    }

    static boolean run() throws Exception {
        Path data = start(App.CONSULTATION, Map.of());
        String id = openSurvey((2 * ROUNDS + 1) * PER_PHASE + 2 * WARM_UP);
        Map<String, String> refByToken = tokens(data, id);
        java.util.Iterator<String> tokens = new ArrayList<>(refByToken.keySet()).iterator();
        List<Phase> phases = new ArrayList<>();

        compare(App.CONSULTATION, tokens, ReplicaBenchmark::submit, 201, phases);
        api.send("POST", "/api/v1/consultations/" + id + "/close", null, null, 200); // CLOSED must come after every participation

        // --- correctness
        Set<String> stored = new HashSet<>(column("consultation", """
                SELECT i.tenant_ref FROM response_link l JOIN invitation i ON i.id = l.invitation_id WHERE i.consultation_id = ?::uuid""", id));
        Set<String> acked = new HashSet<>();
        for (Phase p : phases) {
            p.acked.forEach(t -> acked.add(refByToken.get(t)));
        }
        boolean ok = stored.containsAll(acked);
        System.out.printf("stored %d submissions; every 201 among them: %s%n", stored.size(), ok);
        // Order per key: the consultation's events share its key, so one partition. Concurrent submissions have no
        // order among themselves (the outbox publishes in commit order); what must hold is the causal order:
        // OPENED before every participation, CLOSED (sent after the last one was acknowledged) after all of them.
        List<ConsumerRecord<String, String>> events = List.of();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            events = readTopic("consultation.events.v1").stream().filter(r -> id.equals(r.key())).toList();
            if (events.stream().anyMatch(r -> type(r).endsWith(".closed.v1"))) {
                break;
            }
            Thread.sleep(2000);
        }
        Set<String> eventIds = new HashSet<>();
        Map<String, String> eventByTenant = new HashMap<>();
        int twoEventsForOneTenant = 0;
        int beforeOpened = 0;
        int afterClosed = 0;
        boolean opened = false;
        boolean closed = false;
        for (ConsumerRecord<String, String> r : events) { // offset order
            String ceId = new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            if (!eventIds.add(ceId)) {
                continue; // republished by an at-least-once relay round: consumers drop it by ce_id
            }
            opened |= type(r).endsWith(".opened.v1");
            closed |= type(r).endsWith(".closed.v1");
            if (type(r).endsWith(".participation-recorded.v1")) {
                beforeOpened += opened ? 0 : 1;
                afterClosed += closed ? 1 : 0;
                if (eventByTenant.put(field(r.value(), "tenantRef"), ceId) != null) {
                    twoEventsForOneTenant++;
                }
            }
        }
        Set<String> published = eventByTenant.keySet();
        long processed = processedByPanel("consultation-events", eventIds);
        System.out.printf("events on Kafka for the consultation: %d records, %d distinct ce_ids, %d republished; "
                        + "participation events for %d tenants (stored %d, missing %d); second event for a tenant: %d; "
                        + "participation before OPENED: %d, after CLOSED: %d (CLOSED seen: %s); processed by panel-service: %d of %d%n",
                events.size(), eventIds.size(), events.size() - eventIds.size(), published.size(), stored.size(),
                stored.stream().filter(t -> !published.contains(t)).count(), twoEventsForOneTenant, beforeOpened, afterClosed, closed,
                processed, eventIds.size());
        ok &= published.equals(stored) && twoEventsForOneTenant == 0 && beforeOpened == 0 && afterClosed == 0 && closed
                && processed == eventIds.size();
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(ok ? "CORRECTNESS: OK" : "CORRECTNESS: VIOLATED");
        return ok;
    }

    /** Starts the platform with the gateway's route to {@code app} through the balancer; returns the data folder. */
    static Path start(App app, Map<String, String> overrides) throws Exception {
        Path data = Files.createTempDirectory("meedoen-replicas-");
        System.out.printf("machine: %d cores, Java %s; %s, %d requests per phase, %d clients; load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), app.module, PER_PHASE, CLIENTS,
                Files.readString(Path.of("/proc/loadavg")).trim());
        Ports ports = Ports.free();
        int balancerPort = freePort();
        replicaPort = freePort();
        backends.add(ports.of(app));
        System.out.printf("%s on port %d, its replica on %d, the balancer on %d%n", app.module, ports.of(app), replicaPort, balancerPort);
        balancer(balancerPort);
        stack = new Stack(new Stack.Settings(Path.of("").toAbsolutePath(), data, ports, true, Duration.ofSeconds(300))); // durable PostgreSQL
        stack.override(App.GATEWAY, "meedoen.gateway.services." + app.key, "http://localhost:" + balancerPort);
        overrides.forEach((k, v) -> stack.override(app, k, v)); // the replica gets them too
        stack.start();
        bearer = stack.tokens().tokenForRole("corporation");
        api = new GatewayClient(stack.gatewayUrl(), bearer, Duration.ofMinutes(2));
        return data;
    }

    /**
     * notification-service: message requests through the gateway, sent in the background by both replicas'
     * email workers to the stack's SMTP sink (GreenMail), then the checks of issue 9.
     */
    static boolean runNotification() throws Exception {
        // No per-replica send limit (20 msgs/s by default): the workers of both replicas go as fast as the sink takes it.
        // A short sending lease, so deliveries the killed replica left SENDING are failed (not resent) within the run.
        start(App.NOTIFICATION, Map.of("meedoen.notification.email.rate", "0", "meedoen.notification.email.sending-lease", "PT15S"));
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        int total = (2 * ROUNDS + 1) * PER_PHASE + 2 * WARM_UP;
        int tenants = (total + 1) / 2; // two messages per tenant (the contact budget allows 4 a month), far apart in the load
        importTenants(run, tenants);
        Map<String, String> tenantByRequest = new java.util.LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            tenantByRequest.put("rep-" + run + "-" + i, "REP-" + run + "-" + (i % tenants));
        }
        List<Phase> phases = new ArrayList<>();
        long t0 = System.nanoTime();
        compare(App.NOTIFICATION, tenantByRequest.keySet().iterator(), r -> message(r, tenantByRequest.get(r)), 202, phases);
        Set<String> acked = new HashSet<>();
        phases.forEach(p -> acked.addAll(p.acked));

        // --- correctness: wait until the surviving replica has sent what is queued
        String like = "rep-" + run + "-%";
        for (long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); System.nanoTime() < until; Thread.sleep(1000)) {
            if (column("notification", "SELECT count(*) FROM delivery WHERE request_id LIKE ? AND status IN ('QUEUED', 'SENDING')", like).get(0).equals("0")) {
                break;
            }
        }
        System.out.printf("all deliveries out of QUEUED and SENDING %.1f s after the load began%n", (System.nanoTime() - t0) / 1e9);
        Thread.sleep(2000); // a second send of a delivery would come after its first: give it the chance
        Map<String, String> deliveryByRequest = new HashMap<>();
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        Set<String> abandoned = new HashSet<>(); // left SENDING by the killed replica: failed after the lease, never resent
        Set<String> otherwiseNotSent = new HashSet<>();
        for (String[] row : rows("notification", "SELECT request_id, id::text, status, coalesce(reason, '') FROM delivery WHERE request_id LIKE ?", like)) {
            deliveryByRequest.put(row[0], row[1]);
            statuses.merge(row[2], 1, Integer::sum);
            if (row[2].equals("FAILED") && row[3].startsWith("interrupted while sending")) {
                abandoned.add(row[1]);
            } else if (!row[2].equals("SENT")) {
                otherwiseNotSent.add(row[1]);
            }
        }
        long ackedWithout = acked.stream().filter(r -> !deliveryByRequest.containsKey(r)).count();
        Map<String, List<java.time.Instant>> mailsByDelivery = new HashMap<>();
        stack.smtp().mails().forEach(m -> mailsByDelivery.computeIfAbsent(String.valueOf(m.headers().get("X-Meedoen-Delivery")),
                d -> new ArrayList<>()).add(m.receivedAt()));
        long mailsMissing = deliveryByRequest.values().stream().filter(d -> !abandoned.contains(d) && !mailsByDelivery.containsKey(d)).count();
        long abandonedArrived = abandoned.stream().filter(mailsByDelivery::containsKey).count();
        List<List<java.time.Instant>> twice = deliveryByRequest.values().stream().map(d -> mailsByDelivery.getOrDefault(d, List.of()))
                .filter(m -> m.size() > 1).toList();
        long mailsTwice = twice.size();
        // A duplicate from a round the kill cut off would have its first copy before the kill, the second after.
        long acrossTheKill = twice.stream().filter(m -> m.get(0).isBefore(killedAt) && !m.get(m.size() - 1).isBefore(killedAt)).count();
        System.out.printf("%d requests answered 202, %d deliveries (statuses %s), 202 without a delivery: %d; SMTP sink: %d mails, "
                        + "deliveries without a mail: %d, with more than one: %d (first copy before the kill, second after: %d); "
                        + "abandoned mid-send by the killed replica and failed, not resent: %d (%d of them had reached the sink)%n",
                acked.size(), deliveryByRequest.size(), statuses, ackedWithout, stack.smtp().received(), mailsMissing, mailsTwice, acrossTheKill,
                abandoned.size(), abandonedArrived);
        boolean ok = ackedWithout == 0 && otherwiseNotSent.isEmpty() && mailsMissing == 0 && mailsTwice == 0
                && stack.smtp().received() == deliveryByRequest.size() - abandoned.size() + abandonedArrived;

        // Events: one per delivery (SENT), keyed by tenant; per key in outbox order (the relay publishes in id order).
        Map<String, Long> outboxId = new HashMap<>();
        for (String[] row : rows("notification", "SELECT event_id::text, id FROM outbox_event WHERE topic = 'notification.events.v1' AND event_key LIKE ?",
                "REP-" + run + "-%")) {
            outboxId.put(row[0], Long.parseLong(row[1]));
        }
        List<ConsumerRecord<String, String>> events = List.of();
        for (long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); System.nanoTime() < until; Thread.sleep(2000)) {
            events = readTopic("notification.events.v1").stream().filter(r -> r.key() != null && r.key().startsWith("REP-" + run + "-")).toList();
            if (events.size() >= deliveryByRequest.size()) {
                break;
            }
        }
        Set<String> eventIds = new HashSet<>();
        Set<String> deliveriesWithEvent = new HashSet<>();
        Map<String, Long> lastOutboxIdByKey = new HashMap<>();
        Map<String, Integer> partitionByKey = new HashMap<>();
        int secondEventForDelivery = 0;
        int outOfOrder = 0;
        for (ConsumerRecord<String, String> r : events) { // offset order per partition
            String ceId = new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            if (!eventIds.add(ceId)) {
                continue; // republished by an at-least-once relay round: consumers drop it by ce_id
            }
            if (!deliveriesWithEvent.add(field(r.value(), "deliveryId"))) {
                secondEventForDelivery++;
            }
            if (partitionByKey.merge(r.key(), r.partition(), (a, b) -> a.equals(b) ? a : -1) == -1) {
                outOfOrder++; // one key on two partitions
            }
            long id = outboxId.getOrDefault(ceId, -1L);
            Long previous = lastOutboxIdByKey.put(r.key(), id);
            if (id < 0 || previous != null && previous > id) {
                outOfOrder++;
            }
        }
        long withoutEvent = deliveryByRequest.values().stream().filter(d -> !deliveriesWithEvent.contains(d)).count();
        long processed = processedByPanel("panel-opt-outs", eventIds);
        System.out.printf("events on notification.events.v1 for the run: %d records, %d distinct ce_ids, %d republished; deliveries without "
                        + "an event: %d, with a second event: %d; per key (tenant) out of outbox order: %d; processed by panel-service: %d of %d%n",
                events.size(), eventIds.size(), events.size() - eventIds.size(), withoutEvent, secondEventForDelivery, outOfOrder,
                processed, eventIds.size());
        ok &= withoutEvent == 0 && secondEventForDelivery == 0 && outOfOrder == 0 && eventIds.size() == deliveryByRequest.size()
                && processed == eventIds.size();
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(ok ? "CORRECTNESS: OK" : "CORRECTNESS: VIOLATED");
        return ok;
    }

    /** {@code tenants} tenants with an email address, CSV straight to notification-service (as in the local-stack tests). */
    static void importTenants(String run, int tenants) throws Exception {
        StringBuilder csv = new StringBuilder("tenantRef,name,email,street,houseNumber,postcode,city,language,preferredChannel,neighbourhoodCode,birthYear,householdType\n");
        for (int i = 0; i < tenants; i++) {
            csv.append("REP-%s-%d,Huurder %d,t%d.%s@example.nl,Teststraat,%d,1234 AB,Utrecht,nl,EMAIL,BU00000001,1970,SINGLE\n"
                    .formatted(run, i, i, i, run, 1 + i % 500));
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(App.NOTIFICATION) + "/api/v1/tenant-imports"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("import -> " + r.statusCode() + ": " + r.body());
        }
        String path = "/api/v1/tenant-imports/" + field(r.body(), "id");
        while (!api.send("GET", path, null, null, 200).contains("\"status\":\"COMPLETED\"")) {
            Thread.sleep(1000);
        }
    }

    static int message(String requestId, String tenantRef) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/messages"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                    .header("Idempotency-Key", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"requestId":"%s","tenantRef":"%s","purpose":"consultation","templateKey":"consultation.invitation",
                             "data":{"consultationTitle":"Replica's","goal":"meten","closesOn":"morgen","invitationUrl":"https://example.nl/s"}}"""
                            .formatted(requestId, tenantRef))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Warm-up, then ROUNDS alternating phases of one and two replicas, then two with the second killed a third of
     * the way in. Every phase's acknowledged items go to {@code phases}.
     */
    static void compare(App app, java.util.Iterator<String> items, java.util.function.ToIntFunction<String> request,
                        int ok, List<Phase> phases) throws Exception {
        phases.add(load(take(items, WARM_UP), request, ok, null)); // JIT and pools warm: not measured
        stack.startReplica(app, replicaPort);
        backends.add(replicaPort);
        rebalance();
        phases.add(load(take(items, WARM_UP), request, ok, null)); // the new replica warms up too
        // 1 and 2 replicas alternate, so drift in what the neighbours on this machine take evens out
        List<Double> oneTps = new ArrayList<>();
        List<Double> twoTps = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int replicas = 1; replicas <= 2; replicas++) {
                backends.remove(Integer.valueOf(replicaPort));
                if (replicas == 2) {
                    backends.add(replicaPort);
                }
                rebalance();
                connections.clear();
                Phase phase = load(take(items, PER_PHASE), request, ok, null);
                phases.add(phase);
                (replicas == 1 ? oneTps : twoTps).add(phase.tps);
                System.out.printf("round %d, %d replica%s: %s, new connections per replica port %s%n",
                        round, replicas, replicas == 1 ? " " : "s", phase, connections);
            }
        }
        double one = median(oneTps);
        double two = median(twoTps);
        System.out.printf("MEDIAN: 1 replica %.0f tx/s, 2 replicas %.0f tx/s -> %.2f x%n", one, two, two / one);

        connections.clear(); // the last round ran with both replicas: they stay for this phase
        Phase killed = load(take(items, PER_PHASE), request, ok, () -> {
            backends.remove(Integer.valueOf(replicaPort)); // as a Service drops an endpoint; in-flight connections die with it
            killedAt = java.time.Instant.now();
            stack.killReplica(replicaPort);
        });
        phases.add(killed);
        System.out.println("2 replicas, one killed (SIGKILL) a third in: " + killed + ", new connections per replica port " + connections);
    }

    record Phase(double tps, double p50, double p99, Set<String> acked, Map<Integer, Integer> statuses) {
        @Override
        public String toString() {
            return String.format("%.0f tx/s, p50 %.1f ms, p99 %.1f ms, statuses %s", tps, p50, p99, statuses);
        }
    }

    static List<String> take(java.util.Iterator<String> tokens, int n) {
        List<String> taken = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            taken.add(tokens.next());
        }
        return taken;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Closed model: CLIENTS clients, each sends its next request when the last is answered; {@code ok} counts as acknowledged. */
    static Phase load(List<String> tokens, java.util.function.ToIntFunction<String> request, int ok, Runnable atOneThird) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latency = new long[tokens.size()];
        Map<String, Integer> outcome = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < tokens.size(); ) {
                    if (atOneThird != null && i == tokens.size() / 3) {
                        atOneThird.run();
                    }
                    long s = System.nanoTime();
                    outcome.put(tokens.get(i), request.applyAsInt(tokens.get(i)));
                    latency[i] = System.nanoTime() - s;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = Arrays.stream(latency).sorted().toArray();
        Set<String> acked = new HashSet<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        outcome.forEach((t, s) -> {
            statuses.merge(s, 1, Integer::sum);
            if (s == ok) {
                acked.add(t);
            }
        });
        return new Phase(acked.size() / seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, acked, statuses);
    }

    static int submit(String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/consultations/respondent/response"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Invitation-Token", token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"answers\":{\"q1\":\"yes\"}}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Round robin over the live backends per connection; a refused connection tries the next one. */
    static void balancer(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        AtomicInteger turn = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket client = server.accept();
                    Socket upstream = null;
                    for (int attempt = 0; attempt < 4 && upstream == null; attempt++) {
                        List<Integer> live = List.copyOf(backends);
                        try {
                            int target = live.get(Math.floorMod(turn.getAndIncrement(), live.size()));
                            upstream = new Socket("127.0.0.1", target);
                            connections.computeIfAbsent(target, p -> new AtomicInteger()).incrementAndGet();
                        } catch (IOException refused) {
                            // next backend
                        }
                    }
                    if (upstream == null) {
                        client.close();
                        continue;
                    }
                    open.add(client);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "balancer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Closes every balanced connection (called between phases, with nothing in flight): the gateway keeps its
     * upstream connections alive, so without this a replica that joins later would get none of them.
     */
    static void rebalance() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        open.clear();
    }

    static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16384];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side gone
            } finally {
                open.remove(from);
                open.remove(to);
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    static String openSurvey(int count) throws Exception {
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < count; i++) {
            refs.append(i == 0 ? "" : ",").append("\"R-").append(i).append('"');
        }
        String id = field(api.send("POST", "/api/v1/consultations", """
                {"kind":"SURVEY","languages":["nl"],"title":{"nl":"Replica's"},"anonymity":"PSEUDONYMOUS",
                 "audience":{"type":"LIST","tenantRefs":[%s]}}""".formatted(refs), null, 201), "id");
        api.send("PUT", "/api/v1/consultations/" + id + "/questionnaire", """
                {"questions":[{"id":"q1","type":"SINGLE_CHOICE","text":{"nl":"Tevreden?"},"required":true,
                  "options":[{"value":"yes","text":{"nl":"Ja"}},{"value":"no","text":{"nl":"Nee"}}]}]}""", "\"0\"", 200);
        api.send("PUT", "/api/v1/consultations/" + id + "/statement", """
                {"goal":{"nl":"meten"},"canInfluence":{"nl":"alles"},"cannotInfluence":{"nl":"niets"},"influenceLevel":"CONSULT",
                 "outcomeUse":{"nl":"rapport"},"outcomeBy":"2030-01-01"}""", "\"1\"", 200);
        api.send("POST", "/api/v1/consultations/" + id + "/open", null, null, 200);
        while (!api.send("GET", "/api/v1/consultations/" + id + "/invitations/counts", null, null, 200).contains("\"allInvited\":true")) {
            Thread.sleep(1000);
        }
        return id;
    }

    static Map<String, String> tokens(Path data, String id) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readString(data.resolve("consultation-token.secret")).trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("consultation"), "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT id, tenant_ref FROM invitation WHERE consultation_id = ?::uuid ORDER BY random()")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.put(Base64.getUrlEncoder().withoutPadding().encodeToString(
                            mac.doFinal(("invitation:" + rs.getString(1)).getBytes(StandardCharsets.UTF_8))), rs.getString(2));
                }
            }
        }
        return tokens;
    }

    /** How many of the events panel-service's consumer has processed, waiting up to 3 minutes for all of them. */
    static long processedByPanel(String consumer, Set<String> eventIds) throws Exception {
        long processed = 0;
        for (long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); System.nanoTime() < until; Thread.sleep(2000)) {
            processed = Long.parseLong(column("panel", "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ANY (?)",
                    consumer, eventIds.toArray(new String[0])).get(0));
            if (processed == eventIds.size()) {
                break;
            }
        }
        return processed;
    }

    static List<String> column(String db, String sql, Object... params) throws Exception {
        return rows(db, sql, params).stream().map(r -> r[0]).toList();
    }

    static List<String[]> rows(String db, String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(db), "postgres", ""); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            List<String[]> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    values.add(row);
                }
            }
            return values;
        }
    }

    static List<ConsumerRecord<String, String>> readTopic(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.kafkaBootstrapServers(),
                "enable.auto.commit", false, "max.poll.records", 5000), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    static String type(ConsumerRecord<String, String> r) {
        return new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
