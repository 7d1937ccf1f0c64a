package dev.colorize.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** "Authorization: Bearer KEY" as every service reads it, and the 401 it answers without one. */
public final class BearerKey {

    private static final String BEARER = "Bearer ";

    private BearerKey() {
    }

    /**
     * Authenticates a request under /v1/, the authenticated API: {@code find} looks the presented key up and
     * {@code accept} applies the service's rules to the key found (and may still refuse it); no key, or one
     * {@code find} does not know, is a 401.
     */
    public static <K> void authenticate(ContainerRequestContext request, String missingKeyDetail,
            Function<String, Optional<K>> find, Consumer<K> accept) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        presented(request).ifPresentOrElse(key -> find.apply(key).ifPresentOrElse(accept,
                        () -> request.abortWith(unauthorized("The API key is unknown or revoked"))),
                () -> request.abortWith(unauthorized(missingKeyDetail)));
    }

    /** The presented key, or empty when the header is missing or not a bearer token. */
    private static Optional<String> presented(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(new ApiProblem("unauthorized", "Unauthorized", 401, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
