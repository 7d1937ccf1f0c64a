package dev.colorize.worker.model;

import dev.colorize.ml.infer.Colorizer;

/** A model version ready to color pages. */
public record LoadedModel(int version, Colorizer colorizer) implements AutoCloseable {

    @Override
    public void close() {
        colorizer.close();
    }
}
