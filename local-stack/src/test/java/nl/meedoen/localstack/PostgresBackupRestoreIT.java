package nl.meedoen.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local rehearsal of deploy/README.md "Backup and restore": continuous WAL archiving switched on, a base backup
 * taken with PostgreSQL's low-level API ({@code pg_backup_start}, copy the data directory, {@code pg_backup_stop})
 * while respondents submit, more submissions, then the database is lost mid-load and restored from the base backup and
 * the archived WAL (plus the WAL the lost server had not archived yet, as PostgreSQL's documentation says to keep),
 * recovered to the latest state. The services reconnect by themselves. Afterwards: every submission acknowledged
 * before the loss is there, consultation-service's outbox drains, every outbox event is on Kafka, none is parked on the
 * dead-letter topic (the consumers wait for their database), and each of the two consumers (panel-service and
 * recruitment-service, {@code consultation-events}) recorded each event id exactly once and no id the restored outbox
 * does not know. Size: {@code -Dfault.restore.submissions=450}.
 */
@ExtendWith(PlatformExtension.class)
class PostgresBackupRestoreIT {

    static final int SUBMISSIONS = Integer.getInteger("fault.restore.submissions", 450);
    static final List<App> SERVICES = PostgresRestartResilienceIT.SERVICES;
    /** The consumers of consultation.events.v1: database → the name their inbox records ids under. */
    static final Map<String, String> CONSUMERS =
            Map.of("panel", "consultation-events", "recruitment", "consultation-events");
    /** Runtime state PostgreSQL rebuilds at start, left out of a base backup (as pg_basebackup does). */
    static final Set<String> NOT_BACKED_UP = Set.of(
            "pg_wal",
            "pg_replslot",
            "pg_dynshmem",
            "pg_notify",
            "pg_serial",
            "pg_snapshots",
            "pg_stat_tmp",
            "pg_subtrans");

    @Test
    void restoredFromABaseBackupTakenMidLoadNothingAcknowledgedIsLostAndEachEventIsAppliedOnce(Platform platform)
            throws Exception {
        Stack stack = platform.stack();
        Path data = stack.settings().dataDir().resolve("postgres");
        Path rehearsal = stack.settings().dataDir().resolve("backup-rehearsal");
        Path archive = Files.createDirectories(rehearsal.resolve("wal-archive"));
        Path base = rehearsal.resolve("base-backup");
        String id = FaultTools.openSurvey(platform, "PITR-" + Journeys.tag(), SUBMISSIONS);
        Map<String, String> refByToken = FaultTools.tokens(platform, id);
        List<String> tokens = new ArrayList<>(refByToken.keySet());
        List<String> duringBackup = tokens.subList(0, SUBMISSIONS / 3);
        List<String> beforeLoss = tokens.subList(duringBackup.size(), SUBMISSIONS * 5 / 6);
        List<String> afterRestore = tokens.subList(duringBackup.size() + beforeLoss.size(), SUBMISSIONS);
        long t0 = System.nanoTime();

        // 1. Continuous archiving, as CloudNativePG runs it: every finished WAL segment copied out.
        sql(platform, "ALTER SYSTEM SET archive_mode = 'on'");
        sql(
                platform,
                "ALTER SYSTEM SET archive_command = 'test ! -f ''" + archive + "/%f'' && cp %p ''" + archive
                        + "/%f'''");
        stack.startPostgresAgain(); // archive_mode needs a restart (pg_ctl restart)
        awaitServicesReady(stack);
        assertEquals("on", query(platform, "SHOW archive_mode"));

        // 2. A base backup in the middle of the load.
        FaultTools.Submissions first = new FaultTools.Submissions(platform.gatewayUrl(), duringBackup, 4);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.acked() >= duringBackup.size() / 4);
        int ackedAtBackupStart = first.acked();
        baseBackup(platform, data, base);
        int ackedAtBackupEnd = first.acked();
        first.awaitDone();

        // 3. More load; one WAL segment switched into the archive on the way (what archive_timeout does), then the
        // database is lost while requests are in flight.
        FaultTools.Submissions second = new FaultTools.Submissions(platform.gatewayUrl(), beforeLoss, 4);
        await().atMost(Duration.ofSeconds(60)).until(() -> second.acked() >= beforeLoss.size() / 3);
        query(platform, "SELECT pg_switch_wal()::text");
        await().atMost(Duration.ofSeconds(60)).until(() -> second.acked() >= beforeLoss.size() * 2 / 3);
        stack.stopPostgres();
        long lost = System.nanoTime();
        second.stop();
        Set<String> acked = first.tokensWith(s -> s == 201);
        acked.addAll(second.tokensWith(s -> s == 201));

        // 4. Restore: base backup + archived WAL + the lost server's unarchived WAL, recovered to the end.
        restore(data, base, archive);
        stack.startPostgresAgain();
        await("recovery finished")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    try {
                        return "false".equals(query(platform, "SELECT pg_is_in_recovery()::text"));
                    } catch (IllegalStateException notYet) {
                        return false;
                    }
                });
        awaitServicesReady(stack);
        double outage = (System.nanoTime() - lost) / 1e9;
        String recoveryLog = Files.readString(stack.settings().dataDir().resolve("logs/postgres-restart.log"));
        long fromArchive =
                recoveryLog.lines().filter(l -> l.contains("restored log file")).count();
        assertTrue(fromArchive >= 1, "recovery replayed no WAL from the archive:\n" + recoveryLog);
        assertTrue(recoveryLog.contains("archive recovery complete"), recoveryLog);

        // Nothing acknowledged is lost.
        Set<String> stored = FaultTools.submitted(platform, id);
        for (String token : acked) {
            assertTrue(
                    stored.contains(refByToken.get(token)),
                    "acknowledged submission of " + refByToken.get(token) + " lost");
        }
        // What got no answer is retried (stored before the loss: 409; not: 201), then the last third of the load.
        List<String> retry = new ArrayList<>(duringBackup);
        retry.addAll(beforeLoss);
        retry.removeAll(acked);
        for (String token : retry) {
            assertEquals(
                    stored.contains(refByToken.get(token)) ? 409 : 201,
                    FaultTools.Submissions.submit(platform.gatewayUrl(), token),
                    "retry of " + refByToken.get(token));
        }
        FaultTools.Submissions third = new FaultTools.Submissions(platform.gatewayUrl(), afterRestore, 4);
        third.awaitDone();
        assertEquals(afterRestore.size(), third.tokensWith(s -> s == 201).size(), "every write after the restore");
        assertEquals(SUBMISSIONS, FaultTools.submitted(platform, id).size());

        // The outbox drains; every event is on Kafka; each consumer applied each event id once, and no other.
        await("outbox drained")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "0"
                        .equals(FaultTools.column(
                                        platform,
                                        "consultation",
                                        "SELECT count(*) FROM outbox_event WHERE event_key = ? AND published_at IS NULL",
                                        id)
                                .get(0)));
        Set<String> outbox = new HashSet<>(FaultTools.column(
                platform,
                "consultation",
                "SELECT event_id::text FROM outbox_event WHERE event_key = ? AND type = ?",
                id,
                "nl.meedoen.consultation.participation-recorded.v1"));
        assertEquals(SUBMISSIONS, outbox.size(), "one participation event per submission");
        List<String[]> onKafka = FaultTools.participationEvents(platform, id);
        Set<String> kafkaIds = onKafka.stream().map(e -> e[0]).collect(Collectors.toSet());
        assertEquals(Set.of(), difference(outbox, kafkaIds), "outbox events not on Kafka");
        assertEquals(Set.of(), difference(kafkaIds, outbox), "events on Kafka the restored outbox does not know");
        long parked = FaultTools.readTopic(platform, "consultation.events.v1.dlq").stream()
                .filter(r -> id.equals(r.key()))
                .count();
        assertEquals(0, parked, "events of the consultation dead-lettered (consumed while the database was away)");
        Map<String, Integer> applied = new HashMap<>();
        await("consumers caught up")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> CONSUMERS.forEach((database, consumer) -> {
                    List<String> ids = FaultTools.column(
                            platform,
                            database,
                            "SELECT event_id FROM processed_event WHERE consumer = ? AND event_id = ANY (?::text[])",
                            consumer,
                            "{" + String.join(",", kafkaIds) + "}");
                    Set<String> once = new HashSet<>(ids);
                    assertEquals(ids.size(), once.size(), database + " recorded an event id twice");
                    assertEquals(Set.of(), difference(outbox, once), database + " has not applied");
                    applied.put(database, ids.size());
                }));
        System.out.printf(
                "[backup-restore] %d submissions; base backup while %d→%d were acknowledged; %d acknowledged before"
                        + " the loss, all there; %d WAL segments from the archive; services ready %.1f s after the"
                        + " loss; %d events in the outbox, %d records on Kafka (%d republished), applied once each by"
                        + " %s; %.1f s in all%n",
                SUBMISSIONS,
                ackedAtBackupStart,
                ackedAtBackupEnd,
                acked.size(),
                fromArchive,
                outage,
                outbox.size(),
                onKafka.size(),
                onKafka.size() - kafkaIds.size(),
                applied,
                (System.nanoTime() - t0) / 1e9);
    }

    /** What {@code a} holds and {@code b} does not, at most ten of it (so a failure message stays readable). */
    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(e -> !b.contains(e)).limit(10).collect(Collectors.toSet());
    }

    /**
     * A base backup with the low-level API: pg_backup_start (with a fast checkpoint), copy the data directory while the
     * server keeps writing, pg_backup_stop (waits until the WAL the backup needs is archived) and its backup label
     * stored with the copy. One session throughout: a non-exclusive backup ends with its session.
     */
    static void baseBackup(Platform platform, Path data, Path base) throws SQLException, IOException {
        try (Connection c = platform.database("postgres");
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('rehearsal', true)");
            copyTree(data, base, path -> {
                Path relative = data.relativize(path);
                return relative.toString().equals("postmaster.pid")
                        || (relative.getNameCount() > 1
                                && NOT_BACKED_UP.contains(relative.getName(0).toString()));
            });
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                rs.next();
                Files.writeString(base.resolve("backup_label"), rs.getString(1));
            }
        }
    }

    /**
     * PostgreSQL's "Recovering Using a Continuous Archive Backup": keep the lost server's pg_wal (it may hold WAL not
     * archived yet), replace the data directory with the base backup, put the unarchived segments into its pg_wal, set
     * a restore_command and recovery.signal. Archiving stays off on the restored server: the other tests of this
     * platform need none (in production, take a new base backup once it is up).
     */
    static void restore(Path data, Path base, Path archive) throws IOException {
        Path lost = data.resolveSibling("postgres-lost");
        Files.move(data, lost);
        copyTree(base, data, path -> false);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Set<String> archived;
        try (Stream<Path> files = Files.list(archive)) {
            archived = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        try (Stream<Path> wal = Files.list(lost.resolve("pg_wal"))) {
            for (Path segment : wal.filter(f -> f.getFileName().toString().matches("[0-9A-F]{24}"))
                    .filter(f -> !archived.contains(f.getFileName().toString()))
                    .toList()) {
                Files.copy(segment, data.resolve("pg_wal").resolve(segment.getFileName()));
            }
        }
        Path autoConf = data.resolve("postgresql.auto.conf");
        List<String> settings = new ArrayList<>(Files.readAllLines(autoConf).stream()
                .filter(l -> !l.startsWith("archive_"))
                .toList());
        settings.add("restore_command = 'cp ''" + archive + "/%f'' %p'");
        Files.write(autoConf, settings);
        Files.createFile(data.resolve("recovery.signal"));
        deleteTree(lost);
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> skip) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!skip.test(file)) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException removedMeanwhile) {
                        // a file dropped during the backup: WAL replay knows it is gone
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void awaitServicesReady(Stack stack) {
        for (App app : SERVICES) {
            await(app + " ready")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> PostgresRestartResilienceIT.readiness(stack, app) == 200);
        }
    }

    private static void sql(Platform platform, String statement) throws SQLException {
        try (Connection c = platform.database("postgres");
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String query(Platform platform, String sql) {
        return FaultTools.column(platform, "postgres", sql).get(0);
    }
}
