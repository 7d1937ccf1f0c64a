package dev.colorize.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ml.data.HintLayer;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.trainer.training.RunOptions;
import dev.colorize.trainer.training.RunRequest;
import dev.colorize.trainer.training.TrainingSettings;
import org.junit.jupiter.api.Test;

/** train-colorizer's flags and the admin API's run request (version 2) name the same run the same way. */
class CliAndApiBuildTheSameSettingsTest {

    /** The service's own defaults; both sides name the checkpoint cadence, so the defaults do not matter. */
    private static final RunOptions.Defaults SERVICE = new RunOptions.Defaults(20000, 200, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedModelsFlagsAndTheirRequestFieldsMakeTheSameSettings() throws Exception {
        // models/reproduce-default.sh, with the service's checkpoint cadence named on the command line
        TrainingSettings cli = cli("--steps", "5000", "--decay", "1500", "--until", "5000", "--batch", "8", "--size", "128",
                "--base-width", "32", "--levels", "7", "--hints", "true", "--seed", "1",
                "--checkpoint-every", "200", "--checkpoint-minutes", "0");
        TrainingSettings api = api("""
                {"schemaVersion": 2, "dataset": "openmoji", "steps": 5000, "decaySteps": 1500, "untilStep": 5000,
                 "batchSize": 8, "imageSize": 128, "baseWidth": 32, "levels": 7, "hints": true, "seed": 1,
                 "checkpointEvery": 200}""");

        assertThat(api).isEqualTo(cli);
        assertThat(api.trainingConfig()).isEqualTo(cli.trainingConfig());
        assertThat(api.spec()).isEqualTo(NetworkSpec.cpuHinted());
        assertThat(api.trainingConfig().batchSize()).isEqualTo(8);
        assertThat(api.trainingConfig().decaySteps()).isEqualTo(1500);
    }

    @Test
    void augmentationsAndBudgetsReadAlikeFromFlagsAndFields() throws Exception {
        TrainingSettings cli = cli("--steps", "300", "--size", "64", "--base-width", "8", "--levels", "5",
                "--augment", "all", "--augment-probability", "0.5", "--scale-min", "0.2", "--minutes", "2",
                "--lr", "0.001", "--validation-limit", "20", "--checkpoint-every", "50", "--checkpoint-minutes", "0",
                "--hint-style", "regions");
        TrainingSettings api = api("""
                {"schemaVersion": 2, "dataset": "d", "steps": 300, "imageSize": 64, "baseWidth": 8, "levels": 5,
                 "augment": ["thickness", "gaps", "jitter", "hatching", "tint", "scan"], "augmentProbability": 0.5,
                 "scaleMin": 0.2, "timeBudgetSeconds": 120, "learningRate": 0.001, "validationLimit": 20,
                 "checkpointEvery": 50, "hintStyle": "regions"}""");

        assertThat(api).isEqualTo(cli);
        assertThat(api.augmentations().styles()).hasSize(6);
        assertThat(api.augmentations().hints()).isEqualTo(HintLayer.Style.REGIONS);
        assertThat(cli("--steps", "300").augmentations().hints()).as("the shipped model's").isEqualTo(HintLayer.Style.DOTS);
        assertThatThrownBy(() -> cli("--hint-style", "blobs")).hasMessageContaining("hintStyle is dots or regions");
    }

    @Test
    void aVersionOneRequestKeepsThePapersRunAndRefusesTheNewFields() throws Exception {
        TrainingSettings v1 = api("""
                {"dataset": "d", "steps": 1000}""");
        assertThat(v1.spec()).isEqualTo(NetworkSpec.paper());
        assertThat(v1.batchSize()).isEqualTo(1);
        assertThat(v1.decaySteps()).isEqualTo(500);
        assertThat(v1.checkpointEvery()).isEqualTo(200);

        assertThatThrownBy(() -> api("""
                {"dataset": "d", "batchSize": 8}""")).hasMessageContaining("need schemaVersion 2");
    }

    private static TrainingSettings cli(String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "data";
        args[1] = "out";
        System.arraycopy(flags, 0, args, 2, flags.length);
        return TrainColorizer.options(TrainColorizer.commandLine(args)).settings(TrainColorizer.DEFAULTS);
    }

    private static TrainingSettings api(String body) throws Exception {
        return JSON.readValue(body, RunRequest.class).options(SERVICE.steps()).settings(SERVICE);
    }
}
