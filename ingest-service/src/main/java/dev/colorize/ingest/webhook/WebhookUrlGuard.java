package dev.colorize.ingest.webhook;

import dev.colorize.ingest.config.IngestConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Server-side request forgery guard. A webhook URL must be http(s) with a host; at send time every
 * address the host resolves to must be public: no loopback, private, link-local (which covers cloud
 * metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast, unspecified or reserved
 * address, nor one of the IPv6 ranges that carry an IPv4 address (NAT64, 6to4), unless
 * colorize.ingest.webhook.ssrf-allow names the host or a CIDR containing the address. Redirects are
 * never followed, so a public URL cannot bounce the request inside. The check pins the address it
 * judged ({@link Verdict#pinned}) and the exchange connects to exactly that address: a second lookup
 * could be answered differently (DNS rebinding) and reach an internal address after a public one was
 * checked. The allow-list is parsed on start (hence {@link Startup}): a malformed entry stops the
 * service instead of silently allowing or blocking.
 */
@Startup
@ApplicationScoped
public class WebhookUrlGuard {

    private static final String ALLOW_SETTING = "colorize.ingest.webhook.ssrf-allow";

    /** Non-public ranges that InetAddress has no predicate for. */
    private static final List<Cidr> BLOCKED = Stream.of(
            "0.0.0.0/8", // "this network"
            "100.64.0.0/10", // carrier-grade NAT
            "198.18.0.0/15", // benchmarking, routed inside some networks
            "240.0.0.0/4", // reserved, and the limited broadcast address
            "fc00::/7", // unique-local
            "64:ff9b::/96", // NAT64: reaches the IPv4 address in its last 32 bits, private ones included
            "2002::/16") // 6to4: embeds an IPv4 address too
            .map(Cidr::parse).toList();

    /**
     * Whether a URL may be sent to now. When it may, pinned is the checked address to connect to, or
     * null for a host the allow-list names, which is trusted by name and never looked up here.
     */
    public record Verdict(String forbidden, InetAddress pinned) {

        static Verdict forbidden(String reason) {
            return new Verdict(reason, null);
        }
    }

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final HostResolver resolver;
    private final Duration lookupDeadline;
    private final ExecutorService lookups;

    @Inject
    public WebhookUrlGuard(IngestConfig config) {
        this(config, HostResolver.SYSTEM);
    }

    WebhookUrlGuard(IngestConfig config, HostResolver resolver) {
        this.resolver = resolver;
        this.lookupDeadline = config.webhook().timeout();
        // the system's lookup cannot be interrupted: it runs on its own threads, and an attempt waits for it no
        // longer than the attempt's deadline (a stuck lookup holds a lookup thread, never a sender)
        AtomicInteger threads = new AtomicInteger();
        this.lookups = Executors.newFixedThreadPool(config.webhook().concurrency(), task -> {
            Thread thread = new Thread(task, "webhook-lookup-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (String entry : config.webhook().ssrfAllow().orElse(List.of())) {
            String trimmed = entry.trim();
            if (!trimmed.contains("/")) {
                allowedHosts.add(trimmed);
                continue;
            }
            try {
                allowedRanges.add(Cidr.parse(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ALLOW_SETTING + ": " + e.getMessage(), e);
            }
        }
    }

    /** The URL's problem as a sentence, or null when it is a well-formed http(s) URL. */
    public static String syntaxProblem(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "a webhook URL must use http or https";
            }
            if (uri.getHost() == null) {
                return "a webhook URL needs a host";
            }
            if (uri.getUserInfo() != null) {
                return "a webhook URL must not carry credentials";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "not a URL: " + e.getMessage();
        }
    }

    /** Whether sending to this URL now is allowed, and to which address. */
    public Verdict check(URI uri) {
        String problem = syntaxProblem(uri.toString());
        if (problem != null) {
            return Verdict.forbidden(problem);
        }
        String host = uri.getHost();
        if (allowedHosts.stream().anyMatch(a -> a.equalsIgnoreCase(host))) {
            return new Verdict(null, null);
        }
        InetAddress[] addresses;
        Future<InetAddress[]> lookup = lookups.submit(() -> resolver.resolve(host));
        try {
            addresses = lookup.get(lookupDeadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return Verdict.forbidden("host " + host + " does not resolve"
                    + (e.getCause() instanceof UnknownHostException ? "" : ": " + e.getCause()));
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return Verdict.forbidden("host " + host + " did not resolve within " + lookupDeadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            return Verdict.forbidden("interrupted while looking up host " + host);
        }
        // every address is judged, not only the one pinned: a name with any internal address is refused
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
                return Verdict.forbidden("host " + host + " resolves to the non-public address "
                        + address.getHostAddress() + " (" + ALLOW_SETTING + " can permit it)");
            }
        }
        return new Verdict(null, addresses[0]);
    }

    static boolean isInternal(InetAddress a) {
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || BLOCKED.stream().anyMatch(range -> range.contains(a));
    }

    /** An address range in CIDR notation, parsed without DNS; the prefix must fit the address family. */
    record Cidr(byte[] network, int prefix) {

        private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
        private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = slash < 0 ? null : addressLiteral(text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR: expected an IPv4 or IPv6 address, "
                        + "'/', a prefix length");
            }
            String prefix = text.substring(slash + 1);
            int bits = network.length * 8;
            if (!PREFIX.matcher(prefix).matches() || Integer.parseInt(prefix) > bits) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR: the prefix length must be 0 to "
                        + bits + " for an IPv" + (bits == 32 ? 4 : 6) + " address");
            }
            return new Cidr(network, Integer.parseInt(prefix));
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((network[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** The address's bytes, or null when it is not an IP literal; never a DNS lookup. */
        private static byte[] addressLiteral(String text) {
            var v4 = IPV4.matcher(text);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return bytes;
            }
            if (!text.contains(":")) {
                return null;
            }
            try {
                // brackets make InetAddress treat it as an IPv6 literal only, never a host name to resolve
                return InetAddress.getByName("[" + text + "]").getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
