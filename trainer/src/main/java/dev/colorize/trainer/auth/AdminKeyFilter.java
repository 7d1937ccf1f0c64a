package dev.colorize.trainer.auth;

import dev.colorize.rest.ApiProblemException;
import dev.colorize.rest.BearerKey;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every /v1 request of the trainer is an admin's: "Authorization: Bearer KEY" with an admin key from
 * api_keys (looked up on each request, so a revocation takes effect at once) or the bootstrap key.
 * A valid publisher key gets 403, anything else 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    private final AdminKeys keys;
    private final Admin admin;

    public AdminKeyFilter(AdminKeys keys, Admin admin) {
        this.keys = keys;
        this.admin = admin;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        BearerKey.authenticate(request, "Send an admin API key as Authorization: Bearer <key>", keys::find, holder -> {
            if (holder.admin()) {
                admin.authenticate(holder.actor());
            } else {
                request.abortWith(ApiProblemException.forbidden("The trainer's API needs an admin API key")
                        .problem().toResponse());
            }
        });
    }
}
