package dev.colorize.trainer.rest;

import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.trainer.auth.Admin;
import dev.colorize.trainer.training.ProgressRow;
import dev.colorize.trainer.training.RunRepository;
import dev.colorize.trainer.training.RunRequest;
import dev.colorize.trainer.training.RunService;
import dev.colorize.trainer.training.TrainingRun;
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
import java.util.List;
import java.util.UUID;
import dev.colorize.rest.ApiProblemException;

/** Training runs: request one, watch its progress and its sample sheets. */
@Path("/v1/admin/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    /** A sample sheet: sketch | output | truth rows at a checkpoint step, fetched from {@code href}. */
    public record Sample(long step, String href) {}

    private final RunService service;
    private final RunRepository runs;
    private final ObjectStore store;
    private final Admin admin;

    public RunResource(RunService service, RunRepository runs, ObjectStore store, Admin admin) {
        this.service = service;
        this.runs = runs;
        this.store = store;
        this.admin = admin;
    }

    /** Queues the run and returns 202; it starts as soon as no other run holds the trainer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(RunRequest request) {
        TrainingRun run = service.request(request, RunService.MANUAL, admin.actor());
        return Response.accepted(run).header("Location", "/v1/admin/runs/" + run.id()).build();
    }

    @GET
    public List<TrainingRun> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return runs.list(Math.min(Math.max(limit, 1), 500));
    }

    @GET
    @Path("/{id}")
    public TrainingRun get(@PathParam("id") UUID id) {
        return require(id);
    }

    @GET
    @Path("/{id}/progress")
    public List<ProgressRow> progress(@PathParam("id") UUID id, @QueryParam("fromStep") @DefaultValue("0") int fromStep,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        require(id);
        return runs.progress(id, fromStep, Math.min(Math.max(limit, 1), 10_000));
    }

    @GET
    @Path("/{id}/samples")
    public List<Sample> samples(@PathParam("id") UUID id) {
        require(id);
        String prefix = ObjectKeys.runSamples(id);
        return store.list(prefix).stream().map(key -> {
            long step = Long.parseLong(key.substring(prefix.length(), key.length() - ".png".length()));
            return new Sample(step, "/v1/admin/runs/" + id + "/samples/" + step);
        }).toList();
    }

    @GET
    @Path("/{id}/samples/{step}")
    @Produces("image/png")
    public Response sample(@PathParam("id") UUID id, @PathParam("step") long step) {
        TrainingRun run = require(id);
        String key = ObjectKeys.runSample(run.id(), step);
        if (store.size(key).isEmpty()) {
            throw ApiProblemException.notFound("Sample at step " + step + " of run " + id);
        }
        return Response.ok(store.get(key), "image/png").build();
    }

    private TrainingRun require(UUID id) {
        return runs.find(id).orElseThrow(() -> ApiProblemException.notFound("Run " + id));
    }
}
