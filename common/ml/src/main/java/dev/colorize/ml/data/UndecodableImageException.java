package dev.colorize.ml.data;

/** The bytes are not an image OpenCV can decode (corrupt, truncated, unsupported format). */
public class UndecodableImageException extends RuntimeException {
    public UndecodableImageException(String message) {
        super(message);
    }
}
