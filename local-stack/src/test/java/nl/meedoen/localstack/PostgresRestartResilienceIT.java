package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL restarts (fast shutdown, a few seconds down) while respondents submit: every service reports
 * DOWN on {@code /q/health/ready}, comes back UP by itself, accepts writes again, and no acknowledged write is
 * lost; the outbox relay catches up, and the consumers park nothing they consumed meanwhile. Size:
 * {@code -Dfault.pg.submissions=400}.
 */
@ExtendWith(PlatformExtension.class)
class PostgresRestartResilienceIT {

    static final int SUBMISSIONS = Integer.getInteger("fault.pg.submissions", 400);
    static final List<App> SERVICES = List.of(App.NOTIFICATION, App.CONSULTATION, App.PANEL, App.RECRUITMENT);
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servicesGoDownWithPostgresAndRecoverWithoutLosingAcknowledgedWrites(Platform platform) {
        String id = FaultTools.openSurvey(
                platform, "PG-" + UUID.randomUUID().toString().substring(0, 8), SUBMISSIONS);
        Map<String, String> refByToken = FaultTools.tokens(platform, id);
        Stack stack = platform.stack();

        List<String> tokens = new ArrayList<>(refByToken.keySet());
        List<String> duringRestart = tokens.subList(0, tokens.size() * 2 / 3);
        List<String> afterRestart = tokens.subList(duringRestart.size(), tokens.size());

        FaultTools.Submissions load = new FaultTools.Submissions(platform.gatewayUrl(), duringRestart, 4);
        await().atMost(Duration.ofSeconds(120)).until(() -> load.acked() >= SUBMISSIONS / 4);
        try {
            stack.stopPostgres();
            for (App app : SERVICES) {
                await(app + " DOWN")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> readiness(stack, app) == 503);
            }
        } finally {
            load.stop();
            stack.startPostgresAgain();
        }
        long restarted = System.nanoTime();
        for (App app : SERVICES) {
            await(app + " UP again")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> readiness(stack, app) == 200);
        }
        System.out.printf(
                "[postgres restart] all services ready %.1f s after PostgreSQL was back%n",
                (System.nanoTime() - restarted) / 1e9);
        FaultTools.Submissions after = new FaultTools.Submissions(platform.gatewayUrl(), afterRestart, 4);
        after.awaitDone();

        Set<String> acked = load.tokensWith(s -> s == 201);
        Set<String> unanswered = load.tokensWith(s -> s != 201);
        acked.addAll(after.tokensWith(s -> s == 201));
        unanswered.addAll(after.tokensWith(s -> s != 201));
        Set<String> stored = FaultTools.submitted(platform, id);
        System.out.printf(
                "[postgres restart] during: %d sent, statuses %s; after: statuses %s%n",
                load.outcomes.size(), statuses(load), statuses(after));
        assertEquals(
                afterRestart.size(), after.tokensWith(s -> s == 201).size(), "every write after recovery is accepted");
        // Requests that hit the outage are told to retry (503 problem), never a 500.
        assertEquals(
                Set.of(),
                load.tokensWith(s -> s != 201 && s != 503),
                "outcomes other than 201 and 503: " + statuses(load));
        for (String token : acked) {
            assertTrue(
                    stored.contains(refByToken.get(token)),
                    "acknowledged submission of " + refByToken.get(token) + " lost");
        }
        for (String token : unanswered) {
            int status = FaultTools.Submissions.submit(platform.gatewayUrl(), token);
            assertEquals(
                    stored.contains(refByToken.get(token)) ? 409 : 201, status, "retry of " + refByToken.get(token));
        }
        // the tokens the first load never reached
        duringRestart.stream()
                .filter(t -> !load.outcomes.containsKey(t))
                .forEach(t -> assertEquals(201, FaultTools.Submissions.submit(platform.gatewayUrl(), t)));
        Set<String> expected = FaultTools.submitted(platform, id);
        assertEquals(SUBMISSIONS, expected.size());
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> published = new HashSet<>();
                    FaultTools.participationEvents(platform, id).forEach(e -> published.add(e[1]));
                    assertEquals(expected, published);
                });
        // the consumers waited for their database instead of parking what they consumed meanwhile
        assertEquals(
                0,
                FaultTools.readTopic(platform, "consultation.events.v1.dlq").stream()
                        .filter(r -> id.equals(r.key()))
                        .count(),
                "events of the consultation dead-lettered");
    }

    static int readiness(Stack stack, App app) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(stack.url(app) + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<Integer, Integer> statuses(FaultTools.Submissions load) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        load.outcomes.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }
}
