package dev.colorize.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WebhookUrlGuardTest {

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName("93.184.216.34"))).isFalse();
    }

    @Test
    void cidrsMatchByPrefix() throws Exception {
        assertThat(WebhookUrlGuard.inCidr(InetAddress.getByName("127.9.9.9"), "127.0.0.0/8")).isTrue();
        assertThat(WebhookUrlGuard.inCidr(InetAddress.getByName("128.0.0.1"), "127.0.0.0/8")).isFalse();
        assertThat(WebhookUrlGuard.inCidr(InetAddress.getByName("10.0.0.5"), "10.0.0.4/30")).isTrue();
        assertThat(WebhookUrlGuard.inCidr(InetAddress.getByName("10.0.0.8"), "10.0.0.4/30")).isFalse();
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentialsAreAccepted() {
        assertThat(WebhookUrlGuard.syntaxProblem("https://hooks.example/x")).isNull();
        assertThat(WebhookUrlGuard.syntaxProblem("file:///etc/passwd")).isNotNull();
        assertThat(WebhookUrlGuard.syntaxProblem("https://user:pw@hooks.example/")).isNotNull();
    }
}
