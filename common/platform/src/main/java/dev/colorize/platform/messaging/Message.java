package dev.colorize.platform.messaging;

/** A message on a topic: a versioned record with the key Kafka partitions it by. */
public interface Message {

    int schemaVersion();

    /** The Kafka record key. */
    String key();

    static void requireVersion(int supported, int actual, String type) {
        if (actual != supported) {
            throw new UnsupportedMessageException(type + " schema version " + actual
                    + " is not supported (this build reads version " + supported + ")");
        }
    }
}
