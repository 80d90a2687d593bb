package nl.meedoen.panel;

import static nl.meedoen.panel.PanelTests.as;
import static nl.meedoen.panel.PanelTests.sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Scale benchmark on the real PostgreSQL, through HTTP: launching a 1,000-member wave from a
 * 20,000-member panel stratified by 5 attributes (fatigue cap, cooldown and interests in play), and
 * panel health of that panel. Not part of the test suite (the name matches no surefire pattern);
 * see benchmarks/panel/README.md for how to run it and benchmarks/panel/RESULTS.md for figures.
 */
@QuarkusTest
class PanelScaleBenchmark {

    static final int MEMBERS = Integer.getInteger("bench.members", 20_000);
    static final int SIZE = Integer.getInteger("bench.size", 1_000);
    static final int RUNS = Integer.getInteger("bench.runs", 10);

    @Test
    void waveLaunchAndHealthAtScale() throws Exception {
        String prefix = "B" + UUID.randomUUID().toString().substring(0, 6) + "-";
        // 20,000 tenants, skewed over 5 attributes (deterministic: derived from the row number)
        sql("""
                INSERT INTO population_member (tenant_ref, complex_id, neighbourhood_code, age_band, household_type, dwelling_type,
                                               tenancy_band, language, household_key, updated_at)
                SELECT ?1 || i, 'C-' || (i % 200),
                       'BU0344' || lpad(((abs(hashtext('n' || i)) % 1600) ^ 0.5)::int::text, 4, '0'),
                       (ARRAY['18-34','35-49','50-64','65-79','80+','under-18'])[1 + (abs(hashtext('a' || i)) % 21) / 5 % 6],
                       (ARRAY['SINGLE','COUPLE','FAMILY_WITH_CHILDREN','SINGLE_PARENT','SHARED','OTHER'])[1 + abs(hashtext('h' || i)) % 6],
                       (ARRAY['APARTMENT','APARTMENT','SINGLE_FAMILY_HOUSE','SENIOR_HOUSING','STUDENT_ROOM'])[1 + abs(hashtext('d' || i)) % 5],
                       (ARRAY['0-1','2-4','5-9','10-19','20+'])[1 + abs(hashtext('t' || i)) % 5], 'nl', md5(i::text), now()
                FROM generate_series(1, ?2) AS i""", prefix, MEMBERS);
        String panel = as("corporation")
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Benchmark panel","purpose":"scale","coOwnerParty":"tenant-organisation","tenantOrganisation":"tenant-organisation-client",
                         "targetSize":25000,"strata":["ageBand","householdType","dwellingType","tenancyBand","neighbourhoodCode"],
                         "targetComposition":{"ageBand":{"under-18":0.02,"18-34":0.28,"35-49":0.25,"50-64":0.2,"65-79":0.15,"80+":0.1}},
                         "fatigueCap":4,"cooldownDays":30,"consentText":"Ik doe mee."}""")
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        UUID panelId = UUID.fromString(panel);
        sql("""
                INSERT INTO panel_member (id, panel_id, tenant_ref, status, joined_at, consent_version, consented_at, consent_channel, version)
                SELECT gen_random_uuid(), ?1, tenant_ref, 'ACTIVE', now() - interval '400 days', 1, now() - interval '400 days', 'ONLINE', 0
                FROM population_member WHERE tenant_ref LIKE ?2""", panelId, prefix + "%");
        String theme = PanelTests.signedTheme(panel, "Benchmark");
        sql("""
                INSERT INTO member_interest (panel_id, tenant_ref, theme_id)
                SELECT ?1, tenant_ref, ?2 FROM panel_member WHERE panel_id = ?1 AND abs(hashtext(tenant_ref)) % 10 < 3""", panelId, UUID.fromString(theme));
        // history: four earlier waves in the last year (so fatigue and cooldown filter for real), 40% responded
        for (int w = 0; w < 4; w++) {
            UUID wave = UUID.randomUUID();
            sql("""
                    INSERT INTO wave (id, panel_id, consultation_id, theme_id, title, size, status, aligned, asking_party, launched_by, launched_at,
                                      cooldown_days, fatigue_cap, eligible, seed, closed_at)
                    VALUES (?1, ?2, gen_random_uuid(), ?3, 'earlier', 5000, 'CLOSED', true, 'corporation', 'bench', now() - (?4 || ' days')::interval,
                            30, 4, 20000, 0, now())""", wave, panelId, UUID.fromString(theme), String.valueOf(20 + 80 * w));
            sql("""
                    INSERT INTO wave_member (wave_id, panel_id, tenant_ref, invited_at, responded_at)
                    SELECT ?1, ?2, tenant_ref, now() - (?3 || ' days')::interval,
                           CASE WHEN abs(hashtext(tenant_ref || ?3)) % 10 < 4 THEN now() END
                    FROM panel_member WHERE panel_id = ?2 AND abs(hashtext(tenant_ref || 'w' || ?3)) % 100 < 30""", wave, panelId, String.valueOf(20 + 80 * w));
        }
        sql("ANALYZE");

        StringBuilder out = new StringBuilder();
        out.append("members=%d, wave size=%d, strata=5, runs=%d, load average at start %.1f%n"
                .formatted(
                        MEMBERS,
                        SIZE,
                        RUNS,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage()));
        // warm-up: one preview (same sampling path, no writes)
        for (int i = 0; i < 15; i++) {
            as("corporation")
                    .contentType(ContentType.JSON)
                    .body(body(theme))
                    .post("/api/v1/panels/" + panel + "/waves/preview")
                    .then()
                    .statusCode(200);
            as("corporation").get("/api/v1/panels/" + panel + "/health").then().statusCode(200);
        }
        long[] preview = time(() -> as("corporation")
                .contentType(ContentType.JSON)
                .body(body(theme))
                .post("/api/v1/panels/" + panel + "/waves/preview")
                .then()
                .statusCode(200));
        out.append(line("wave preview (load 20k candidates + sample, no writes)", preview));
        long[] launch = time(() -> as("corporation")
                .contentType(ContentType.JSON)
                .body(body(theme))
                .post("/api/v1/panels/" + panel + "/waves")
                .then()
                .statusCode(201));
        out.append(line("wave launch (load + sample + write 1,000 + outbox event)", launch));
        long[] health = time(() -> as("corporation")
                .get("/api/v1/panels/" + panel + "/health")
                .then()
                .statusCode(200));
        out.append(line("panel health (20k members, " + (4 + RUNS) + " waves)", health));
        var sample = as("corporation")
                .contentType(ContentType.JSON)
                .body(body(theme))
                .post("/api/v1/panels/" + panel + "/waves/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        out.append("last preview: eligible=%d sampled=%d interested=%d%n"
                .formatted(sample.getInt("eligible"), sample.getInt("sampled"), sample.getInt("interested")));
        System.out.println("\n=== panel benchmark ===\n" + out);
        Files.writeString(Path.of("target", "panel-benchmark.txt"), out.toString());
    }

    static String body(String theme) {
        return "{\"consultationId\":\"%s\",\"themeId\":\"%s\",\"size\":%d}".formatted(UUID.randomUUID(), theme, SIZE);
    }

    /** Wall times of RUNS calls (sorted), and the last element: CPU per call (this JVM + its PostgreSQL). */
    static long[] time(Runnable call) {
        long[] nanos = new long[RUNS + 1];
        long pg0 = postgresNanos();
        long cpu0 = cpuNanos();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t0;
        }
        nanos[RUNS] = (cpuNanos() - cpu0) / RUNS;
        System.out.printf(
                "CPU per call: PostgreSQL %d ms of %d ms%n",
                (postgresNanos() - pg0) / RUNS / 1_000_000, nanos[RUNS] / 1_000_000);
        Arrays.sort(nanos, 0, RUNS);
        return nanos;
    }

    static String line(String what, long[] nanos) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            all.add("%.0f".formatted(nanos[i] / 1e6));
        }
        return "%s: wall median %.0f ms, max %.0f ms (all: %s); CPU per call %.0f ms%n"
                .formatted(what, nanos[RUNS / 2] / 1e6, nanos[RUNS - 1] / 1e6, all, nanos[RUNS] / 1e6);
    }

    /**
     * CPU used so far by this JVM (service, test client and in-JVM Kafka) plus this JVM's PostgreSQL
     * (its postmaster and backends, from /proc): unlike wall time, it hardly depends on what else
     * the machine runs.
     */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                + postgresNanos();
    }

    static long postgresNanos() {
        String marker = "meedoen-test-infra-" + ProcessHandle.current().pid();
        long ticks = 0;
        for (ProcessHandle postmaster : ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains("postgres") && c.contains(marker))
                        .orElse(false))
                .toList()) {
            ticks += ticks(postmaster.pid());
            for (ProcessHandle child : postmaster.descendants().toList()) {
                ticks += ticks(child.pid());
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (Exception e) {
            return 0;
        }
    }
}
