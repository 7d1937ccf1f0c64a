package dev.colorize.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.config.IngestConfigs;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
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
    void benchmarkingReservedNat64And6to4RangesAreBlocked() throws Exception {
        for (String blocked : new String[] {"198.18.0.1", "198.19.255.254", "240.0.0.1", "255.255.255.255",
                "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::"}) {
            assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName(blocked))).as(blocked).isTrue();
        }
        for (String open : new String[] {"198.17.255.255", "198.20.0.1", "223.255.255.254",
                "64:ff9b:0:0:0:1::1", "2001:4860:4860::8888", "2003::1"}) {
            assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName(open))).as(open).isFalse();
        }
    }

    @Test
    void multicastAndCarrierGradeNatAreBlockedUpToTheirEdges() throws Exception {
        for (String blocked : new String[] {"224.0.0.1", "239.255.255.250", "ff02::1", "100.64.0.0", "100.127.255.255"}) {
            assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName(blocked))).as(blocked).isTrue();
        }
        for (String open : new String[] {"100.63.255.255", "100.128.0.0", "223.255.255.255"}) {
            assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName(open))).as(open).isFalse();
        }
    }

    @Test
    void anIpv4MappedIpv6AddressIsJudgedByItsIpv4Address() throws Exception {
        for (String blocked : new String[] {"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
                "::ffff:100.64.0.1"}) {
            assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName(blocked))).as(blocked).isTrue();
        }
        assertThat(WebhookUrlGuard.isInternal(InetAddress.getByName("::ffff:93.184.216.34"))).isFalse();
    }

    @Test
    void addressLiteralsInUrlsAreJudgedWithoutDns() {
        WebhookUrlGuard guard = new WebhookUrlGuard(IngestConfigs.of(Map.of()));
        assertThat(guard.check(URI.create("http://93.184.216.34/hook")).forbidden()).isNull();
        assertThat(guard.check(URI.create("http://[::1]:8080/hook")).forbidden()).contains("non-public address");
        assertThat(guard.check(URI.create("http://[::ffff:a9fe:a9fe]/latest/meta-data")).forbidden())
                .contains("non-public address 169.254.169.254");
        assertThat(guard.check(URI.create("http://[64:ff9b::a00:1]/hook")).forbidden()).contains("non-public address");
        assertThat(guard.check(URI.create("ftp://93.184.216.34/hook")).forbidden()).contains("http or https");
    }

    @Test
    void anAllowedHostNameIsLetThroughWhateverItsCaseAndWithoutLookingItUp() {
        WebhookUrlGuard guard = new WebhookUrlGuard(config("hooks.internal"));
        assertThat(guard.check(URI.create("https://HOOKS.Internal/x")).forbidden()).isNull();
    }

    @Test
    void cidrsMatchByPrefix() throws Exception {
        assertThat(WebhookUrlGuard.Cidr.parse("127.0.0.0/8").contains(InetAddress.getByName("127.9.9.9"))).isTrue();
        assertThat(WebhookUrlGuard.Cidr.parse("127.0.0.0/8").contains(InetAddress.getByName("128.0.0.1"))).isFalse();
        assertThat(WebhookUrlGuard.Cidr.parse("10.0.0.4/30").contains(InetAddress.getByName("10.0.0.5"))).isTrue();
        assertThat(WebhookUrlGuard.Cidr.parse("10.0.0.4/30").contains(InetAddress.getByName("10.0.0.8"))).isFalse();
        assertThat(WebhookUrlGuard.Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(WebhookUrlGuard.Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(WebhookUrlGuard.Cidr.parse("fd00::/8").contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    void anAllowedRangeLetsItsAddressesThrough() {
        WebhookUrlGuard guard = new WebhookUrlGuard(config("127.0.0.0/8"));
        assertThat(guard.check(URI.create("http://127.0.0.1:8080/hook")).forbidden()).isNull();
        assertThat(new WebhookUrlGuard(config("10.0.0.0/8")).check(URI.create("http://127.0.0.1/hook")).forbidden())
                .contains("non-public address 127.0.0.1");
    }

    @Test
    void aNameIsLookedUpOnceAndTheCheckedAddressIsPinned() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        WebhookUrlGuard guard = new WebhookUrlGuard(IngestConfigs.of(Map.of()),
                host -> new InetAddress[] {publicAddress, InetAddress.getByName("93.184.216.35")});
        assertThat(guard.check(URI.create("https://hooks.example/x")))
                .isEqualTo(new WebhookUrlGuard.Verdict(null, publicAddress));
    }

    @Test
    void aLookupThatHangsEndsWithinTheAttemptsDeadline() {
        // a resolver that does not answer: the system's lookup can take tries x timeouts of resolv.conf
        WebhookUrlGuard guard = new WebhookUrlGuard(IngestConfigs.of(Map.of("colorize.ingest.webhook.timeout", "500ms")),
                host -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new InetAddress[] {InetAddress.getByName("93.184.216.34")};
                });

        long started = System.nanoTime();
        WebhookUrlGuard.Verdict verdict = guard.check(URI.create("https://slow-dns.example/x"));

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(verdict.forbidden()).isEqualTo("host slow-dns.example did not resolve within 500 ms");
        assertThat(verdict.pinned()).isNull();
    }

    @Test
    void aNameWithAnyInternalAddressIsRefusedNothingPinned() {
        WebhookUrlGuard guard = new WebhookUrlGuard(IngestConfigs.of(Map.of()), host -> new InetAddress[] {
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254")});
        WebhookUrlGuard.Verdict verdict = guard.check(URI.create("https://hooks.example/x"));
        assertThat(verdict.forbidden()).contains("non-public address 169.254.169.254");
        assertThat(verdict.pinned()).isNull();
    }

    @Test
    void aMalformedAllowListEntryIsAStartUpErrorNamingIt() {
        for (String bad : new String[] {"10.0.0.0/-1", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x",
                "10.0.0.256/8", "fd00::zz/8", "10.0.0/8", "hooks.internal/8", "/8"}) {
            assertThatThrownBy(() -> new WebhookUrlGuard(config("127.0.0.0/8," + bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("colorize.ingest.webhook.ssrf-allow")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentialsAreAccepted() {
        assertThat(WebhookUrlGuard.syntaxProblem("https://hooks.example/x")).isNull();
        assertThat(WebhookUrlGuard.syntaxProblem("file:///etc/passwd")).isNotNull();
        assertThat(WebhookUrlGuard.syntaxProblem("https://user:pw@hooks.example/")).isNotNull();
    }

    private static IngestConfig config(String ssrfAllow) {
        return IngestConfigs.of(Map.of("colorize.ingest.webhook.ssrf-allow", ssrfAllow));
    }
}
