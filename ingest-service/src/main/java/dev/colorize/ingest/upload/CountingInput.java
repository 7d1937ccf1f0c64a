package dev.colorize.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that knows how many bytes it has given or skipped: where a scan of a file has got to. */
final class CountingInput extends FilterInputStream {

    private long position;

    CountingInput(InputStream in) {
        super(in);
    }

    long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        position += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
