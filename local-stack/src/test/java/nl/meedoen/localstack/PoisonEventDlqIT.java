package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record no consumer can ever process (valid CloudEvents headers, garbage JSON) on each consumed topic:
 * each consumer parks it on {@code <topic>.dlq} and goes on with the next record of the same partition
 * (same key), which takes effect.
 */
@ExtendWith(PlatformExtension.class)
class PoisonEventDlqIT {

    static final Duration EFFECT = Duration.ofSeconds(60);

    @Test
    void tenantProfilesPoisonIsParkedByEveryReadModel(Platform platform) {
        String ref = Platform.newTenantRef();
        String poison = poison();
        FaultTools.produce(
                platform,
                List.of(FaultTools.cloudEvent(
                        "tenants.profile.v1", ref, "nl.meedoen.notification.tenant-profile-changed.v1", poison)));

        platform.api()
                .body(Platform.tenantJson(Platform.NEIGHBOURHOOD))
                .put(TenantPropagationIT.TENANT, ref)
                .then()
                .statusCode(201);
        // behind the poison (retried before it is parked): the same patience as the other effects here, not plain
        // propagation's
        TenantPropagationIT.awaitInEveryReadModel(platform, ref, Platform.NEIGHBOURHOOD, EFFECT);
        // consultation-, panel- and recruitment-service each keep the population read model: three copies
        awaitOnDlq(platform, "tenants.profile.v1", poison, 3);
    }

    @Test
    void consultationEventsPoisonIsParkedByPanelService(Platform platform) {
        String consultationId = UUID.randomUUID().toString();
        String poison = poison();
        FaultTools.produce(
                platform,
                List.of(
                        FaultTools.cloudEvent(
                                "consultation.events.v1", consultationId, "nl.meedoen.consultation.opened.v1", poison),
                        FaultTools.cloudEvent(
                                "consultation.events.v1",
                                consultationId,
                                "nl.meedoen.consultation.opened.v1",
                                """
                        {"consultationId":"%s","kind":"SURVEY","anonymity":"PSEUDONYMOUS","initiatorParty":"corporation"}""".formatted(consultationId))));

        await().atMost(EFFECT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(
                        List.of("OPEN"),
                        FaultTools.column(
                                platform,
                                "panel",
                                "SELECT status FROM known_consultation WHERE consultation_id = ?::uuid",
                                consultationId)));
        awaitOnDlq(platform, "consultation.events.v1", poison, 1);
    }

    @Test
    void panelEventsPoisonIsParkedByConsultationService(Platform platform) {
        String panelId = UUID.randomUUID().toString();
        String waveId = UUID.randomUUID().toString();
        String consultationId = platform.api()
                .body("""
                {"kind":"SURVEY","languages":["nl"],"title":{"nl":"Golf"},"anonymity":"PSEUDONYMOUS",
                 "audience":{"type":"PANEL_WAVE","panelId":"%s","waveId":"%s"}}""".formatted(panelId, waveId))
                .post("/api/v1/consultations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String poison = poison();
        FaultTools.produce(
                platform,
                List.of(
                        FaultTools.cloudEvent("panel.events.v1", panelId, "nl.meedoen.panel.wave-launched.v1", poison),
                        FaultTools.cloudEvent(
                                "panel.events.v1", panelId, "nl.meedoen.panel.wave-launched.v1", """
                        {"panelId":"%s","waveId":"%s","consultationId":"%s","tenantRefs":["DLQ-1","DLQ-2"]}""".formatted(
                                                panelId, waveId, consultationId))));

        await().atMost(EFFECT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(
                        List.of("DLQ-1", "DLQ-2"),
                        FaultTools.column(
                                platform,
                                "consultation",
                                "SELECT tenant_ref FROM audience_member WHERE consultation_id = ?::uuid ORDER BY tenant_ref",
                                consultationId)));
        awaitOnDlq(platform, "panel.events.v1", poison, 1);
    }

    @Test
    void messageRequestPoisonIsParkedByNotificationService(Platform platform) {
        String ref = Platform.newTenantRef();
        String requestId = "dlq-test:" + UUID.randomUUID();
        String poison = poison();
        FaultTools.produce(
                platform,
                List.of(
                        FaultTools.cloudEvent(
                                "notification.requests.v1",
                                ref,
                                "nl.meedoen.notification.message-requested.v1",
                                poison),
                        FaultTools.cloudEvent(
                                "notification.requests.v1",
                                ref,
                                "nl.meedoen.notification.message-requested.v1",
                                """
                        {"requestId":"%s","tenantRef":"%s","purpose":"consultation","templateKey":"consultation.invitation",
                         "data":{"consultationTitle":"Test","goal":"Testen","closesOn":"1 januari","invitationUrl":"https://example.nl/t"}}""".formatted(requestId, ref))));

        await().atMost(EFFECT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(
                        List.of(ref),
                        FaultTools.column(
                                platform,
                                "notification",
                                "SELECT tenant_ref FROM delivery WHERE request_id = ?",
                                requestId)));
        awaitOnDlq(platform, "notification.requests.v1", poison, 1);
    }

    @Test
    void optOutPoisonIsParkedByPanelService(Platform platform) {
        String ref = Platform.newTenantRef();
        String poison = poison();
        ProducerRecord<String, String> valid = FaultTools.cloudEvent(
                "notification.events.v1", ref, "nl.meedoen.notification.opted-out.v1", """
                {"tenantRef":"%s","purpose":"panel","status":"OPTED_OUT","occurredAt":"2026-11-26T10:00:00Z"}""".formatted(ref));
        String validId =
                new String(valid.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8);
        FaultTools.produce(
                platform,
                List.of(
                        FaultTools.cloudEvent(
                                "notification.events.v1", ref, "nl.meedoen.notification.opted-out.v1", poison),
                        valid));

        await().atMost(EFFECT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(
                        List.of(validId),
                        FaultTools.column(
                                platform,
                                "panel",
                                "SELECT event_id FROM processed_event WHERE consumer = 'panel-opt-outs' AND event_id = ?",
                                validId)));
        awaitOnDlq(platform, "notification.events.v1", poison, 1);
    }

    /** Unparseable as JSON, unique so its copies on the DLQ can be counted. */
    private static String poison() {
        return "{\"poison\": " + UUID.randomUUID() + " not json";
    }

    private static void awaitOnDlq(Platform platform, String topic, String poison, int copies) {
        await().atMost(EFFECT)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertEquals(
                        copies,
                        FaultTools.readTopic(platform, topic + ".dlq").stream()
                                .filter(r -> poison.equals(r.value()))
                                .count(),
                        "copies of the poison on " + topic + ".dlq"));
    }
}
