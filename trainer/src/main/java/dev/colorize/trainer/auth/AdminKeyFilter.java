package dev.colorize.trainer.auth;

import dev.colorize.trainer.rest.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every /v1 request of the trainer is an admin's: "Authorization: Bearer KEY" with an admin key from
 * api_keys (looked up on each request, so a revocation takes effect at once) or the bootstrap key.
 * A valid publisher key gets 403, anything else 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AdminKeys keys;
    private final Admin admin;

    public AdminKeyFilter(AdminKeys keys, Admin admin) {
        this.keys = keys;
        this.admin = admin;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("Send an admin API key as Authorization: Bearer <key>"));
            return;
        }
        keys.find(header.substring(BEARER.length()).trim()).ifPresentOrElse(holder -> {
            if (holder.admin()) {
                admin.authenticate(holder.actor());
            } else {
                request.abortWith(new ApiProblem("forbidden", "Forbidden", 403,
                        "The trainer's API needs an admin API key").toResponse());
            }
        }, () -> request.abortWith(unauthorized("The API key is unknown or revoked")));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(new ApiProblem("unauthorized", "Unauthorized", 401, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
