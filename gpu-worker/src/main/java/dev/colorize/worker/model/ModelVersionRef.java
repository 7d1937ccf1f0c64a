package dev.colorize.worker.model;

/** A registered model version: where its artifact zip lies in the store and the SHA-256 of that zip. */
public record ModelVersionRef(int version, String artifactKey, String sha256) {
}
