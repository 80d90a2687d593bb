package nl.meedoen.localstack;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A REST Assured filter that checks every response from the gateway's {@code /api/} against the merged
 * OpenAPI document ({@link OpenApiContract}) and remembers what does not match; {@link ContractExtension}
 * fails the test with the list. Responses are not changed, so the test's own assertions see the same.
 */
final class ContractFilter implements Filter {

    static final ContractFilter INSTANCE = new ContractFilter();

    private final Set<String> violations = new LinkedHashSet<>();
    private int checked;

    private ContractFilter() {}

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/api/")) {
            return response; // /openapi, /q/health, the example pages: not part of the API's contract
        }
        String contentType = response.getContentType();
        String mediaType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        // Only textual JSON is read here; a PDF or CSV body is only checked for being documented.
        String body = mediaType.contains("json")
                ? response.asString()
                : (response.asByteArray().length == 0 ? "" : "(binary)");
        String gateway = uri.getScheme() + "://" + uri.getRawAuthority();
        List<String> found;
        try {
            found = OpenApiContract.of(gateway)
                    .check(
                            request.getMethod(),
                            uri.getRawPath(),
                            response.getStatusCode(),
                            contentType,
                            response.getHeader("X-Correlation-Id"),
                            body);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            found = List.of(request.getMethod() + " " + uri.getRawPath() + " → " + response.getStatusCode()
                    + ": could not be checked: " + e.getClass().getSimpleName() + " "
                    + message.substring(0, Math.min(300, message.length())));
        }
        synchronized (this) {
            checked++;
            violations.addAll(found);
        }
        return response;
    }

    /** What was found since the last call, and forgets it. */
    synchronized List<String> drain() {
        List<String> list = new ArrayList<>(violations);
        violations.clear();
        return list;
    }

    synchronized int checked() {
        return checked;
    }
}
