package nl.meedoen.commons.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and writes CloudEvents binary-mode Kafka headers; one place for the attribute names. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Extension attribute (lowercase alphanumerics only, per the CloudEvents spec). */
    public static final String CORRELATION_ID = "ce_correlationid";

    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}

    public static void write(Headers headers, CloudEvent event) {
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, event.id());
        put(headers, TYPE, event.type());
        put(headers, SOURCE, event.source());
        put(headers, SUBJECT, event.subject());
        put(headers, TIME, event.time() == null ? null : event.time().toString());
        put(headers, CORRELATION_ID, event.correlationId());
        if (!event.isTombstone()) {
            put(headers, CONTENT_TYPE, "application/json");
        }
    }

    /** Parses a consumed record; throws {@link MalformedEventException} when required attributes are missing. */
    public static CloudEvent read(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String id = get(headers, ID);
        String type = get(headers, TYPE);
        String source = get(headers, SOURCE);
        if (id == null || id.isBlank() || type == null || type.isBlank() || source == null) {
            throw new MalformedEventException("missing CloudEvents attributes ce_id, ce_type or ce_source");
        }
        if (record.key() == null) {
            throw new MalformedEventException("record has no key (the aggregate id)");
        }
        OffsetDateTime time = null;
        String rawTime = get(headers, TIME);
        if (rawTime != null) {
            try {
                time = OffsetDateTime.parse(rawTime);
            } catch (DateTimeParseException e) {
                throw new MalformedEventException("ce_time is not an RFC 3339 timestamp: " + rawTime);
            }
        }
        return new CloudEvent(
                id,
                type,
                source,
                get(headers, SUBJECT),
                time,
                get(headers, CORRELATION_ID),
                record.key(),
                record.value());
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
