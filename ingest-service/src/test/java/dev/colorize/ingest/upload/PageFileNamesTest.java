package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.rest.ApiProblem;
import dev.colorize.platform.errors.Refused;
import org.junit.jupiter.api.Test;

class PageFileNamesTest {

    @Test
    void ordinaryNamesUpToTheCapPass() {
        for (String name : new String[] {"001.png", "第1話/p 01 (カラー).jpg", "a".repeat(PageFileNames.MAX_LENGTH), null}) {
            assertThatCode(() -> PageFileNames.check(name, 1, "Page 1")).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void aNameOverTheCapIsRefusedWithItsLengthAndAShortenedName() {
        ApiProblem problem = refused("a".repeat(PageFileNames.MAX_LENGTH + 1) + ".png", 3);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("/invalid-file-name");
        assertThat(problem.page()).isEqualTo(3);
        assertThat(problem.detail()).startsWith("Page 3 'aaa").contains("260 characters, more than the limit of 255");
        assertThat(problem.file()).startsWith("aaa").endsWith("...").hasSize(83);
    }

    @Test
    void controlCharactersAreRefusedNamedAndEscaped() {
        for (char control : new char[] {'\u0000', '\n', '\r', '\u001b', '\u007f', '\u0085'}) {
            ApiProblem problem = refused("p" + control + ".png", 2);
            String hex = String.format("%04x", (int) control);
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.type()).endsWith("/invalid-file-name");
            assertThat(problem.detail()).contains("control character U+" + hex.toUpperCase());
            assertThat(problem.file()).isEqualTo("p\\u" + hex + ".png");
        }
    }

    private static ApiProblem refused(String name, int page) {
        return ApiProblem.of(catchThrowableOfType(Refused.class, () -> PageFileNames.check(name, page, "Page " + page)));
    }
}
