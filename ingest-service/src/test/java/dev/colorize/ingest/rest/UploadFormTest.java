package dev.colorize.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.ingest.service.UploadRequest;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.rest.ApiProblem;
import dev.colorize.rest.ApiProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadFormTest {

    private static UploadRequest request(UploadForm form) {
        return form.toRequest(List.of(), () -> null);
    }

    private static String problemType(UploadForm form) {
        ApiProblem problem = catchThrowableOfType(ApiProblemException.class, () -> request(form)).problem();
        assertThat(problem.status()).isEqualTo(400);
        return problem.type().substring(ApiProblem.TYPE_BASE.length());
    }

    @Test
    void blankFieldsAreAbsentAndTheOutputFormatDefaultsToPng() {
        UploadRequest request = request(new UploadForm(" ", "", null, " ", "", null, null, null, null, null));
        assertThat(request.title()).isNull();
        assertThat(request.webhookUrl()).isNull();
        assertThat(request.outputFormat()).isEqualTo(OutputFormat.PNG);
        assertThat(request.modelVersion()).isNull();
        assertThat(request.idempotencyKey()).isNull();
    }

    @Test
    void valuesAreTrimmedAndParsed() {
        UploadRequest request = request(new UploadForm(" Chapter 1 ", " https://hooks.example/x ", " jpeg ", " 3 ",
                " key-1 ", null, null, null, null, null));
        assertThat(request.title()).isEqualTo("Chapter 1");
        assertThat(request.webhookUrl()).isEqualTo("https://hooks.example/x");
        assertThat(request.outputFormat()).isEqualTo(OutputFormat.JPEG);
        assertThat(request.modelVersion()).isEqualTo(3);
        assertThat(request.idempotencyKey()).isEqualTo("key-1");
    }

    @Test
    void outputsAreACommaSeparatedListOfLayersOraAndPsdAndQualityAppliesToLossyFormats() {
        UploadRequest request = request(new UploadForm(null, null, "webp", null, null, null, null, " ORA , layers,psd ", " 80 ", null));
        assertThat(request.outputs()).containsExactlyInAnyOrder(PageOutput.LAYERS, PageOutput.ORA, PageOutput.PSD);
        assertThat(request.outputsColumn()).isEqualTo("LAYERS,ORA,PSD");
        assertThat(request.outputFormat()).isEqualTo(OutputFormat.WEBP);
        assertThat(request.quality()).isEqualTo(80);
        UploadRequest plain = request(new UploadForm(null, null, null, null, null, null, null, " ", null, null));
        assertThat(plain.outputs()).isNull();
        assertThat(plain.outputsColumn()).isNull();
        assertThat(plain.quality()).isNull();
    }

    @Test
    void eachBadValueIsA400NamingIt() {
        assertThat(problemType(new UploadForm(null, null, null, null, null, null, null, "layers,tiff", null, null))).isEqualTo("invalid-outputs");
        assertThat(problemType(new UploadForm(null, null, "jpeg", null, null, null, null, null, "0", null))).isEqualTo("invalid-quality");
        assertThat(problemType(new UploadForm(null, null, "jpeg", null, null, null, null, null, "high", null))).isEqualTo("invalid-quality");
        assertThat(problemType(new UploadForm(null, null, null, null, null, null, null, null, "90", null)))
                .as("PNG is lossless").isEqualTo("invalid-quality");
        assertThat(problemType(new UploadForm(null, "ftp://hooks.example/", null, null, null, null, null, null, null, null)))
                .isEqualTo("invalid-webhook-url");
        assertThat(problemType(new UploadForm(null, null, "gif", null, null, null, null, null, null, null))).isEqualTo("invalid-output-format");
        assertThat(problemType(new UploadForm(null, null, null, "0", null, null, null, null, null, null))).isEqualTo("invalid-model-version");
        assertThat(problemType(new UploadForm(null, null, null, "v2", null, null, null, null, null, null))).isEqualTo("invalid-model-version");
        assertThat(problemType(new UploadForm(null, null, null, null, "k".repeat(256), null, null, null, null, null)))
                .isEqualTo("invalid-idempotency-key");
        assertThat(request(new UploadForm(null, null, null, null, "k".repeat(255), null, null, null, null, null)).idempotencyKey()).hasSize(255);
    }

    @Test
    void forceColorIsTrueOrFalseAndItsPagesAreNumbersAndRanges() {
        UploadRequest none = request(new UploadForm(null, null, null, null, null, " ", null, null, null, null));
        assertThat(none.forceColor().isNone()).isTrue();
        UploadRequest whole = request(new UploadForm(null, null, null, null, null, " TRUE ", null, null, null, null));
        assertThat(whole.forceColor().forces(7)).isTrue();
        UploadRequest pages = request(new UploadForm(null, null, null, null, null, "false", " 5, 1-3 ,2", null, null, null));
        assertThat(pages.forceColor().pages()).containsExactly(1, 2, 3, 5);
        assertThat(pages.forceColor().forces(4)).isFalse();

        assertThat(problemType(new UploadForm(null, null, null, null, null, "yes", null, null, null, null))).isEqualTo("invalid-force-color");
        for (String bad : List.of("0", "1,,2", "a", "3-1", "1-2-3", "-2", "1-2000000000")) {
            assertThat(problemType(new UploadForm(null, null, null, null, null, null, bad, null, null, null))).as(bad)
                    .isEqualTo("invalid-force-color-pages");
        }
    }
}
