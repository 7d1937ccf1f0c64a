package dev.colorize.ml.infer;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * How a {@link Colorizer} runs.
 *
 * @param device "cpu", "gpu" or "auto" (a GPU when DJL's engine sees one)
 * @param threads PyTorch intra-op threads; 0 keeps the engine's default
 * @param maxBatch pages per forward pass
 * @param dropoutNoise the paper's test-time noise: decoder dropout stays on in eval mode
 */
public record ColorizerOptions(String device, int threads, int maxBatch, boolean dropoutNoise) {

    public static ColorizerOptions defaults() {
        return new ColorizerOptions("cpu", 0, 8, false);
    }

    public Device resolveDevice() {
        return switch (device) {
            case "cpu" -> Device.cpu();
            case "gpu" -> Device.gpu();
            case "auto" -> Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            default -> throw new IllegalArgumentException("device must be cpu, gpu or auto, not " + device);
        };
    }
}
