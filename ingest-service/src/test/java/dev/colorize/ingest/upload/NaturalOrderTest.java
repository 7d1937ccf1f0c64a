package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersCompareByValueNotByCharacter() {
        List<String> names = new ArrayList<>(List.of("p10.png", "p2.png", "p1.png", "P3.png", "cover.png", "p002b.png"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("cover.png", "p1.png", "p2.png", "p002b.png", "P3.png", "p10.png");
    }
}
