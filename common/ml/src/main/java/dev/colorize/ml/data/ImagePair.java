package dev.colorize.ml.data;

/**
 * One (sketch, color) pair at model size, channel-first, values in [-1, 1] as pix2pix normalises.
 *
 * @param sketch 1 x size x size (line art), or more planes (hints after the line art)
 * @param color 3 x size x size, RGB
 * @param lossWeights size x size weights of the L1 term per pixel, or null: all 1
 */
public record ImagePair(float[] sketch, float[] color, int size, float[] lossWeights) {

    public ImagePair(float[] sketch, float[] color, int size) {
        this(sketch, color, size, null);
    }
}
