package dev.colorize.trainer.rest;

import dev.colorize.trainer.auth.Admin;
import dev.colorize.trainer.dataset.AddedImage;
import dev.colorize.trainer.dataset.DatasetImage;
import dev.colorize.trainer.dataset.DatasetRepository;
import dev.colorize.trainer.dataset.DatasetService;
import dev.colorize.trainer.dataset.DatasetView;
import dev.colorize.trainer.dataset.Split;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.colorize.platform.image.ImageFormat;
import java.util.List;
import dev.colorize.rest.ApiProblemException;

/** Datasets: create, upload color illustrations one per request, inspect the split. */
@Path("/v1/admin/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    /** POST body; the validation fraction is fixed for the dataset's life (default 0.1). */
    public record NewDataset(String name, Double validationFraction) {}

    private final DatasetService service;
    private final DatasetRepository datasets;
    private final Admin admin;

    public DatasetResource(DatasetService service, DatasetRepository datasets, Admin admin) {
        this.service = service;
        this.datasets = datasets;
        this.admin = admin;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewDataset body) {
        if (body == null) {
            throw ApiProblemException.badRequest("dataset-required", "Send {\"name\": ..., \"validationFraction\": ...}");
        }
        DatasetView created = service.create(body.name(),
                body.validationFraction() == null ? 0.1 : body.validationFraction(), admin.actor());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public List<DatasetView> list() {
        return datasets.list();
    }

    @GET
    @Path("/{name}")
    public DatasetView get(@PathParam("name") String name) {
        return service.require(name);
    }

    /** The raw PNG or JPEG bytes as the body; 201 when new, 200 when the dataset had these bytes already. */
    @POST
    @Path("/{name}/images")
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    public Response upload(@PathParam("name") String name, @QueryParam("filename") String filename, byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiProblemException.badRequest("empty-image", "The request body is the image");
        }
        AddedImage added = service.addImage(name, body, filename, admin.actor());
        return Response.status(added.added() ? Response.Status.CREATED : Response.Status.OK).entity(added).build();
    }

    @GET
    @Path("/{name}/images")
    public List<DatasetImage> images(@PathParam("name") String name,
            @QueryParam("split") @DefaultValue("train") String split,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        service.require(name);
        if (!split.equals("train") && !split.equals("validation")) {
            throw ApiProblemException.badRequest("invalid-split", "split is train or validation");
        }
        return datasets.images(name, Split.fromColumn(split), Math.min(Math.max(limit, 1), 1000), Math.max(offset, 0));
    }

    /**
     * An image's bytes (PNG or JPEG as uploaded), or with {@code view=sketch} the line art extracted from it (XDoG,
     * one of the extractors training pairs images with), as PNG: the admin console's validation pairs.
     */
    @GET
    @Path("/{name}/images/{sha256}")
    @Produces({"image/png", "image/jpeg"})
    public Response image(@PathParam("name") String name, @PathParam("sha256") String sha256,
            @QueryParam("view") @DefaultValue("color") String view) {
        if (!view.equals("color") && !view.equals("sketch")) {
            throw ApiProblemException.badRequest("invalid-view", "view is color or sketch");
        }
        byte[] bytes = service.imageBytes(name, sha256, view.equals("sketch"));
        String type = ImageFormat.sniff(bytes).map(ImageFormat::mediaType).orElse("application/octet-stream");
        return Response.ok(bytes, type).build();
    }
}
