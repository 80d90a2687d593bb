package nl.meedoen.commons.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A Content-Type that is no media type is a 415 problem. RESTEasy Reactive parses the header while it
 * chooses between the methods of one path, before any resource runs, and its failure would reach the
 * mappers as an anonymous IllegalArgumentException; checking first keeps that a caller's mistake.
 */
public class ContentTypeCheck {

    @ServerRequestFilter(preMatching = true)
    public Response contentTypeIsAMediaType(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return null;
        }
        try {
            MediaType.valueOf(contentType);
            return null;
        } catch (IllegalArgumentException e) {
            return ProblemMappers.respond(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "the Content-Type header is not a media type",
                    request.getUriInfo(),
                    null);
        }
    }
}
