package dev.colorize.platform.messaging;

/** A message that cannot be read: malformed JSON, missing fields, or an unknown schema version. */
public class UnsupportedMessageException extends RuntimeException {

    public UnsupportedMessageException(String message) {
        super(message);
    }

    public UnsupportedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
