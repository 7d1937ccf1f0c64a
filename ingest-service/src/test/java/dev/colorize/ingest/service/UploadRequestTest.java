package dev.colorize.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageOutput;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadRequestTest {

    private static String fingerprint(String title, OutputFormat format, Integer model, List<String> parts) {
        return new UploadRequest(title, null, format, model, "key", parts, () -> null).fingerprint();
    }

    @Test
    void theSameRequestHasTheSameFingerprintWhateverItsKey() {
        String a = fingerprint("Ch 1", OutputFormat.PNG, 3, List.of("pages/1.png/100"));
        assertThat(new UploadRequest("Ch 1", null, OutputFormat.PNG, 3, "other-key", List.of("pages/1.png/100"), () -> null)
                .fingerprint()).isEqualTo(a).hasSize(64);
    }

    @Test
    void anyDifferentFieldOrPartChangesTheFingerprint() {
        String a = fingerprint("Ch 1", OutputFormat.PNG, 3, List.of("pages/1.png/100"));
        assertThat(List.of(
                fingerprint("Ch 2", OutputFormat.PNG, 3, List.of("pages/1.png/100")),
                fingerprint("Ch 1", OutputFormat.JPEG, 3, List.of("pages/1.png/100")),
                fingerprint("Ch 1", OutputFormat.PNG, null, List.of("pages/1.png/100")),
                fingerprint("Ch 1", OutputFormat.PNG, 3, List.of("pages/1.png/101")),
                fingerprint("Ch 1", OutputFormat.PNG, 3, List.of("pages/1.png/100", "pages/2.png/100")))).doesNotContain(a);
    }

    @Test
    void outputsAndQualityChangeTheFingerprintAndTheirAbsenceKeepsThatOfEarlierUploads() {
        String plain = fingerprint("Ch 1", OutputFormat.JPEG, null, List.of("pages/1.png/100"));
        assertThat(plain).as("the fingerprint before outputs and quality existed").isEqualTo(Sha256.hex(Sha256.digest(
                "4:Ch 1\n-\n4:JPEG\n-\n15:pages/1.png/100\n")));
        String layers = new UploadRequest("Ch 1", null, OutputFormat.JPEG, null, "key", List.of("pages/1.png/100"),
                () -> null, ForcedColoring.none(), Set.of(PageOutput.LAYERS), null, null).fingerprint();
        String quality = new UploadRequest("Ch 1", null, OutputFormat.JPEG, null, "key", List.of("pages/1.png/100"),
                () -> null, ForcedColoring.none(), null, 80, null).fingerprint();
        String series = new UploadRequest("Ch 1", null, OutputFormat.JPEG, null, "key", List.of("pages/1.png/100"),
                () -> null, ForcedColoring.none(), null, null, "aiko").fingerprint();
        assertThat(List.of(layers, quality, series)).doesNotContain(plain).doesNotHaveDuplicates();
    }

    @Test
    void valuesCannotBeShiftedFromOneFieldIntoTheNext() {
        assertThat(fingerprint("a", OutputFormat.PNG, null, List.of("b")))
                .isNotEqualTo(fingerprint("a\n2:b", OutputFormat.PNG, null, List.of()))
                .isNotEqualTo(fingerprint(null, OutputFormat.PNG, null, List.of("a", "b")));
    }

    @Test
    void forcedColoringChangesTheFingerprintOnlyWhenAskedFor() {
        String plain = fingerprint("Ch 1", OutputFormat.PNG, 3, List.of("pages/1.png/100"));
        assertThat(request(ForcedColoring.none()).fingerprint()).as("as before the option existed").isEqualTo(plain);
        assertThat(List.of(request(new ForcedColoring(true, new java.util.TreeSet<>())).fingerprint(),
                request(new ForcedColoring(false, new java.util.TreeSet<>(List.of(1)))).fingerprint()))
                .doesNotContain(plain).doesNotHaveDuplicates();
    }

    private static UploadRequest request(ForcedColoring force) {
        return new UploadRequest("Ch 1", null, OutputFormat.PNG, 3, "key", List.of("pages/1.png/100"), () -> null, force, null, null,
                null);
    }
}
