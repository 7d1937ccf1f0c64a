package dev.colorize.platform.image;

/** The bytes are not a PNG, JPEG or WebP image whose size can be read from its header. */
public class UnreadableImageHeaderException extends IllegalArgumentException {

    public UnreadableImageHeaderException(String message) {
        super(message);
    }
}
