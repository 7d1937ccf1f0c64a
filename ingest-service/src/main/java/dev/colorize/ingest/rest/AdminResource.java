package dev.colorize.ingest.rest;

import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.ingest.service.PublisherAccounts;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.colorize.rest.ApiProblemException;

/** Admin keys only: publishers and their API keys. */
@Path("/v1/admin")
@Tag(name = "admin")
@SecurityRequirement(name = "apiKey")
public class AdminResource {

    /** v1 request to register a publisher. */
    public record NewPublisher(String name, String defaultWebhookUrl) {
    }

    /** v1 publisher; webhookSecret only in the answer to its creation. */
    public record PublisherView(UUID id, String name, String defaultWebhookUrl, Instant createdAt, String webhookSecret) {
    }

    /** v1 request for a key. */
    public record NewKey(String label) {
    }

    /** v1 key; key (the secret) only in the answer to its creation, never again. */
    public record KeyView(UUID id, UUID publisherId, String prefix, String label, Instant createdAt, Instant revokedAt,
            String key) {
    }

    private final Caller caller;
    private final PublisherAccounts accounts;

    public AdminResource(Caller caller, PublisherAccounts accounts) {
        this.caller = caller;
        this.accounts = accounts;
    }

    @POST
    @Path("publishers")
    @Operation(summary = "Register a publisher; answers its first webhook signing secret")
    public Response createPublisher(NewPublisher request) {
        caller.requireAdmin();
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw ApiProblemException.badRequest("invalid-publisher", "name is required");
        }
        WebhookUrlField.checked(request.defaultWebhookUrl());
        var created = accounts.register(request.name().trim(), request.defaultWebhookUrl());
        var p = created.publisher();
        return Response.status(201).entity(new PublisherView(p.id(), p.name(), p.defaultWebhookUrl(), p.createdAt(),
                created.webhookSecret())).build();
    }

    @GET
    @Path("publishers")
    public List<PublisherView> listPublishers() {
        caller.requireAdmin();
        return accounts.publishers().stream()
                .map(p -> new PublisherView(p.id(), p.name(), p.defaultWebhookUrl(), p.createdAt(), null)).toList();
    }

    @POST
    @Path("publishers/{id}/keys")
    @Operation(summary = "Create an API key for a publisher; the key is shown only in this answer")
    public Response createKey(@PathParam("id") UUID publisherId, NewKey request) {
        caller.requireAdmin();
        var created = accounts.createKey(publisherId, request == null ? null : request.label());
        return Response.status(201).entity(view(created.info(), created.key())).build();
    }

    @GET
    @Path("publishers/{id}/keys")
    public List<KeyView> listKeys(@PathParam("id") UUID publisherId) {
        caller.requireAdmin();
        return accounts.keys(publisherId).stream().map(k -> view(k, null)).toList();
    }

    @DELETE
    @Path("keys/{keyId}")
    @Operation(summary = "Revoke a key; it stops working at once")
    public Response revokeKey(@PathParam("keyId") UUID keyId) {
        caller.requireAdmin();
        accounts.revokeKey(keyId);
        return Response.noContent().build();
    }

    private static KeyView view(ApiKeyRepository.KeyInfo k, String key) {
        return new KeyView(k.id(), k.publisherId(), k.prefix(), k.label(), k.createdAt(), k.revokedAt(), key);
    }
}
