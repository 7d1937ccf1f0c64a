package dev.colorize.ingest.auth;

import dev.colorize.rest.BearerKey;
import dev.colorize.service.auth.ApiKeyLookup;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every /v1 request carries "Authorization: Bearer KEY", looked up on each request so a revocation takes effect
 * at once; a disabled publisher's keys count as unknown. Runs on the resource method's thread (a worker for JDBC).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    private final ApiKeyLookup keys;
    private final Caller caller;

    public ApiKeyFilter(ApiKeyLookup keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        BearerKey.authenticate(request, "Send an API key as Authorization: Bearer <key>",
                presented -> keys.find(presented).filter(key -> !key.publisherDisabled()),
                key -> caller.authenticate(key.publisherId(), key.admin()));
    }
}
