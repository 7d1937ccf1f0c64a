package dev.colorize.platform.hints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.platform.messaging.UnsupportedMessageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColorHintsTest {

    @Test
    void storedPointsReadBackWithTheirColorsPacked() {
        ColorHints hints = ColorHints.of(List.of(new ColorHints.Point(10.5, 20, "#d03030", 4),
                new ColorHints.Point(0, 0, "#0a0b0c", 1)));

        ColorHints read = ColorHints.parse(hints.toJson());

        assertThat(read).isEqualTo(hints);
        assertThat(hints.toJson()).startsWith("{\"schemaVersion\":1,\"points\":[");
        assertThat(read.points().get(0).rgb()).isEqualTo(0xd03030);
        assertThat(read.points().get(1).rgb()).isEqualTo(0x0a0b0c);
    }

    @Test
    void anotherSchemaVersionIsRefused() {
        assertThatThrownBy(() -> ColorHints.parse("{\"schemaVersion\":2,\"points\":[]}"))
                .isInstanceOf(UnsupportedMessageException.class).hasMessageContaining("schema version 2");
    }
}
