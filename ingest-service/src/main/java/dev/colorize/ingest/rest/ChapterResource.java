package dev.colorize.ingest.rest;

import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.ingest.service.ChapterEvents;
import dev.colorize.ingest.service.ChapterUploads;
import dev.colorize.ingest.service.PageObjects;
import dev.colorize.ingest.service.UploadRequest;
import dev.colorize.ingest.upload.ArchiveReader;
import dev.colorize.ingest.upload.PageFileNames;
import dev.colorize.ingest.upload.PageRejectedException;
import dev.colorize.ingest.upload.PageSource;
import dev.colorize.ingest.webhook.WebhookUrlGuard;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.storage.ObjectStore;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import dev.colorize.rest.ApiProblemException;

/** A publisher's chapters: upload, status, progress, results, removal. Another publisher's chapter is 404. */
@Path("/v1/chapters")
@Tag(name = "chapters")
@SecurityRequirement(name = "apiKey")
public class ChapterResource {

    private static final String ARCHIVE_PART = "archive";
    private static final String PAGES_PART = "pages";

    private final Caller caller;
    private final ChapterUploads uploads;
    private final ChapterRepository chapters;
    private final ChapterEvents events;
    private final ArchiveReader archives;
    private final PageObjects objects;
    private final ObjectStore store;
    private final IngestConfig config;

