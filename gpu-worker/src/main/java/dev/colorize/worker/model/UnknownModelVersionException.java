package dev.colorize.worker.model;

/** A job pinned a model version the registry does not know. */
public class UnknownModelVersionException extends RuntimeException {

    public UnknownModelVersionException(int version) {
        super("model version " + version + " is not registered");
    }
}
