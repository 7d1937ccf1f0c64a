package dev.colorize.trainer.dataset.triplet;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Pixel arithmetic shared by the renderer, the filter and the page composer (8-bit sRGB, no color management). */
public final class Pixels {

    /** A channel at or above this counts as white. */
    public static final int WHITE = 250;
    /** A gray below this counts as a dark (line) pixel. */
    public static final int DARK = 128;

    private Pixels() {}

    /** ARGB composited over white into an RGB image. */
    public static BufferedImage rgbOnWhite(BufferedImage argb) {
        int w = argb.getWidth();
        int h = argb.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, onWhite(argb.getRGB(x, y)));
            }
        }
        return out;
    }

    /** ARGB composited over white, then its luma (BT.601) as 8-bit gray. */
    public static BufferedImage grayOnWhite(BufferedImage argb) {
        int w = argb.getWidth();
        int h = argb.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] gray = grayBytes(out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gray[y * w + x] = (byte) luma(onWhite(argb.getRGB(x, y)));
            }
        }
        return out;
    }

    /** Pixels whose alpha is at least one half. */
    public static boolean[] coverage(BufferedImage argb) {
        int w = argb.getWidth();
        boolean[] covered = new boolean[w * argb.getHeight()];
        for (int i = 0; i < covered.length; i++) {
            covered[i] = (argb.getRGB(i % w, i / w) >>> 24) >= 128;
        }
        return covered;
    }

    /** The backing array of an 8-bit gray image (row-major, no padding). */
    public static byte[] grayBytes(BufferedImage gray) {
        if (gray.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("not an 8-bit gray image: type " + gray.getType());
        }
        return ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
    }

    public static int gray(BufferedImage gray, int x, int y) {
        return gray.getRaster().getSample(x, y, 0);
    }

    /** RGB flats times gray lines, pixel by pixel: the composite of separately drawn layers. */
    public static BufferedImage multiply(BufferedImage flats, BufferedImage lines) {
        int w = flats.getWidth();
        int h = flats.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, multiply(flats.getRGB(x, y), gray(lines, x, y)));
            }
        }
        return out;
    }

    /** One RGB pixel times a gray (the multiply blend): what black line art does to the paint under it. */
    public static int multiply(int rgb, int gray) {
        int r = ((rgb >> 16) & 0xFF) * gray;
        int g = ((rgb >> 8) & 0xFF) * gray;
        int b = (rgb & 0xFF) * gray;
        return ((r + 127) / 255) << 16 | ((g + 127) / 255) << 8 | (b + 127) / 255;
    }

    public static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF) + 500) / 1000;
    }

    /** The largest of the three channels' absolute differences between two RGB pixels. */
    public static int maxChannelDifference(int a, int b) {
        return Math.max(Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)),
                Math.max(Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
    }

    public static boolean isWhite(int rgb) {
        return ((rgb >> 16) & 0xFF) >= WHITE && ((rgb >> 8) & 0xFF) >= WHITE && (rgb & 0xFF) >= WHITE;
    }

    private static int onWhite(int argb) {
        int a = argb >>> 24;
        int r = ((argb >> 16) & 0xFF) * a + 255 * (255 - a);
        int g = ((argb >> 8) & 0xFF) * a + 255 * (255 - a);
        int b = (argb & 0xFF) * a + 255 * (255 - a);
        return ((r + 127) / 255) << 16 | ((g + 127) / 255) << 8 | (b + 127) / 255;
    }
}
