package dev.colorize.ingest.rest;

import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.ingest.persistence.PublisherRepository;
import dev.colorize.platform.webhook.WebhookSignature;
import dev.colorize.service.auth.ApiKeys;
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
    private final PublisherRepository publishers;
    private final ApiKeyRepository keys;

    public AdminResource(Caller caller, PublisherRepository publishers, ApiKeyRepository keys) {
        this.caller = caller;
        this.publishers = publishers;
        this.keys = keys;
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
        String secret = WebhookSignature.newSecret();
        var created = publishers.create(request.name().trim(), request.defaultWebhookUrl(), secret)
                .orElseThrow(() -> ApiProblemException.conflict("publisher-exists", "A publisher named " + request.name()
                        + " exists"));
        return Response.status(201).entity(new PublisherView(created.id(), created.name(), created.defaultWebhookUrl(),
                created.createdAt(), secret)).build();
    }

    @GET
    @Path("publishers")
    public List<PublisherView> listPublishers() {
        caller.requireAdmin();
        return publishers.list().stream()
                .map(p -> new PublisherView(p.id(), p.name(), p.defaultWebhookUrl(), p.createdAt(), null)).toList();
    }

    @POST
    @Path("publishers/{id}/keys")
    @Operation(summary = "Create an API key for a publisher; the key is shown only in this answer")
    public Response createKey(@PathParam("id") UUID publisherId, NewKey request) {
        caller.requireAdmin();
        publishers.find(publisherId).orElseThrow(() -> ApiProblemException.notFound("Publisher " + publisherId));
        String key = ApiKeys.generate();
        var info = keys.create(publisherId, ApiKeys.prefix(key), ApiKeys.hash(key), request == null ? null : request.label());
        return Response.status(201).entity(view(info, key)).build();
    }

    @GET
    @Path("publishers/{id}/keys")
    public List<KeyView> listKeys(@PathParam("id") UUID publisherId) {
        caller.requireAdmin();
        return keys.list(publisherId).stream().map(k -> view(k, null)).toList();
    }

    @DELETE
    @Path("keys/{keyId}")
    @Operation(summary = "Revoke a key; it stops working at once")
    public Response revokeKey(@PathParam("keyId") UUID keyId) {
        caller.requireAdmin();
        if (!keys.revoke(keyId)) {
            throw ApiProblemException.notFound("Active key " + keyId);
        }
        return Response.noContent().build();
    }

    private static KeyView view(ApiKeyRepository.KeyInfo k, String key) {
        return new KeyView(k.id(), k.publisherId(), k.prefix(), k.label(), k.createdAt(), k.revokedAt(), key);
    }
}
