package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dataset of small synthetic illustrations and run requests for the tiny network (64x64, width 8). */
final class TinyRuns {

    static final Map<String, Object> TINY_SPEC = Map.of("inputChannels", 1, "outputChannels", 3, "baseWidth", 8,
            "levels", 5, "imageSize", 64, "dropoutDecoderLayers", List.of(0, 1), "normalization", "BATCH",
            "discriminatorLayers", 3);

    private TinyRuns() {}

    /** Creates the dataset with {@code images} 64x64 shape drawings, a quarter held out for validation. */
    static void dataset(String name, int images) {
        admin().contentType("application/json").body(Map.of("name", name, "validationFraction", 0.25))
                .post("/v1/admin/datasets").then().statusCode(201);
        for (int i = 0; i < images; i++) {
            admin().contentType("image/png").body(TestImages.shapes(1000 + i, 64))
                    .post("/v1/admin/datasets/" + name + "/images").then().statusCode(201);
        }
    }

    static Map<String, Object> request(String dataset, int steps, int checkpointEvery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", dataset);
        body.put("steps", steps);
        body.put("checkpointEvery", checkpointEvery);
        body.put("learningRate", 1e-3);
        body.put("spec", TINY_SPEC);
        return body;
    }
}
