package nl.meedoen.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON requests to the gateway under one bearer token, each expecting one status: how the survey seed and the
 * benchmarks set up their data. A status other than the expected one is an exception naming the request and the body.
 */
public final class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String gatewayUrl;
    private final String authorization;
    private final Duration timeout;

    public GatewayClient(String gatewayUrl, String token, Duration timeout) {
        this.gatewayUrl = gatewayUrl.replaceAll("/+$", "");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    /** @return the body of a response with the expected status */
    public String send(String method, String path, String json, String ifMatch, int expected) {
        HttpResponse<String> response = exchange(method, path, json, ifMatch);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " (expected "
                    + expected + "): " + response.body());
        }
        return response.body();
    }

    /** The current ETag of a resource (for If-Match). */
    public String etag(String path) {
        HttpResponse<String> response = exchange("GET", path, null, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("no ETag on " + path));
    }

    private HttpResponse<String> exchange(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    method + " " + gatewayUrl + path + " failed (is the platform running?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
