package dev.colorize.ingest.rest;

import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.ingest.service.ChapterEvents;
import dev.colorize.ingest.service.ChapterRemoval;
import dev.colorize.ingest.service.ChapterResults;
import dev.colorize.ingest.service.ChapterUploads;
import dev.colorize.ingest.service.PageLayer;
import dev.colorize.ingest.service.PublisherChapters;
import dev.colorize.platform.errors.Refused;
import dev.colorize.ingest.upload.MultipartPages;
import dev.colorize.rest.ApiProblemException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A publisher's chapters: upload, status, progress, results, removal. Another publisher's chapter is 404. */
@Path("/v1/chapters")
@Tag(name = "chapters")
@SecurityRequirement(name = "apiKey")
public class ChapterResource {

    private static final int MAX_LIST_LIMIT = 100;

    private final Caller caller;
    private final ChapterUploads uploads;
    private final MultipartPages multipartPages;
    private final PublisherChapters chapters;
    private final ChapterEvents events;
    private final ChapterResults results;
    private final ChapterRemoval removal;

    public ChapterResource(Caller caller, ChapterUploads uploads, MultipartPages multipartPages,
            PublisherChapters chapters, ChapterEvents events, ChapterResults results, ChapterRemoval removal) {
        this.caller = caller;
        this.uploads = uploads;
        this.multipartPages = multipartPages;
        this.chapters = chapters;
        this.events = events;
        this.results = results;
        this.removal = removal;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a chapter", description = "Page images as repeated 'pages' file parts (in part "
            + "order), or one CBZ/ZIP as the 'archive' part (pages in natural file name order). Optional fields: title, "
            + "webhookUrl, outputFormat (PNG|JPEG|WEBP), quality (1-100, JPEG and WEBP only), outputs (comma-separated: "
            + "'layers' for each page's flat color and line layers, 'ora' for both as an OpenRaster file, 'psd' for both as a layered Photoshop file), modelVersion, "
            + "forceColor (true|false: color every page even when already in color) and forceColorPages (page numbers "
            + "and ranges, e.g. 1,5-6: those pages only; pages already in color are otherwise passed through unchanged, "
            + "state 'skipped'). Colored pages always keep the page's own resolution. Idempotency-Key makes a retry "
            + "return the same chapter. Color hints: 'hints' file parts named after their page, <page file stem>"
            + ".hints.png (an RGBA PNG of the page's aspect: colored dots on transparent) or <stem>.hints.json (points "
            + "[{\"x\":..,\"y\":..,\"color\":\"#rrggbb\",\"radius\":..}] in page pixels, or \"name\" of an entry of the "
            + "palette of the publisher's series named by seriesId, which the upload makes the publisher's own if new); in an "
            + "archive, such files beside the pages. A hinted page is "
            + "always colored.")
    public Response upload(@RestForm(FileUpload.ALL) List<FileUpload> files, @RestForm String title,
            @RestForm String webhookUrl, @RestForm String outputFormat, @RestForm String modelVersion,
            @RestForm String forceColor, @RestForm String forceColorPages, @RestForm String outputs,
            @RestForm String quality, @RestForm String seriesId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context UriInfo uri) {
        UUID publisherId = caller.publisherId();
        var form = new UploadForm(title, webhookUrl, outputFormat, modelVersion, idempotencyKey, forceColor,
                forceColorPages, outputs, quality, seriesId);
        ChapterUploads.Accepted accepted = uploads.accept(publisherId, form.toRequest(MultipartPages.describe(files),
                () -> multipartPages.read(files)));
        ChapterRow c = accepted.chapter();
        URI status = uri.getBaseUriBuilder().path("v1/chapters").path(c.id().toString()).build();
        return Response.accepted(new ChapterAccepted(c.id(), c.state(), c.pageCount(), status.toString()))
                .location(status)
                .header("Idempotent-Replayed", accepted.replayed())
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A chapter's state, counters, per-page states, errors, model versions and timings")
    public ChapterStatus status(@PathParam("id") UUID id) {
        PublisherChapters.ChapterDetail detail = chapters.detail(caller.publisherId(), id);
        return ChapterStatus.of(detail.chapter(), detail.pages(), detail.colorings());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The publisher's chapters, newest first, paginated by cursor")
    public ChapterList list(@QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw ApiProblemException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIST_LIMIT);
        }
        ChapterCursor after = cursor == null ? null : ChapterCursor.decode(cursor);
        return ChapterList.of(chapters.list(caller.publisherId(), after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit + 1), limit);
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Server-sent events: 'progress' whenever pages or recolors finish (recolorsPending counts "
            + "those in work), then 'completed' with the final state once no recolor is pending. Open streams are capped: "
            + "429 too-many-streams past the publisher's (colorize.ingest.events.max-streams-per-publisher), 503 "
            + "streams-exhausted past the service's (events.max-streams); poll GET /v1/chapters/{id} instead")
    public Multi<OutboundSseEvent> progress(@PathParam("id") UUID id, @Context Sse sse) {
        ChapterRow c = owned(id);
        return events.progress(c.publisherId(), c.id()).map(row -> sse.newEventBuilder()
                .name(ChapterEvents.isSettled(row) ? "completed" : "progress")
                .id(row.pagesDone() + row.pagesFailed() + "")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ChapterProgress.class, ChapterProgress.of(row))
                .build());
    }

    @GET
    @Path("{id}/pages/{page}/result")
    @Operation(summary = "A colored page: 307 to a presigned URL, or the bytes with ?delivery=stream")
    public Response pageResult(@PathParam("id") UUID id, @PathParam("page") int page,
            @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return deliver(results.resultKey(owned(id).id(), page, 0), delivery);
    }

    @GET
    @Path("{id}/pages/{page}/original")
    @Operation(summary = "A page as it was uploaded: 307 to a presigned URL, or the bytes with ?delivery=stream")
    public Response pageOriginal(@PathParam("id") UUID id, @PathParam("page") int page,
            @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return deliver(results.originalKey(owned(id).id(), page), delivery);
    }

    @GET
    @Path("{id}/pages/{page}/layers/{layer}")
    @Operation(summary = "A colored page's layer: flats (flat color, PNG), lines (black on transparent, PNG), ora or psd "
            + "(both as an OpenRaster or a layered Photoshop file, lines on multiply over flats), when the chapter's outputs asked for it: "
            + "307 to a presigned URL, or the bytes with ?delivery=stream")
    public Response pageLayer(@PathParam("id") UUID id, @PathParam("page") int page, @PathParam("layer") String layer,
            @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return deliver(results.layerKey(owned(id).id(), page, 0, PageLayer.ofPath(layer)), delivery);
    }

    private Response deliver(String key, String delivery) {
        return ObjectDelivery.deliver(results, key, delivery);
    }

    @GET
    @Path("{id}/archive")
    @Produces({"application/vnd.comicbook+zip", "application/zip"})
    @Operation(summary = "A CBZ of the colored pages in page order (pages without a result are left out; "
            + "failures.json names each failed page and why); with ?layers=true a zip that also holds each page's "
            + "layers and OpenRaster file (0001.flats.png, 0001.lines.png, 0001.ora, 0001.psd)")
    public Response archive(@PathParam("id") UUID id, @QueryParam("layers") @DefaultValue("false") boolean layers) {
        ChapterRow c = owned(id);
        List<PageRow> pages = results.pagesForArchive(c.id());
        StreamingOutput body = out -> results.writeArchive(c.id(), pages, layers, out);
        return Response.ok(body, layers ? "application/zip" : "application/vnd.comicbook+zip")
                .header("Content-Disposition", "attachment; filename=\"" + c.id() + (layers ? ".zip" : ".cbz") + "\"")
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove the chapter, its pages, its unsent jobs and its objects")
    public Response delete(@PathParam("id") UUID id) {
        if (!removal.remove(caller.publisherId(), id)) {
            throw Refused.notFound("Chapter " + id);
        }
        return Response.noContent().build();
    }

    private ChapterRow owned(UUID id) {
        return chapters.owned(caller.publisherId(), id);
    }
}
