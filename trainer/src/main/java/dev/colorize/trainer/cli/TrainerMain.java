package dev.colorize.trainer.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The trainer's entry point. With no arguments: the service. Commands:
 * <ul>
 * <li>{@code train-from-folder ...}: no infrastructure at all, see {@link TrainFromFolder};</li>
 * <li>{@code import-openmoji TARBALL OUT_DIR ...}: OpenMoji into a folder of (lines, flats, color)
 * triplets, no infrastructure, see {@link ImportOpenMoji}; {@code import-fluent-emoji FLAT HIGH_CONTRAST OUT_DIR}
 * the same layout from Fluent Emoji, see {@link ImportFluentEmoji}; {@code import-openclipart-svg SVG_DIR OUT_DIR}
 * from openclipart's SVGs, see {@link ImportOpenClipartSvg};</li>
 * <li>{@code train-colorizer DATASET OUT ...}: the flats generator on line-art triplets, resumable, see
 * {@link TrainColorizer}; {@code evaluate-colorizer MODEL DATASET OUT}: the page pipeline against the
 * held-out truth, with pictures, see {@link EvaluateColorizer}; {@code evaluate-references MODEL DATASET OUT}:
 * recurring characters colored after a reference page, see {@link EvaluateReferences}; {@code fit-region-metric MODEL
 * DATASET}: how that matching tells a character's parts apart, learned for the model, see {@link FitRegionMetric};
 * {@code export-model MODEL OUT}: float16
 * weights for shipping, see {@link ExportModel};</li>
 * <li>{@code import-folder DATASET FOLDER [--filter] [--limit N] [--validation F]} and
 * {@code import-openclipart DATASET [--limit N]}: load images into a dataset (database + object store
 * as configured), see {@link DatasetImportCommand}.</li>
 * </ul>
 */
@QuarkusMain
public final class TrainerMain {

    private TrainerMain() {}

    public static void main(String... args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "train-from-folder" -> System.exit(TrainFromFolder.run(rest));
            case "import-openmoji" -> System.exit(ImportOpenMoji.run(rest));
            case "import-fluent-emoji" -> System.exit(ImportFluentEmoji.run(rest));
            case "import-openclipart-svg" -> System.exit(ImportOpenClipartSvg.run(rest));
            case "train-colorizer" -> System.exit(TrainColorizer.run(rest));
            case "evaluate-colorizer" -> System.exit(EvaluateColorizer.run(rest));
            case "evaluate-references" -> System.exit(EvaluateReferences.run(rest));
            case "fit-region-metric" -> System.exit(FitRegionMetric.run(rest));
            case "export-model" -> System.exit(ExportModel.run(rest));
            case "import-folder", "import-openclipart" -> {
                // a one-shot job beside a running service: no HTTP listener, no schedules, no run pickup
                System.setProperty("quarkus.http.host-enabled", "false");
                System.setProperty("quarkus.scheduler.enabled", "false");
                Quarkus.run(DatasetImportCommand.class, args);
            }
            default -> Quarkus.run(args);
        }
    }
}
