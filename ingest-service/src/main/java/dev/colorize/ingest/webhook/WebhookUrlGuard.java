package dev.colorize.ingest.webhook;

import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Server-side request forgery guard. A webhook URL must be http(s) with a host; at send time every
 * address the host resolves to must be public: no loopback, private, link-local (which covers cloud
 * metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast or unspecified address, unless
 * colorize.ingest.webhook.ssrf-allow names the host or a CIDR containing the address. Redirects are
 * never followed, so a public URL cannot bounce the request inside.
 */
@ApplicationScoped
public class WebhookUrlGuard {

    private final List<String> allowed;

    public WebhookUrlGuard(IngestConfig config) {
        this.allowed = config.webhook().ssrfAllow().orElse(List.of());
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

    /** Why sending to this URL now is forbidden, or null when it may be sent to. */
    public String forbiddenReason(URI uri) {
        String problem = syntaxProblem(uri.toString());
        if (problem != null) {
            return problem;
        }
        String host = uri.getHost();
        if (allowed.stream().anyMatch(a -> a.equalsIgnoreCase(host))) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowed.stream().noneMatch(a -> a.contains("/") && inCidr(address, a))) {
                return "host " + host + " resolves to the non-public address " + address.getHostAddress()
                        + " (colorize.ingest.webhook.ssrf-allow can permit it)";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress a) {
        byte[] b = a.getAddress();
        boolean carrierGradeNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || carrierGradeNat || uniqueLocalV6 || (b.length == 4 && (b[0] & 0xff) == 0);
    }

    static boolean inCidr(InetAddress address, String cidr) {
        String[] parts = cidr.split("/");
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] candidate = address.getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((network[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
