package dev.colorize.trainer.rest;

import dev.colorize.platform.model.ModelAliases;
import dev.colorize.ml.eval.MetricSet;
import dev.colorize.trainer.auth.Admin;
import dev.colorize.trainer.registry.AliasChange;
import dev.colorize.trainer.registry.ModelVersion;
import dev.colorize.trainer.registry.PromotionRequest;
import dev.colorize.trainer.registry.PromotionService;
import dev.colorize.trainer.registry.QualityGate;
import dev.colorize.trainer.registry.RegistryRepository;
import dev.colorize.trainer.registry.RollbackRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.colorize.rest.ApiProblemException;

/** The model registry and its aliases. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /**
     * A version next to production: its validation metrics, production's L1 that the quality gate
     * compares it with, and the aliases pointing at it.
     */
    public record VersionRow(ModelVersion version, List<String> aliases, MetricSet metrics, Double productionL1,
            Double l1VersusProduction) {}

    /** GET /v1/admin/models: production's own metrics at the top, then every version, newest first. */
    public record Registry(Integer productionVersion, MetricSet productionMetrics, Integer canaryVersion,
            List<VersionRow> versions) {}

    private final RegistryRepository registry;
    private final PromotionService promotions;
    private final Admin admin;

    public ModelResource(RegistryRepository registry, PromotionService promotions, Admin admin) {
        this.registry = registry;
        this.promotions = promotions;
        this.admin = admin;
    }

    @GET
    @Path("/models")
    public Registry versions() {
        Map<String, Integer> aliases = registry.aliases();
        List<ModelVersion> versions = registry.versions();
        Integer productionVersion = aliases.get(ModelAliases.PRODUCTION);
        Optional<ModelVersion> production = versions.stream()
                .filter(v -> productionVersion != null && v.version() == productionVersion).findFirst();
        List<VersionRow> rows = versions.stream().map(v -> {
            MetricSet metrics = v.metrics() == null ? null : v.metrics().model();
            Double productionL1 = production.map(p -> QualityGate.productionL1(v, p)).orElse(null);
            Double delta = metrics == null || productionL1 == null ? null : metrics.l1() - productionL1;
            List<String> names = aliases.entrySet().stream().filter(e -> e.getValue() == v.version())
                    .map(Map.Entry::getKey).sorted().toList();
            return new VersionRow(v, names, metrics, productionL1, delta);
        }).toList();
        return new Registry(productionVersion,
                production.map(p -> p.metrics() == null ? null : p.metrics().model()).orElse(null),
                aliases.get(ModelAliases.CANARY), rows);
    }

    @GET
    @Path("/models/{version}")
    public ModelVersion version(@PathParam("version") int version) {
        return registry.version(version).orElseThrow(() -> ApiProblemException.notFound("Model version " + version));
    }

    /** PUT /v1/admin/models/{version}/pinnable: whether chapters may pin the version without an alias on it. */
    public record PinnableRequest(Boolean pinnable) {}

    @PUT
    @Path("/models/{version}/pinnable")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelVersion pinnable(@PathParam("version") int version, PinnableRequest request) {
        if (request == null || request.pinnable() == null) {
            throw ApiProblemException.badRequest("pinnable-required", "Say whether the version is pinnable: "
                    + "{\"pinnable\": true}");
        }
        return registry.markPinnable(version, request.pinnable(), admin.actor())
                .orElseThrow(() -> ApiProblemException.notFound("Model version " + version));
    }

    @POST
    @Path("/aliases/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AliasChange promote(@PathParam("alias") String alias, PromotionRequest request) {
        return promotions.promote(alias, request, admin.actor());
    }

    @POST
    @Path("/aliases/{alias}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    public AliasChange rollback(@PathParam("alias") String alias, RollbackRequest request) {
        return promotions.rollback(alias, request, admin.actor());
    }

    /** Every change of the alias, newest first. */
    @GET
    @Path("/aliases/{alias}/audit")
    public List<AliasChange> audit(@PathParam("alias") String alias) {
        if (!ModelAliases.ALL.contains(alias)) {
            throw ApiProblemException.notFound("Alias " + alias);
        }
        return registry.audit(alias);
    }
}
