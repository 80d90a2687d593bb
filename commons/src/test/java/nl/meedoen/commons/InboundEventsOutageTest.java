package nl.meedoen.commons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.meedoen.commons.inbox.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * What a consumer does not wait for: a consumer whose database is away waits for it instead of parking the event (a real
 * outage: local-stack's PostgresBackupRestoreIT restores PostgreSQL under load and finds nothing parked), but only when
 * the database confirms it is away. A failure of the event's own, a connection error included while the database
 * answers, is retried a bounded number of times and then propagates, so the channel parks it.
 */
@QuarkusTest
class InboundEventsOutageTest {

    @Inject
    InboundEvents inbound;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aConnectionFailureWhileTheDatabaseAnswersIsTheEventsOwnAndPropagatesAfterItsAttempts() throws Exception {
        ConsumerRecord<String, String> record = record();
        AtomicInteger calls = new AtomicInteger();
        // what the driver reports for a refused connection, but the database answers the consumer's own probe: an
        // event that breaks the connection every time must be parked, not waited on for ever
        assertThrows(
                JDBCConnectionException.class,
                () -> inbound.process("outage-test", record, event -> {
                    calls.incrementAndGet();
                    throw new JDBCConnectionException(
                            "Unable to acquire JDBC Connection", new SQLException("Connection refused", "08001"));
                }));
        assertEquals(3, calls.get(), "meedoen.inbox.max-attempts, no waiting");
        assertEquals(0, processed(record), "rolled back: not recorded as processed");
    }

    @Test
    void anyOtherFailurePropagatesAfterItsAttemptsSoTheChannelParksIt() throws Exception {
        ConsumerRecord<String, String> record = record();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                IllegalStateException.class,
                () -> inbound.process("outage-test", record, event -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("a bug in the handler");
                }));
        assertEquals(3, calls.get(), "meedoen.inbox.max-attempts");
        assertEquals(0, processed(record), "rolled back: not recorded as processed");
    }

    private static ConsumerRecord<String, String> record() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("commons.test.outage.v1", 0, 0L, "key", "{}");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "nl.meedoen.commons.test-outage.v1");
        header(record, "ce_source", "urn:meedoen:commons-test");
        return record;
    }

    private static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private int processed(ConsumerRecord<String, String> record) throws SQLException {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "SELECT count(*) FROM processed_event WHERE consumer = 'outage-test' AND event_id = ?")) {
            ps.setString(1, new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
