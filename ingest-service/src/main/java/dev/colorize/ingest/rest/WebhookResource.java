package dev.colorize.ingest.rest;

import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.service.PublisherAccounts;
import dev.colorize.ingest.webhook.Attempt;
import dev.colorize.ingest.webhook.Delivery;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.colorize.rest.ApiProblemException;

/** The publisher's webhook settings, signing secrets and deliveries. */
@Path("/v1/webhooks")
@Tag(name = "webhooks")
@SecurityRequirement(name = "apiKey")
public class WebhookResource {

    /** v1 default webhook URL (used when a chapter names none); null clears it. */
    public record WebhookSettings(String defaultUrl) {
    }

    /** v1 answer to a rotation: the new secret, and until when the previous one still signs. */
    public record RotatedSecret(String secret, Instant previousExpiresAt) {
    }

    /** v1 delivery with every attempt. */
    public record DeliveryView(UUID id, UUID chapterId, String eventType, String url, String state, int attemptCount,
            Instant nextAttemptAt, Instant createdAt, List<Attempt> attempts) {
    }

    private final Caller caller;
    private final PublisherAccounts accounts;
    private final WebhookDeliveries deliveries;

    public WebhookResource(Caller caller, PublisherAccounts accounts, WebhookDeliveries deliveries) {
        this.caller = caller;
        this.accounts = accounts;
        this.deliveries = deliveries;
    }

    @GET
    @Path("settings")
    @Operation(summary = "The default webhook URL (used when a chapter names none)")
    public WebhookSettings settings() {
        return new WebhookSettings(accounts.defaultWebhookUrl(caller.publisherId()));
    }

    @PUT
    @Path("settings")
    public WebhookSettings updateSettings(WebhookSettings settings) {
        String url = WebhookUrlField.checked(settings == null ? null : settings.defaultUrl());
        accounts.setDefaultWebhookUrl(caller.publisherId(), url);
        return new WebhookSettings(url);
    }

    @POST
    @Path("secret/rotate")
    @Operation(summary = "New signing secret; the previous one keeps signing too until previousExpiresAt")
    public RotatedSecret rotateSecret() {
        var rotated = accounts.rotateSecret(caller.publisherId());
        return new RotatedSecret(rotated.secret(), rotated.previousExpiresAt());
    }

    @GET
    @Path("deliveries")
    @Operation(summary = "Deliveries, newest first, optionally of one chapter, with their attempts")
    public List<DeliveryView> list(@QueryParam("chapterId") UUID chapterId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return deliveries.list(caller.publisherId(), chapterId, Math.max(1, Math.min(limit, 200))).stream()
                .map(this::view).toList();
    }

    @GET
    @Path("deliveries/{id}")
    public DeliveryView get(@PathParam("id") UUID id) {
        return view(deliveries.find(caller.publisherId(), id)
                .orElseThrow(() -> ApiProblemException.notFound("Delivery " + id)));
    }

    @POST
    @Path("deliveries/{id}/resend")
    @Operation(summary = "Send the same event (same webhook-id) again now")
    public Response resend(@PathParam("id") UUID id) {
        if (!deliveries.resend(caller.publisherId(), id)) {
            throw ApiProblemException.notFound("Delivery " + id);
        }
        return Response.accepted().build();
    }

    private DeliveryView view(Delivery d) {
        return new DeliveryView(d.id(), d.chapterId(), d.eventType(), d.url(), d.state(), d.attemptCount(),
                d.nextAttemptAt(), d.createdAt(), deliveries.attempts(d.id()));
    }
}
