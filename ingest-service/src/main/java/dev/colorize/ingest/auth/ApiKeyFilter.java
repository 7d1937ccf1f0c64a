package dev.colorize.ingest.auth;

import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.rest.BearerKey;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every /v1 request carries "Authorization: Bearer KEY". Keys are looked up by hash on each request,
 * so a revocation takes effect at once. Runs on the resource method's thread (a worker for JDBC).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    private final ApiKeyRepository keys;
    private final Caller caller;

    public ApiKeyFilter(ApiKeyRepository keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!BearerKey.isApiRequest(request)) {
            return;
        }
        BearerKey.of(request).ifPresentOrElse(presented -> keys.findActive(Sha256.digest(presented)).ifPresentOrElse(
                        key -> caller.authenticate(key.publisherId(), key.admin()),
                        () -> request.abortWith(BearerKey.unauthorized("The API key is unknown or revoked"))),
                () -> request.abortWith(BearerKey.unauthorized("Send an API key as Authorization: Bearer <key>")));
    }
}
