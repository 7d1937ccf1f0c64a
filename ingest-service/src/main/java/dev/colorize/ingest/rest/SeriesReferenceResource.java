package dev.colorize.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.persistence.SeriesReferenceRow;
import dev.colorize.ingest.service.ChapterResults;
import dev.colorize.ingest.service.SeriesReferences;
import dev.colorize.ingest.upload.ReferenceImages;
import dev.colorize.platform.errors.Refused;
import dev.colorize.rest.ApiProblem;
import dev.colorize.rest.ApiProblemException;
import dev.colorize.rest.BoundedBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A series' reference art: colored pages or character sheets (with their line art, optionally) whose colors the pages
 * of the series follow where their regions match. Every page job of the series names the references the series has
 * when the job is made. Series are each publisher's own: another publisher's series of the same id answers as a series
 * that does not exist, and its references never reach this publisher's jobs.
 */
@Path("/v1/series/{id}/references")
@Tag(name = "series")
@SecurityRequirement(name = "apiKey")
public class SeriesReferenceResource {

    /** Bytes of a from-page body: {"chapterId":"<uuid>","page":N} needs less than a hundred. */
    private static final int MAX_FROM_PAGE_BYTES = 4096;

    private final Caller caller;
    private final SeriesReferences references;
    private final ReferenceImages images;
    private final ChapterResults results;
    private final ObjectMapper json;

    public SeriesReferenceResource(Caller caller, SeriesReferences references, ReferenceImages images,
            ChapterResults results, ObjectMapper json) {
        this.caller = caller;
        this.references = references;
        this.images = images;
        this.results = results;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a reference to a series", description = "File part 'colored' (required: a colored page "
            + "or character sheet, PNG, JPEG or WebP) and optionally 'lines' (the line art of the same picture: of the "
            + "colored image's aspect, within colorize.ingest.references.aspect-tolerance, else 400 "
            + "lines-aspect-mismatch). Each image is judged as an uploaded page is (upload.max-page-bytes, "
            + "max-page-pixels, max-page-aspect, its header and container; bytes after the image's end are dropped). "
            + "Creates the publisher's series if it has none of that id. 201 with the reference. 409 "
            + "too-many-references when the series has colorize.ingest.references.max-per-series (20). Every refusal "
            + "names the part (field) and its file.")
    public Response add(@PathParam("id") String seriesId, @RestForm(FileUpload.ALL) List<FileUpload> files) {
        references.checkSeriesId(seriesId);
        try (ReferenceImages.Inspected inspected = images.read(files)) {
            return created(references.add(caller.publisherId(), seriesId, inspected));
        }
    }

    @POST
    @Path("from-page")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a finished page of the series a reference", description = "{\"chapterId\":\"...\","
            + "\"page\":N}: a page of one of the publisher's chapters of this series. Its newest done coloring becomes "
            + "the colored image and the page as uploaded its line art, both copied (deleting the chapter later keeps "
            + "the reference). 201 with the reference (source names the page and revision). 404 for a series, chapter "
            + "or page the publisher does not have; 409 chapter-of-another-series, page-not-done (no done coloring "
            + "yet), too-many-references.")
    public Response fromPage(@PathParam("id") String seriesId, InputStream body) {
        references.checkSeriesId(seriesId);
        JsonNode request = fromPageBody(body);
        JsonNode chapter = request.get("chapterId");
        JsonNode page = request.get("page");
        UUID chapterId;
        try {
            chapterId = chapter != null && chapter.isTextual() ? UUID.fromString(chapter.asText()) : null;
        } catch (IllegalArgumentException e) {
            chapterId = null;
        }
        if (chapterId == null) {
            throw invalidFromPage("chapterId", "chapterId is the id of one of your chapters of series " + seriesId);
        }
        if (page == null || !page.canConvertToInt() || !page.isIntegralNumber()) {
            throw invalidFromPage("page", "page is the number of a page of the chapter (1, 2, ...)");
        }
        return created(references.fromPage(caller.publisherId(), seriesId, chapterId, page.intValue()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A series' references, oldest first", description = "404 when the publisher has no such "
            + "series (a reference, a palette or an upload naming it makes it one), whatever other publishers have.")
    public List<SeriesReferenceView> list(@PathParam("id") String seriesId) {
        return references.list(caller.publisherId(), seriesId).stream().map(SeriesReferenceView::of).toList();
    }

    @GET
    @Path("{refId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One reference of a series")
    public SeriesReferenceView get(@PathParam("id") String seriesId, @PathParam("refId") UUID refId) {
        return SeriesReferenceView.of(references.get(caller.publisherId(), seriesId, refId));
    }

    @GET
    @Path("{refId}/colored")
    @Operation(summary = "A reference's colored image: 307 to a presigned URL, or the bytes with ?delivery=stream")
    public Response colored(@PathParam("id") String seriesId, @PathParam("refId") UUID refId,
            @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return ObjectDelivery.deliver(results, references.imageKey(caller.publisherId(), seriesId, refId,
                SeriesReferences.COLORED), delivery);
    }

    @GET
    @Path("{refId}/lines")
    @Operation(summary = "A reference's line art (404 when none was given): 307 to a presigned URL, or the bytes with "
            + "?delivery=stream")
    public Response lines(@PathParam("id") String seriesId, @PathParam("refId") UUID refId,
            @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return ObjectDelivery.deliver(results, references.imageKey(caller.publisherId(), seriesId, refId,
                SeriesReferences.LINES), delivery);
    }

    @DELETE
    @Path("{refId}")
    @Operation(summary = "Remove a reference and its images", description = "204; jobs made after it no longer name "
            + "it. 404 when the series has no such reference.")
    public Response delete(@PathParam("id") String seriesId, @PathParam("refId") UUID refId) {
        references.delete(caller.publisherId(), seriesId, refId);
        return Response.noContent().build();
    }

    private static Response created(SeriesReferenceRow row) {
        SeriesReferenceView view = SeriesReferenceView.of(row);
        return Response.created(URI.create(view.url())).entity(view).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private JsonNode fromPageBody(InputStream body) {
        try {
            byte[] bytes = BoundedBody.read(body, MAX_FROM_PAGE_BYTES, () -> new ApiProblemException(new ApiProblem(
                    "body-too-large", "Body too large", 413, "The body has more than " + MAX_FROM_PAGE_BYTES + " bytes")));
            JsonNode node = bytes.length == 0 ? null : json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw invalidFromPage(null, "The body is {\"chapterId\":\"...\",\"page\":N}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalidFromPage(null, "The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Refused invalidFromPage(String field, String detail) {
        return new Refused(Refused.Reason.INVALID, "invalid-from-page", detail, null, null, field);
    }
}
