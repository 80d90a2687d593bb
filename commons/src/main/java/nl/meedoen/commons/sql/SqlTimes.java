package nl.meedoen.commons.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A {@code timestamptz} column of a native query as the driver hands it over, as an {@link OffsetDateTime} (UTC). */
public final class SqlTimes {

    private SqlTimes() {}

    /** null stays null; OffsetDateTime, Instant or java.sql.Timestamp (depending on driver and Hibernate settings) convert. */
    public static OffsetDateTime offset(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
