package dev.colorize.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aGeneratedKeyShowsItsFirstTenCharacters() {
        String key = ApiKeys.generate();
        assertThat(key).startsWith("ck_").hasSize(46);
        assertThat(ApiKeys.prefix(key)).isEqualTo(key.substring(0, 10));
    }

    @Test
    void aShortConfiguredKeyShowsAtMostAQuarterOfItself() {
        assertThat(ApiKeys.prefix("0123456789abcdef")).isEqualTo("0123");
    }
}
