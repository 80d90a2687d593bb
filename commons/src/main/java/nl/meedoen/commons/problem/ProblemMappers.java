package nl.meedoen.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import nl.meedoen.commons.correlation.CorrelationId;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into RFC 9457 responses. Caller mistakes become 4xx with a
 * field list; anything unexpected becomes a bare 500 (logged here, never with a stack trace in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.type(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        // RFC 9110: a well-formed body whose values break a rule is 422; a bad query/path/header parameter is 400
        int status = e.getConstraintViolations().stream().anyMatch(ProblemMappers::inBody) ? 422 : 400;
        return respond(status, "validation", "Request is not valid", detail, uri, errors);
    }

    /** A body's violations sit on a property (or class) of the @Valid bean; a parameter's stop at the parameter. */
    private static boolean inBody(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.BEAN) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = pathOf(e);
        return respond(
                400,
                "validation",
                "Request is not valid",
                "unknown property '" + field + "'",
                uri,
                List.of(new Problem.FieldError(field, "unknown property")));
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        String field = pathOf(e);
        String expected =
                e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return respond(
                400,
                "validation",
                "Request is not valid",
                field + ": expected " + expected,
                uri,
                List.of(new Problem.FieldError(field, "expected " + expected)));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(
                    400,
                    "malformed-json",
                    "Malformed JSON",
                    "the request body is not the expected JSON document",
                    uri,
                    null);
        }
        return respond(
                400,
                "validation",
                "Request is not valid",
                field + ": wrong type or shape",
                uri,
                List.of(new Problem.FieldError(field, "wrong type or shape")));
    }

    /** Declared for its own type too, or Quarkus' built-in mapper (an empty 400) would win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON", uri, null);
    }

    @ServerExceptionMapper
    public Response staleWrite(OptimisticLockException e, UriInfo uri) {
        return respond(
                409,
                "conflict",
                "Conflict",
                "the resource was changed concurrently; read it again and retry",
                uri,
                null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response.ResponseBuilder builder = builder(
                401, "unauthenticated", "Authentication required", "a valid bearer token is required", uri, null);
        return builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "your role may not perform this operation", uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof UnrecognizedPropertyException cause) {
            return unknownProperty(cause, uri);
        }
        if (e.getCause() instanceof InvalidFormatException cause) {
            return wrongType(cause, uri);
        }
        if (e.getCause() instanceof JsonMappingException cause) {
            return unreadable(cause, uri);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return malformed(cause, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(status, "internal", "Internal error", null, uri, null);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String title = Response.Status.fromStatusCode(status) == null
                ? family.name()
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, title.toLowerCase().replace(' ', '-'), title, e.getMessage(), uri, null);
    }

    /**
     * SQLSTATEs of PostgreSQL refusing a value it cannot store (U+0000 in text, an over-long string, a number
     * out of range): a caller's input that validation let through, so a 400, not a 500.
     */
    private static final java.util.Map<String, String> UNSTORABLE = java.util.Map.of(
            "22021", "contains a character that cannot be stored (such as U+0000)",
            "22P05", "contains a character that cannot be stored",
            "22001", "holds a value that is too long",
            "22003", "holds a number out of range");

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String sqlState = sqlStateOf(e);
        if (sqlState != null && CONCURRENT_WRITE_STATES.contains(sqlState)) { // Set.of(...).contains(null) throws
            // two requests raced past the same check (e.g. "exists already?"); the database kept one, the other may
            // retry
            LOG.infof("concurrent write refused by the database (SQLState %s): %s", sqlState, e.getMessage());
            return respond(
                    409,
                    "conflict",
                    "Conflict",
                    "a concurrent request changed the same resource; read it again and retry",
                    uri,
                    null);
        }
        if (databaseUnavailable(e)) {
            // connection exception, or the server shutting down / starting up: not the request's fault, worth a retry
            LOG.warnf("database unavailable (SQLState %s): %s", sqlState, e.toString());
            return builder(
                            503,
                            "unavailable",
                            "Service unavailable",
                            "the database is not reachable right now; retry shortly",
                            uri,
                            null)
                    .header(HttpHeaders.RETRY_AFTER, "2")
                    .build();
        }
        if (sqlState != null && UNSTORABLE.containsKey(sqlState)) {
            LOG.warnf("input refused by the database (SQLSTATE %s); validation should catch it earlier", sqlState);
            return respond(
                    400,
                    "unstorable-value",
                    "Request is not valid",
                    "the request " + UNSTORABLE.get(sqlState),
                    uri,
                    null);
        }
        LOG.error("unexpected failure", e);
        return respond(
                500,
                "internal",
                "Internal error",
                "the request could not be completed; quote the correlation id",
                uri,
                null);
    }

    /** Whether the failure is the database being unreachable, shutting down or starting up (SQLState class 08, 57P). */
    public static boolean databaseUnavailable(Throwable e) {
        String sqlState = sqlStateOf(e);
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    /** unique_violation, serialization_failure, deadlock_detected: outcomes of a race, not of a broken service. */
    private static final java.util.Set<String> CONCURRENT_WRITE_STATES = java.util.Set.of("23505", "40001", "40P01");

    /** The first SQLState in the causes, including suppressed ones: a failed commit hides the driver's error there. */
    private static String sqlStateOf(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                String state = sqlStateOf(suppressed);
                if (state != null) {
                    return state;
                }
            }
        }
        return null;
    }

    public static Response respond(
            int status, String type, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return builder(status, type, title, detail, uri, errors).build();
    }

    private static Response.ResponseBuilder builder(
            int status, String type, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem problem = new Problem(
                Problem.TYPE_BASE + type,
                title,
                status,
                detail,
                uri == null ? null : uri.getRequestUri().getRawPath(),
                CorrelationId.current(),
                errors == null || errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** {@code upsert.request.address.postcode} → {@code address.postcode}: drop the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            index++;
            if (node.getKind() == jakarta.validation.ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == jakarta.validation.ElementKind.PARAMETER && index == 2) {
                // the body parameter's own name says nothing to the caller; a query/path parameter's does
                if (violation.getPropertyPath().toString().split("\\.").length > 2) {
                    continue;
                }
            }
            if (!field.isEmpty() && node.getName() != null) {
                field.append('.');
            }
            if (node.getName() != null) {
                field.append(node.getName());
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
