package dev.colorize.ingest.rest;

import dev.colorize.ingest.auth.Caller;
import dev.colorize.ingest.service.SeriesPalettes;
import dev.colorize.ingest.service.SeriesPalettes.Palette;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A publisher's series palettes: named colors that point hints refer to by name. Series ids are each publisher's own,
 * so another publisher's series of the same id is neither seen nor touched.
 */
@Path("/v1/series")
@Tag(name = "series")
@SecurityRequirement(name = "apiKey")
public class SeriesResource {

    private final Caller caller;
    private final SeriesPalettes palettes;
    private final PaletteBody paletteBody;

    public SeriesResource(Caller caller, SeriesPalettes palettes, PaletteBody paletteBody) {
        this.caller = caller;
        this.palettes = palettes;
        this.paletteBody = paletteBody;
    }

    @PUT
    @Path("{id}/palette")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a series' palette", description = "{\"entries\":[{\"name\":\"Aiko hair\",\"color\":"
            + "\"#d03030\"}]}: names unique ignoring case, colors #rrggbb. Point hints of the series' chapters (uploads "
            + "with seriesId) may then give \"name\" instead of \"color\". Series ids are the publisher's own: another "
            + "publisher's series of the same id is a different series. At most 500 entries and 256 KiB: more is 413.")
    public Palette put(@PathParam("id") String id, InputStream body) {
        return palettes.put(caller.publisherId(), id, paletteBody.read(body));
    }

    @GET
    @Path("{id}/palette")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A series' palette", description = "404 when the publisher has no such series (an upload naming "
            + "a seriesId makes it one, with an empty palette), whatever other publishers have.")
    public Palette get(@PathParam("id") String id) {
        return palettes.get(caller.publisherId(), id);
    }
}
