package nl.meedoen.consultation.response;

import static nl.meedoen.consultation.Api.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import nl.meedoen.consultation.Api;
import nl.meedoen.consultation.schedule.ConsultationScheduler;
import org.junit.jupiter.api.Test;

/** Retention of pseudonymous response links (meedoen.consultation.response-link-retention, 180 days by default). */
@QuarkusTest
class ResponseLinkRetentionTest {

    @Inject
    AgroalDataSource db;

    @Inject
    ConsultationScheduler scheduler;

    @Test
    void linksOfConsultationsClosedLongerThanTheRetentionAreDeletedAndTheResponsesKept() throws Exception {
        String old = respondedPseudonymously("old");
        String recent = respondedPseudonymously("recent");
        update("UPDATE consultation SET closed_at = now() - interval '181 days' WHERE id = '" + old + "'");
        update("UPDATE consultation SET closed_at = now() - interval '1 day' WHERE id = '" + recent + "'");

        scheduler.dropExpiredResponseLinks();

        assertEquals(0, links(old), "the old consultation's responses are no longer linked to invitations");
        assertEquals(
                1,
                count("SELECT count(*) FROM response WHERE consultation_id = '" + old + "'"),
                "the answers themselves stay");
        assertEquals(1, links(recent), "within the retention period the link stays");
    }

    private String respondedPseudonymously(String suffix) {
        List<String> refs = List.of(Api.prefix() + "-" + suffix);
        String id = Api.ready("SURVEY", Api.SURVEY, Api.list(refs), "PSEUDONYMOUS");
        String token = Api.openAndCollectTokens(id, refs).get(refs.get(0));
        submit(token, RespondingTest.VALID).then().statusCode(201);
        return id;
    }

    private long links(String consultation) throws Exception {
        return count(
                "SELECT count(*) FROM response_link l JOIN response r ON r.id = l.response_id WHERE r.consultation_id = '"
                        + consultation + "'");
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
