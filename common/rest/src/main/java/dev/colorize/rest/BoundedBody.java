package dev.colorize.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A request body read from its stream up to a limit of bytes. A longer body is refused as soon as the byte past the
 * limit arrives, so no body is held (or parsed) whole before its size is judged: the service-wide body limit is sized
 * for uploads, which are spooled to disk, not for bodies read into the heap.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The whole body, at most {@code limit} bytes; more throws {@code tooLarge}'s problem. */
    public static byte[] read(InputStream body, long limit, Supplier<? extends RuntimeException> tooLarge) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw tooLarge.get();
        }
        return bytes;
    }

    /** The body as a stream that throws {@code tooLarge}'s problem when a byte past {@code limit} is read. */
    public static InputStream limited(InputStream body, long limit, Supplier<? extends RuntimeException> tooLarge) {
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, limit + 1 - read));
                if (n > 0) {
                    counted(n);
                }
                return n;
            }

            private void counted(int n) {
                read += n;
                if (read > limit) {
                    throw tooLarge.get();
                }
            }
        };
    }
}
