package dev.colorize.ml.artifact;

/** A model artifact is incomplete, of an unknown format, or its weights do not match the manifest's hash. */
public class ArtifactIntegrityException extends RuntimeException {
    public ArtifactIntegrityException(String message) {
        super(message);
    }
}