    public ChapterResource(Caller caller, ChapterUploads uploads, ChapterRepository chapters, ChapterEvents events,
            ArchiveReader archives, PageObjects objects, ObjectStore store, IngestConfig config) {
        this.caller = caller;
        this.uploads = uploads;
        this.chapters = chapters;
        this.events = events;
        this.archives = archives;
        this.objects = objects;
        this.store = store;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a chapter", description = "Page images as repeated 'pages' file parts (in part "
            + "order), or one CBZ/ZIP as the 'archive' part (pages in natural file name order). Optional fields: title, "
            + "webhookUrl, outputFormat (PNG|JPEG), modelVersion. Idempotency-Key makes a retry return the same chapter.")
    public Response upload(@RestForm(FileUpload.ALL) List<FileUpload> files, @RestForm String title,
            @RestForm String webhookUrl, @RestForm String outputFormat, @RestForm String modelVersion,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        UUID publisherId = caller.publisherId();
        UploadRequest request = new UploadRequest(blankToNull(title), checkedWebhookUrl(webhookUrl),
                parseOutputFormat(outputFormat), parseModelVersion(modelVersion), checkedIdempotencyKey(idempotencyKey),
                () -> pageSources(files));
        ChapterUploads.Accepted accepted = uploads.accept(publisherId, request);
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
        ChapterRow c = owned(id);
        return ChapterStatus.of(c, chapters.pages(c.id()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The publisher's chapters, newest first, paginated by cursor")
    public ChapterList list(@QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > 100) {
            throw ApiProblemException.badRequest("invalid-limit", "limit must be between 1 and 100");
        }
        Instant afterCreatedAt = null;
        UUID afterId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterCreatedAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiProblemException.badRequest("invalid-cursor", "cursor is not one this API handed out");
            }
        }
        List<ChapterRow> rows = chapters.list(caller.publisherId(), afterCreatedAt, afterId, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ChapterRow last = rows.get(limit - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new ChapterList(rows.stream().map(c -> ChapterStatus.of(c, null)).toList(), next);
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Server-sent events: 'progress' whenever pages finish, then 'completed' with the final state")
    public Multi<OutboundSseEvent> progress(@PathParam("id") UUID id, @Context Sse sse) {
        ChapterRow c = owned(id);
        return events.progress(c.publisherId(), c.id()).map(row -> sse.newEventBuilder()
                .name(row.isFinal() ? "completed" : "progress")
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
        ChapterRow c = owned(id);
        PageRow p = chapters.page(c.id(), page).orElseThrow(() -> ApiProblemException.notFound("Page " + page));
        if (p.resultKey() == null) {
            throw ApiProblemException.conflict("page-not-done", "Page " + page + " is " + p.state() + ", it has no result");
        }
        return switch (delivery) {
            case "redirect" -> Response.temporaryRedirect(URI.create(
                    store.presignedGetUrl(p.resultKey(), config.presignedUrlValidity()))).build();
            case "stream" -> Response.ok(store.get(p.resultKey()), mediaType(p.resultKey())).build();
            default -> throw ApiProblemException.badRequest("invalid-delivery", "delivery is redirect or stream");
        };
    }

    @GET
    @Path("{id}/archive")
    @Produces("application/vnd.comicbook+zip")
    @Operation(summary = "A CBZ of the colored pages in page order (pages without a result are left out)")
    public Response archive(@PathParam("id") UUID id) {
        ChapterRow c = owned(id);
        List<PageRow> done = chapters.pages(c.id()).stream().filter(p -> p.resultKey() != null).toList();
        if (done.isEmpty()) {
            throw ApiProblemException.conflict("no-results", "No page of this chapter has been colored yet");
        }
        StreamingOutput body = out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(Deflater.NO_COMPRESSION); // PNG and JPEG are compressed already
                for (PageRow p : done) {
                    zip.putNextEntry(new ZipEntry(String.format("%04d.%s", p.pageNumber(), extension(p.resultKey()))));
                    zip.write(store.get(p.resultKey()));
                    zip.closeEntry();
                }
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + c.id() + ".cbz\"").build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove the chapter, its pages, its unsent jobs and its objects")
    public Response delete(@PathParam("id") UUID id) {
        List<String> keys = chapters.delete(caller.publisherId(), id)
                .orElseThrow(() -> ApiProblemException.notFound("Chapter " + id));
        objects.deleteQuietly(keys);
        return Response.noContent().build();
    }

    private ChapterRow owned(UUID id) {
        return chapters.find(caller.publisherId(), id).orElseThrow(() -> ApiProblemException.notFound("Chapter " + id));
    }

    private List<PageSource> pageSources(List<FileUpload> files) {
        List<FileUpload> archive = files.stream().filter(f -> ARCHIVE_PART.equals(f.name())).toList();
        List<FileUpload> pages = files.stream().filter(f -> PAGES_PART.equals(f.name())).toList();
        if (archive.size() + pages.size() != files.size()) {
            throw PageRejectedException.invalid("unknown-part", null, null,
                    "File parts are named '" + PAGES_PART + "' (one per page) or '" + ARCHIVE_PART + "'");
        }
        if (!archive.isEmpty()) {
            if (archive.size() > 1 || !pages.isEmpty()) {
                throw PageRejectedException.invalid("mixed-upload", null, null,
                        "Send either one archive or page images, not both");
            }
            FileUpload zip = archive.get(0);
            PageFileNames.check(zip.fileName(), null, "The archive (part '" + ARCHIVE_PART + "')");
            if (zip.size() > config.upload().maxArchiveBytes()) {
                throw PageRejectedException.tooLarge("archive-too-large", null, zip.fileName(), "The archive has "
                        + zip.size() + " bytes, more than the limit of " + config.upload().maxArchiveBytes());
            }
            return archives.read(zip.uploadedFile(), zip.fileName());
        }
        List<PageSource> sources = new ArrayList<>(pages.size());
        for (FileUpload page : pages) {
            int number = sources.size() + 1;
            PageFileNames.check(page.fileName(), number, "Page " + number + " (part '" + PAGES_PART + "')");
            if (page.size() > config.upload().maxPageBytes()) {
                throw PageRejectedException.tooLarge("page-too-large", number, page.fileName(), "Page " + number
                        + " has " + page.size() + " bytes, more than the limit of " + config.upload().maxPageBytes());
            }
            try {
                sources.add(new PageSource(page.fileName(), Files.readAllBytes(page.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String checkedWebhookUrl(String url) {
        String value = blankToNull(url);
        String problem = value == null ? null : WebhookUrlGuard.syntaxProblem(value);
        if (problem != null) {
            throw ApiProblemException.badRequest("invalid-webhook-url", problem);
        }
        return value;
    }

    private static OutputFormat parseOutputFormat(String value) {
        if (blankToNull(value) == null) {
            return OutputFormat.PNG;
        }
        try {
            return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid-output-format", "outputFormat is PNG or JPEG");
        }
    }

    private static Integer parseModelVersion(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(value.trim());
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("invalid-model-version", "modelVersion is a positive integer");
        }
    }

    private static String checkedIdempotencyKey(String key) {
        String value = blankToNull(key);
        if (value != null && value.length() > 255) {
            throw ApiProblemException.badRequest("invalid-idempotency-key", "Idempotency-Key has at most 255 characters");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String extension(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static String mediaType(String key) {
        return switch (extension(key).toLowerCase(Locale.ROOT)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            default -> MediaType.APPLICATION_OCTET_STREAM;
        };
    }
}
