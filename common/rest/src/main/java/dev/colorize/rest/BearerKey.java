package dev.colorize.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** "Authorization: Bearer KEY" as every service reads it, and the 401 it answers without one. */
public final class BearerKey {

    private static final String BEARER = "Bearer ";

    private BearerKey() {
    }

    /** Whether the request is under /v1/, the authenticated API. */
    public static boolean isApiRequest(ContainerRequestContext request) {
        return request.getUriInfo().getPath().startsWith("/v1/");
    }

    /** The presented key, or empty when the header is missing or not a bearer token. */
    public static Optional<String> of(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }

    public static Response unauthorized(String detail) {
        return Response.fromResponse(new ApiProblem("unauthorized", "Unauthorized", 401, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
