package nl.meedoen.commons.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoredJsonTest {

    record Signed(String party, OffsetDateTime at) {}

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneOffset.UTC);

    @Test
    void timesAreWrittenAsIsoTextAndReadBack() {
        String json = StoredJson.write(new Signed("corporation", AT));
        assertEquals("{\"party\":\"corporation\",\"at\":\"2026-12-06T09:30:00Z\"}", json);
        assertEquals(AT.toInstant(), StoredJson.read(json, Signed.class).at().toInstant());
    }

    @Test
    void nullIsStoredAsSqlNull() {
        assertEquals(null, StoredJson.write(null));
        assertEquals(null, StoredJson.read(null, Signed.class));
    }

    @Test
    void rowsWrittenByEarlierVersionsStillRead() {
        // numeric timestamps (recruitment's earlier mapper) and a field this version no longer has
        Signed old = StoredJson.read(
                "{\"party\":\"tenant-organisation\",\"at\":1796549400.000000000,\"gone\":true}",
                new TypeReference<>() {});
        assertEquals("tenant-organisation", old.party());
        assertEquals(AT.toInstant(), old.at().toInstant());
    }
}
