package nl.meedoen.commons.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.NoteResource;
import nl.meedoen.commons.outbox.Outbox;
import org.junit.jupiter.api.Test;

/** Values come back from PostgreSQL exactly as they were copied in, whatever characters they hold. */
@QuarkusTest
class CopyRowsTest {

    /** Every character COPY's text format treats specially, and some it must leave alone. */
    static final List<String> AWKWARD = Arrays.asList(
            "back\\slash",
            "tab\there",
            "line\nbreak",
            "carriage\r\nreturn",
            "\\N",
            "\\t and \\n as written",
            "{\"json\": \"with \\\"quotes\\\" and \\\\ escapes\"}",
            "محمد العلي",
            "Łukasz Żółć 🏠",
            "",
            null);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Test
    void valuesComeBackAsWritten() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE copied (n INT, v TEXT)");
            CopyRows rows = new CopyRows(AWKWARD.size());
            for (int i = 0; i < AWKWARD.size(); i++) {
                rows.value(i).value(AWKWARD.get(i)).endRow();
            }
            assertEquals(AWKWARD.size(), rows.into(c, "copied (n, v)"));
            List<String> back = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT v FROM copied ORDER BY n")) {
                while (rs.next()) {
                    back.add(rs.getString(1));
                }
            }
            assertEquals(AWKWARD, back);
        }
    }

    @Test
    void anOutboxBatchKeepsItsOrderAndItsPayloadsExactly() throws Exception {
        String key = UUID.randomUUID().toString();
        List<NoteResource.Note> notes = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size() - 1; i++) {
            notes.add(new NoteResource.Note(i, AWKWARD.get(i)));
        }
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.publishAll(NoteResource.TOPIC, "nl.meedoen.test.note-created.v1", notes, n -> key));
        List<String> expected = new ArrayList<>();
        for (NoteResource.Note note : notes) {
            expected.add(json.writeValueAsString(note));
        }
        List<String> stored = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT payload FROM outbox_event WHERE event_key = ? ORDER BY id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        assertEquals(expected, stored);
    }
}
