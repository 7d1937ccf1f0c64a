package dev.colorize.ml.infer;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * How a {@link Colorizer} runs.
 *
 * @param device "cpu", "gpu" or "auto" (a GPU when DJL's engine sees one)
 * @param threads PyTorch intra-op threads; 0 keeps the engine's default
 * @param maxBatch panels (or frameless pages) per forward pass
 * @param dropoutNoise the paper's test-time noise: decoder dropout stays on in eval mode
 * @param compositing how flats and page combine ({@link Compositing#AUTO} by default)
 * @param flatFill make each closed region's dominant color crisp (off by default: on OpenMoji validation
 *     it cost 0.2-0.3 dB, as open outlines join objects to their background; see docs/QUALITY.md)
 * @param panels color detected panels one by one at the model's resolution
 * @param pageSize long side, in pixels, at which a frameless page is colored whole (rounded to the
 *     network's stride; 0: twice the model's resolution)
 */
public record ColorizerOptions(String device, int threads, int maxBatch, boolean dropoutNoise,
        Compositing compositing, boolean flatFill, boolean panels, int pageSize) {

    public ColorizerOptions(String device, int threads, int maxBatch, boolean dropoutNoise) {
        this(device, threads, maxBatch, dropoutNoise, Compositing.AUTO, false, true, 0);
    }

    public static ColorizerOptions defaults() {
        return new ColorizerOptions("cpu", 0, 8, false);
    }

    public ColorizerOptions withCompositing(Compositing mode) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, mode, flatFill, panels, pageSize);
    }

    public ColorizerOptions withFlatFill(boolean fill) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, compositing, fill, panels, pageSize);
    }

    public ColorizerOptions withPanels(boolean detect, int frameless) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, compositing, flatFill, detect, frameless);
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
