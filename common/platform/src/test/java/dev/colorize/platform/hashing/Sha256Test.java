package dev.colorize.platform.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void matchesTheFips180TestVectorForEveryInputKind(@TempDir Path dir) throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("abc"), abc);

        assertThat(HexFormat.of().formatHex(Sha256.digest(abc))).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.digest("abc"))).isEqualTo(ABC);
        assertThat(Sha256.hex(abc)).isEqualTo(ABC);
        assertThat(Sha256.hex(file)).isEqualTo(ABC);
        assertThat(Sha256.hex(new ByteArrayInputStream(abc))).isEqualTo(ABC);
    }

    @Test
    void hashesStringsAsUtf8() {
        assertThat(Sha256.digest("Zoë")).isEqualTo(Sha256.digest("Zoë".getBytes(StandardCharsets.UTF_8)));
    }
}
