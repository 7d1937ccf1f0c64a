package dev.colorize.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Request bodies of hundreds of MB generated as they are sent, so a test can send more than its server's heap without
 * holding it: the pieces are read one after the other.
 */
final class GeneratedBodies {

    private final List<InputStream> pieces = new ArrayList<>();
    private long length;

    GeneratedBodies text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    GeneratedBodies bytes(byte[] bytes) {
        return add(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** {@code count} bytes of zeros. */
    GeneratedBodies zeros(long count) {
        return repeated(new byte[] {0}, count);
    }

    /** {@code unit} again and again, {@code count} bytes of it in all. */
    GeneratedBodies repeated(byte[] unit, long count) {
        return add(new Repeating(unit, count), count);
    }

    long length() {
        return length;
    }

    /**
     * Sends the body with its length and returns the answer; a server that answers before the body is all sent may
     * close the connection meanwhile, which the answer read first shows.
     */
    HttpResponse<String> send(String method, URI uri, String apiKey, String contentType)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(Collections.enumeration(pieces))), length))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private GeneratedBodies add(InputStream piece, long bytes) {
        pieces.add(piece);
        length += bytes;
        return this;
    }

    /** A unit of bytes repeated, generated as read. */
    private static final class Repeating extends InputStream {
        private final byte[] unit;
        private long left;
        private int at;

        Repeating(byte[] unit, long count) {
            this.unit = unit;
            this.left = count;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            byte b = unit[at];
            at = (at + 1) % unit.length;
            return b & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = unit[at];
                at = at + 1 == unit.length ? 0 : at + 1;
            }
            left -= n;
            return n;
        }
    }
}
