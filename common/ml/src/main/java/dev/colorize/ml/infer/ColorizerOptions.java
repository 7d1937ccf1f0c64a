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
 * @param flatFill region flats (the default): the line art's regions, one voted color each, hints filling their
 *     regions, flats under the lines (see {@link FlatFill} and docs/QUALITY.md); false keeps the network's
 *     per-pixel flats, filling only hinted regions
 * @param panels color detected panels one by one at the model's resolution
 * @param pageSize long side, in pixels, at which a frameless page is colored whole (rounded to the
 *     network's stride; 0: twice the model's resolution)
 * @param tiling how strips (webtoon pages, tall panels) are colored in overlapping tiles
 * @param contentZoom a panel (or frameless page) whose drawing would be colored at least this many times larger
 *     cropped to the drawing ({@link PanelContent}) than letterboxed whole is colored cropped, at the model's
 *     resolution, and placed back; 0: always whole (see docs/QUALITY.md)
 */
public record ColorizerOptions(String device, int threads, int maxBatch, boolean dropoutNoise,
        Compositing compositing, boolean flatFill, boolean panels, int pageSize, Tiling tiling, double contentZoom) {

    /** The default {@link #contentZoom}. */
    public static final double CONTENT_ZOOM = 1.5;

    /**
     * A region (page or panel) whose long side is more than {@code stripAspect} times its short side is scaled to
     * the inference resolution on its short side and colored as square tiles along its long side (see
     * {@link StripTiles}); shorter regions are letterboxed whole.
     *
     * @param stripAspect long side over short side above which a region is tiled (manga and comic pages are
     *     1.3-1.6, webtoon strips 3-20 and more)
     * @param overlap least overlap of neighbouring tiles, as a share of the tile (under 0.5)
     * @param blend share of the overlap across which the tiles' weights ramp linearly (1: all of it; 0: a hard
     *     cut in its middle, which shows seams: see docs/QUALITY.md)
     */
    public record Tiling(double stripAspect, double overlap, double blend) {

        public Tiling {
            if (stripAspect < 1 || overlap <= 0 || overlap >= 0.5 || blend < 0 || blend > 1) {
                throw new IllegalArgumentException("tiling needs stripAspect >= 1, overlap in (0, 0.5) and blend in"
                        + " [0, 1], not " + stripAspect + ", " + overlap + ", " + blend);
            }
        }

        public static Tiling defaults() {
            return new Tiling(2.0, 0.25, 1.0);
        }
    }

    public ColorizerOptions(String device, int threads, int maxBatch, boolean dropoutNoise) {
        this(device, threads, maxBatch, dropoutNoise, Compositing.AUTO, true, true, 0, Tiling.defaults(), CONTENT_ZOOM);
    }

    public static ColorizerOptions defaults() {
        return new ColorizerOptions("cpu", 0, 8, false);
    }

    public ColorizerOptions withCompositing(Compositing mode) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, mode, flatFill, panels, pageSize, tiling,
                contentZoom);
    }

    public ColorizerOptions withFlatFill(boolean fill) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, compositing, fill, panels, pageSize, tiling,
                contentZoom);
    }

    public ColorizerOptions withPanels(boolean detect, int frameless) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, compositing, flatFill, detect, frameless,
                tiling, contentZoom);
    }

    public ColorizerOptions withTiling(Tiling strips) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, compositing, flatFill, panels, pageSize,
                strips, contentZoom);
    }

    public ColorizerOptions withContentZoom(double zoom) {
        return new ColorizerOptions(device, threads, maxBatch, dropoutNoise, compositing, flatFill, panels, pageSize,
                tiling, zoom);
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
