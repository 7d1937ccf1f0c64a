package dev.colorize.ml.data;

/**
 * One (sketch, color) pair at model size, channel-first, values in [-1, 1] as pix2pix normalises.
 *
 * @param sketch 1 x size x size
 * @param color 3 x size x size, RGB
 */
public record ImagePair(float[] sketch, float[] color, int size) {}
