package dev.colorize.ingest.auth;

import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.ingest.rest.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every /v1 request carries "Authorization: Bearer KEY". Keys are looked up by hash on each request,
 * so a revocation takes effect at once. Runs on the resource method's thread (a worker for JDBC).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyRepository keys;
    private final Caller caller;

    public ApiKeyFilter(ApiKeyRepository keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("Send an API key as Authorization: Bearer <key>"));
            return;
        }
        keys.findActive(ApiKeys.hash(header.substring(BEARER.length()).trim())).ifPresentOrElse(
                key -> caller.authenticate(key.publisherId(), key.admin()),
                () -> request.abortWith(unauthorized("The API key is unknown or revoked")));
    }

    private static Response unauthorized(String detail) {
        return Response.status(401).type(ApiProblem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ApiProblem("unauthorized", "Unauthorized", 401, detail, null, null)).build();
    }
}
