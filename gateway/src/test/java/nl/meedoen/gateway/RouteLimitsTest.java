package nl.meedoen.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import nl.meedoen.devinfra.RawHttp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Per-route body limits and timeouts. In tests the default body limit is 4M, {@code tenant-imports} has 6M
 * and a 12 s timeout against the default 3 s (application.properties, %test).
 */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class RouteLimitsTest {

    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    Vertx vertx;

    @Test
    void aContentLengthOverTheRoutesLimitIsRefusedNamingThatLimit() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                gateway,
                "POST /api/v1/tenant-imports HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + TestIssuer.bearer()
                        + "\r\nX-Correlation-Id: big-1\r\nContent-Type: text/csv\r\n"
                        + "Content-Length: " + (6 * MIB + 1));
        assertEquals(413, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals("big-1", response.header(CorrelationId.HEADER));
        assertEquals(
                "https://meedoen.nl/problems/payload-too-large", response.json().getString("type"));
        assertTrue(response.json().getString("detail").contains("6 MiB"), response.body());

        // Other routes keep the default.
        RawHttp.Response other = RawHttp.exchange(
                gateway,
                "POST /api/v1/messages HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: " + TestIssuer.bearer()
                        + "\r\nContent-Length: " + (4 * MIB + 1));
        assertEquals(413, other.status());
        assertTrue(other.json().getString("detail").contains("4 MiB"), other.body());

        // Far over Quarkus' own default (10M), whose check would answer an empty 413 first.
        RawHttp.Response huge = RawHttp.exchange(
                gateway,
                "POST /api/v1/tenant-imports HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: " + TestIssuer.bearer()
                        + "\r\nX-Correlation-Id: big-2\r\nContent-Length: 2000000000");
        assertEquals(413, huge.status());
        assertEquals("big-2", huge.json().getString("correlationId"));
        assertTrue(huge.json().getString("detail").contains("6 MiB"), huge.body());
    }

    @Test
    void aBodyOverTheDefaultButWithinTheRoutesLimitIsForwardedWhole() {
        byte[] body = new byte[5 * MIB];
        Arrays.fill(body, (byte) 'x');
        int before = FakeServices.UPLOADS.size();
        given().header("Authorization", TestIssuer.bearer())
                .contentType("text/csv")
                .body(body)
                .when()
                .post("/api/v1/tenant-imports/upload")
                .then()
                .statusCode(200)
                .body("service", equalTo("notification"));
        assertEquals("complete:" + body.length, FakeServices.UPLOADS.get(before));
    }

    @Test
    void aChunkedBodyWithinTheLimitStreamsThrough() throws Exception {
        int before = FakeServices.UPLOADS.size();
        // An InputStream of unknown length: sent chunked, without Content-Length.
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/api/v1/tenant-imports/upload"))
                                .header("Authorization", TestIssuer.bearer())
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(new byte[5 * MIB])))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("complete:" + 5 * MIB, FakeServices.UPLOADS.get(before));
    }

    @Test
    void anHttp2BodyWithoutLengthReachesTheServiceWhole() throws Exception {
        int before = FakeServices.UPLOADS.size();
        // HTTP/2 with prior knowledge (h2c): DATA frames, no Content-Length; the service speaks HTTP/1.1.
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            HttpClientResponse response = client.request(
                            HttpMethod.POST, gateway.getPort(), gateway.getHost(), "/api/v1/tenant-imports/upload")
                    .compose(request -> {
                        request.putHeader("Authorization", TestIssuer.bearer())
                                .putHeader("Content-Type", "text/csv")
                                .setChunked(true); // over HTTP/2: no Content-Length, DATA frames only
                        for (int i = 0; i < 80; i++) {
                            request.write(Buffer.buffer(new byte[64 * 1024]));
                        }
                        return request.end().compose(v -> request.response());
                    })
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(HttpVersion.HTTP_2, response.version());
            assertEquals(200, response.statusCode());
        } finally {
            client.close();
        }
        assertEquals("complete:" + 5 * MIB, FakeServices.UPLOADS.get(before));
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413AndTheServiceSeesABrokenUpload() throws IOException {
        int before = FakeServices.UPLOADS.size();
        RawHttp.Response response = RawHttp.exchange(
                gateway,
                null,
                "POST /api/v1/tenant-imports/upload HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + TestIssuer.bearer()
                        + "\r\nX-Correlation-Id: chunked-1\r\nContent-Type: text/csv\r\n"
                        + "Transfer-Encoding: chunked",
                RouteLimitsTest::chunks);
        assertEquals(413, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals("chunked-1", response.header(CorrelationId.HEADER));
        assertEquals("chunked-1", response.json().getString("correlationId"));
        assertTrue(response.json().getString("detail").contains("6 MiB"), response.body());
        // The service got the first 6 MiB at most, and an upload broken off rather than a short one that ends well.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> FakeServices.UPLOADS.size() > before);
        String upload = FakeServices.UPLOADS.get(before);
        assertTrue(upload.startsWith("aborted:"), upload);
        assertTrue(Long.parseLong(upload.substring(8)) <= 6 * MIB, upload);
    }

    /** Up to 12 MiB in 64 KiB chunks, until the gateway stops listening. */
    private static void chunks(OutputStream out) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < 12 * 16; i++) {
                out.write(size);
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the gateway closed the connection after its 413: expected
        }
    }

    @Test
    void aRouteWithALongerTimeoutWaitsForASlowService() {
        // The fake sleeps 5 s: over the default 3 s (see ReverseProxyTest), within the route's 12 s.
        given().header("Authorization", TestIssuer.bearer())
                .when()
                .get("/api/v1/tenant-imports/slow")
                .then()
                .statusCode(200)
                .body("path", equalTo("/api/v1/tenant-imports/slow"));
    }

    private String base() {
        return gateway.toString().replaceAll("/$", "");
    }
}
