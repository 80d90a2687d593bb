package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of consultation-service while respondents submit through the gateway: what a respondent was
 * told succeeded (201) is stored and its participation event reaches Kafka after the restart; a submission
 * that got no answer is either fully there (response and event) or not at all, and a retry tells which.
 * Size: {@code -Dfault.kill.submissions=600}.
 */
@ExtendWith(PlatformExtension.class)
class ConsultationKillFaultIT {

    static final int SUBMISSIONS = Integer.getInteger("fault.kill.submissions", 600);

    @Test
    void everyAcknowledgedSubmissionSurvivesAKillAndReachesKafkaOnce(Platform platform) {
        String id = FaultTools.openSurvey(
                platform, "KILL-" + UUID.randomUUID().toString().substring(0, 8), SUBMISSIONS);
        Map<String, String> refByToken = FaultTools.tokens(platform, id);
        assertEquals(SUBMISSIONS, refByToken.size());

        FaultTools.Submissions load =
                new FaultTools.Submissions(platform.gatewayUrl(), new ArrayList<>(refByToken.keySet()), 4);
        await().atMost(Duration.ofSeconds(120)).until(() -> load.acked() >= SUBMISSIONS / 3);
        try {
            platform.stack().kill(App.CONSULTATION);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> load.failed() >= 8); // the load runs on into the dead service
        } finally {
            load.stop();
            platform.start(App.CONSULTATION);
        }

        Set<String> acked = load.tokensWith(s -> s == 201);
        Set<String> unanswered = load.tokensWith(s -> s != 201);
        Set<String> stored = FaultTools.submitted(platform, id);
        System.out.printf(
                "[kill -9] %d submissions acknowledged, %d without a 2xx (statuses %s), %d stored%n",
                acked.size(), unanswered.size(), statuses(load), stored.size());
        for (String token : acked) {
            assertTrue(
                    stored.contains(refByToken.get(token)),
                    "acknowledged submission of " + refByToken.get(token) + " lost");
        }
        Set<String> attempted = new HashSet<>();
        load.outcomes.keySet().forEach(t -> attempted.add(refByToken.get(t)));
        assertTrue(attempted.containsAll(stored), "stored submissions nobody sent");

        // A respondent without an answer tries again: the service says whether the first attempt got in.
        for (String token : unanswered) {
            int status = FaultTools.Submissions.submit(platform.gatewayUrl(), token);
            assertEquals(
                    stored.contains(refByToken.get(token)) ? 409 : 201, status, "retry of " + refByToken.get(token));
        }
        Set<String> expected = FaultTools.submitted(platform, id);
        assertEquals(
                acked.size() + unanswered.size(),
                expected.size(),
                "after the retries every attempted submission is stored once");

        // Every stored submission's event reaches Kafka (the outbox rows written before the kill too), no other.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> published = new HashSet<>();
                    FaultTools.participationEvents(platform, id).forEach(e -> published.add(e[1]));
                    assertEquals(expected, published);
                });
        List<String[]> events = FaultTools.participationEvents(platform, id);
        Map<String, String> eventIdByRef = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        for (String[] e : events) {
            String earlier = eventIdByRef.putIfAbsent(e[1], e[0]);
            assertTrue(earlier == null || earlier.equals(e[0]), "two different participation events for " + e[1]);
            eventIds.add(e[0]);
        }
        // The relay is at-least-once: a kill between Kafka's ack and the commit republishes that round with the
        // same ce_id, which consumers drop. Report it; never a second event for one submission.
        System.out.printf(
                "[kill -9] %d events on Kafka for %d submissions (%d republished by ce_id)%n",
                events.size(), expected.size(), events.size() - eventIds.size());
    }

    private static Map<Integer, Integer> statuses(FaultTools.Submissions load) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        load.outcomes.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }
}
