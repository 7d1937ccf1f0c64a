package dev.colorize.worker.model;

/** A model artifact that must not be served: its bytes do not match the registry's or the manifest's hash. */
public class ModelRefusedException extends RuntimeException {

    public ModelRefusedException(String message) {
        super(message);
    }
}
