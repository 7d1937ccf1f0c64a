package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersCompareByValueNotByCharacter() {
        List<String> names = new ArrayList<>(List.of("p10.png", "p2.png", "p1.png", "P3.png", "cover.png", "p002b.png"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("cover.png", "p1.png", "p2.png", "p002b.png", "P3.png", "p10.png");
    }

    @Test
    void caseIsIgnoredAndNamesDifferingOnlyInCaseHaveOneOrder() {
        List<String> names = new ArrayList<>(List.of("page10.png", "PAGE1.png", "Page2.png", "a.png", "A.png"));
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(names, new Random(i));
            names.sort(NaturalOrder.INSTANCE);
            assertThat(names).containsExactly("A.png", "a.png", "PAGE1.png", "Page2.png", "page10.png");
        }
    }

    @Test
    void aPrefixComesFirstAndPunctuationComparesAsCharacters() {
        List<String> names = new ArrayList<>(List.of("p1-2.png", "p1.png", "p1-10.png", "p"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("p", "p1-2.png", "p1-10.png", "p1.png");
    }

    @Test
    void leadingZerosDoNotChangeTheValue() {
        List<String> names = new ArrayList<>(List.of("p0010.png", "p9.png", "p000.png", "p0000000000000000000001.png"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("p000.png", "p0000000000000000000001.png", "p9.png", "p0010.png");
    }

    @Test
    void equalNumbersWithDifferentPaddingHaveOneOrderWhateverTheInput() {
        List<String> names = new ArrayList<>(List.of("p1.png", "p001.png", "p01.png", "p01a.png"));
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(names, new Random(i));
            names.sort(NaturalOrder.INSTANCE);
            assertThat(names).containsExactly("p001.png", "p01.png", "p1.png", "p01a.png");
        }
        assertThat(NaturalOrder.INSTANCE.compare("p01.png", "p1.png")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("p1.png", "p01.png")).isPositive();
        assertThat(NaturalOrder.INSTANCE.compare("p01.png", "p01.png")).isZero();
    }

    @Test
    void digitRunsLongerThanAnyPrimitiveCompareByValue() {
        String nines = "9".repeat(65_535);
        String oneAndZeros = "1" + "0".repeat(65_535);
        String paddedNines = "000" + nines;
        assertThat(NaturalOrder.INSTANCE.compare(nines, oneAndZeros)).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare(oneAndZeros, paddedNines)).isPositive();
        assertThat(NaturalOrder.INSTANCE.compare(nines + "8", nines + "9")).isNegative();
    }

    @Test
    void namesAtTheLengthCapSortLikeTheirNumbers() {
        // 2000 entries of 255 digits, as many as an archive may hold at the longest name allowed
        Random random = new Random(42);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder digits = new StringBuilder();
            int zeros = random.nextInt(4);
            digits.append("0".repeat(zeros));
            while (digits.length() < PageFileNames.MAX_LENGTH) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            names.add(digits.toString());
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(NaturalOrder.INSTANCE);
        List<String> byValue = new ArrayList<>(names);
        byValue.sort(Comparator.comparing(BigInteger::new));
        assertThat(sorted.stream().map(BigInteger::new).toList()).isEqualTo(byValue.stream().map(BigInteger::new).toList());
    }

    @Test
    void theOrderIsTransitiveWithNonAsciiDigitsAround() {
        // U+0663 is ARABIC-INDIC DIGIT THREE: it sorts as a character, not as a number that can cycle with ':'
        List<String> names = List.of("x5", "x:", "x\u0663", "x10", "x\u0661\u0660", "x-", "xa");
        for (String a : names) {
            for (String b : names) {
                for (String c : names) {
                    if (NaturalOrder.INSTANCE.compare(a, b) < 0 && NaturalOrder.INSTANCE.compare(b, c) < 0) {
                        assertThat(NaturalOrder.INSTANCE.compare(a, c)).as(a + " < " + b + " < " + c).isNegative();
                    }
                }
            }
        }
    }
}
