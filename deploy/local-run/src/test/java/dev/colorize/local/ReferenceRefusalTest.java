package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How the local run reports a reference the service refused: the file, the status, the problem's kind and detail. */
class ReferenceRefusalTest {

    private static final LocalOptions.ReferenceImage AIKO =
            new LocalOptions.ReferenceImage(Path.of("/refs/aiko.png"), Path.of("/refs/aiko.lines.png"));

    @Test
    void aProblemIsReportedWithItsFileKindAndDetail() throws Exception {
        JsonHttp.Refused refused = new JsonHttp.Refused("POST /v1/series/local/references answered 400: {...}", 400,
                JsonHttp.JSON.readTree("""
                        {"type":"https://colorize.dev/problems/lines-aspect-mismatch","title":"Bad Request","status":400,
                         "detail":"aiko.lines.png is 1000x1000, aiko.png 800x1200","field":"lines","file":"aiko.lines.png"}"""));

        assertThat(LocalRun.refusal(AIKO, refused)).isEqualTo("--reference: aiko.lines.png refused by the service "
                + "(400 lines-aspect-mismatch): aiko.lines.png is 1000x1000, aiko.png 800x1200");
    }

    @Test
    void anAnswerWithoutProblemNamesTheColoredImageAndQuotesTheAnswer() {
        JsonHttp.Refused refused = new JsonHttp.Refused("POST /v1/series/local/references answered 502: bad gateway",
                502, JsonHttp.JSON.missingNode());

        assertThat(LocalRun.refusal(AIKO, refused)).isEqualTo("--reference: aiko.png refused by the service (502): "
                + "POST /v1/series/local/references answered 502: bad gateway");
    }
}
