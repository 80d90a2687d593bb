package nl.meedoen.panel.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver (protobuf encoding) on a free local port: it answers every
 * export with success and keeps the request bodies, which {@link #spans()} decodes.
 *
 * <p>Started once per JVM, by the test profile (its port goes into the application's config). The
 * bodies are kept as files in a directory named by a system property, because Quarkus may load the
 * profile and the test class in different class loaders (each with its own static fields).
 */
final class OtlpReceiver {

    private static final String BODIES = "meedoen.test.otlp-bodies-dir";
    private static final String ENDPOINT = "meedoen.test.otlp-endpoint";

    /** One received span; ids in lowercase hex, parent empty for a root. */
    record CollectedSpan(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String kind,
            Map<String, String> attributes) {}

    private OtlpReceiver() {}

    /** The receiver's base URL (the exporter appends {@code /v1/traces}), starting it on the first call. */
    static synchronized String endpoint() {
        String endpoint = System.getProperty(ENDPOINT);
        if (endpoint != null) {
            return endpoint;
        }
        AtomicInteger received = new AtomicInteger();
        byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        try {
            Path bodies = Files.createTempDirectory("otlp-bodies");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    boolean gzip =
                            "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                    Files.write(
                            bodies.resolve(String.format("%06d.pb", received.incrementAndGet())),
                            (gzip ? new GZIPInputStream(in) : in).readAllBytes());
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ok);
                }
            });
            server.start(); // daemon-like: the JVM of the test run ends it
            endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            System.setProperty(BODIES, bodies.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(ENDPOINT, endpoint);
        return endpoint;
    }

    /** Every span received so far. */
    static List<CollectedSpan> spans() {
        List<CollectedSpan> spans = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        List<Path> bodies;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty(BODIES)))) {
            bodies = files.filter(f -> f.toString().endsWith(".pb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path body : bodies) {
            try {
                for (var resource : ExportTraceServiceRequest.parseFrom(Files.readAllBytes(body))
                        .getResourceSpansList()) {
                    for (var scope : resource.getScopeSpansList()) {
                        for (var span : scope.getSpansList()) {
                            spans.add(new CollectedSpan(
                                    hex.formatHex(span.getTraceId().toByteArray()),
                                    hex.formatHex(span.getSpanId().toByteArray()),
                                    hex.formatHex(span.getParentSpanId().toByteArray()),
                                    span.getName(),
                                    span.getKind().name(),
                                    span.getAttributesList().stream()
                                            .collect(Collectors.toMap(
                                                    KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b))));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spans;
    }

    private static String text(io.opentelemetry.proto.common.v1.AnyValue value) {
        return value.hasStringValue()
                ? value.getStringValue()
                : value.hasIntValue()
                        ? Long.toString(value.getIntValue())
                        : value.toString().trim();
    }

    static Map<String, CollectedSpan> byId(List<CollectedSpan> spans) {
        return spans.stream().collect(Collectors.toMap(CollectedSpan::spanId, Function.identity(), (a, b) -> a));
    }
}
