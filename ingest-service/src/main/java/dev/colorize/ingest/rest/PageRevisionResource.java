package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageColoringRow;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.ingest.service.ChapterResults;
import dev.colorize.ingest.service.PageLayer;
import dev.colorize.ingest.service.PageRecolors;
import dev.colorize.ingest.service.PublisherChapters;
import dev.colorize.rest.ApiProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Recoloring a page with new hints, and its result revisions: revision 0 is the upload's coloring, each recolor makes
 * the next; every revision stays readable until the chapter is deleted. Another publisher's chapter is 404.
 */
@Path("/v1/chapters/{id}/pages/{page}")
@Tag(name = "chapters")
@SecurityRequirement(name = "apiKey")
public class PageRevisionResource {

    /**
     * A recolor accepted, or one revision as listed; references: how many of its regions followed the series'
     * references, absent when it had none.
     */
    public record RevisionView(UUID chapterId, int pageNumber, int revision, String state, String error,
            Instant requestedAt, Instant finishedAt, String resultUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) ReferenceUse references) {
    }

    private final Caller caller;
    private final PublisherChapters chapters;
    private final PageRecolors recolors;
    private final ChapterResults results;

    public PageRevisionResource(Caller caller, PublisherChapters chapters, PageRecolors recolors, ChapterResults results) {
        this.caller = caller;
        this.chapters = chapters;
        this.recolors = recolors;
        this.results = results;
    }

    @POST
    @Path("recolor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recolor a finished page with hint points", description = "Body: [{\"x\":..,\"y\":..,\"color\":"
            + "\"#rrggbb\"|\"name\":\"<palette entry>\",\"radius\":..}] in page pixels (names from the palette of the "
            + "chapter's series). 202 with the new revision; status and the events stream show it in work, page.recolored "
            + "tells when it is done. Idempotency-Key makes a retry answer with the revision the first request made. "
            + "409 too-many-revisions past colorize.ingest.recolor.max-revisions, 429 recolors-in-work while the page has "
            + "colorize.ingest.recolor.max-pending-per-page recolors queued.")
    public Response recolorWithPoints(@PathParam("id") UUID id, @PathParam("page") int page, InputStream body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return accepted(recolors.withPoints(caller.publisherId(), id, page, body,
                IdempotencyKeyHeader.checked(idempotencyKey)));
    }

    @POST
    @Path("recolor")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recolor a finished page with a hint image", description = "One 'hints' file part: an RGBA "
            + "PNG of the page's aspect, colored dots on transparent (or points as a .json file). 202 with the new revision.")
    public Response recolorWithFile(@PathParam("id") UUID id, @PathParam("page") int page,
            @RestForm("hints") FileUpload hints, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (hints == null) {
            throw ApiProblemException.badRequest("invalid-hints", "Send the hints as one 'hints' file part");
        }
        return accepted(recolors.withFile(caller.publisherId(), id, page, hints.fileName(), hints.uploadedFile(),
                hints.size(), IdempotencyKeyHeader.checked(idempotencyKey)));
    }

    @GET
    @Path("revisions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The page's recolor revisions (1, 2, ...; revision 0 is the upload's coloring, at /result)")
    public List<RevisionView> revisions(@PathParam("id") UUID id, @PathParam("page") int page) {
        return results.revisions(owned(id).id(), page).stream().map(PageRevisionResource::view).toList();
    }

    @GET
    @Path("revisions/{revision}")
    @Operation(summary = "A revision's colored page: 307 to a presigned URL, or the bytes with ?delivery=stream")
    public Response revision(@PathParam("id") UUID id, @PathParam("page") int page,
            @PathParam("revision") int revision, @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return ObjectDelivery.deliver(results, results.resultKey(owned(id).id(), page, revision), delivery);
    }

    @GET
    @Path("revisions/{revision}/layers/{layer}")
    @Operation(summary = "A revision's layer (flats, lines, ora or psd), when the chapter's outputs asked for layers")
    public Response revisionLayer(@PathParam("id") UUID id, @PathParam("page") int page,
            @PathParam("revision") int revision, @PathParam("layer") String layer,
            @QueryParam("delivery") @DefaultValue("redirect") String delivery) {
        return ObjectDelivery.deliver(results,
                results.layerKey(owned(id).id(), page, revision, PageLayer.ofPath(layer)), delivery);
    }

    private Response accepted(PageRecolors.Accepted accepted) {
        String path = "/v1/chapters/" + accepted.chapterId() + "/pages/" + accepted.pageNumber() + "/revisions/"
                + accepted.revision();
        return Response.accepted(new RevisionView(accepted.chapterId(), accepted.pageNumber(), accepted.revision(),
                "queued", null, Instant.now(), null, path, null)).location(URI.create(path)).build();
    }

    private static RevisionView view(PageColoringRow r) {
        PageRef ref = r.ref();
        return new RevisionView(ref.chapterId(), ref.pageNumber(), ref.revision(), r.state().dbName(), r.error(),
                r.requestedAt(), r.finishedAt(), "/v1/chapters/" + ref.chapterId() + "/pages/" + ref.pageNumber()
                        + "/revisions/" + ref.revision(), r.referenceUse());
    }

    private ChapterRow owned(UUID id) {
        return chapters.owned(caller.publisherId(), id);
    }
}
