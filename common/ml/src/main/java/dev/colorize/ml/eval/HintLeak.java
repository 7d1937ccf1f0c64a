package dev.colorize.ml.eval;

import java.util.HashSet;
import java.util.Set;
import org.opencv.core.Mat;

/**
 * How far hints flood: the share of the page whose flats are exactly one of the hints' colors while the true
 * flats there are clearly another color (more than {@link #OTHER_COLOR} apart, summed over B, G and R). A hint
 * that fills its own region scores 0; one that floods the background through a gap scores the background's share.
 */
public final class HintLeak {

    static final int OTHER_COLOR = 60;
    private static final int OPAQUE = 128;

    private HintLeak() {}

    /** {@code flats}, {@code truthFlats}: BGR 8-bit of one size; {@code hints}: BGRA of that size. */
    public static double share(Mat flats, Mat truthFlats, Mat hints) {
        int n = flats.cols() * flats.rows();
        byte[] hint = new byte[4 * n];
        hints.get(0, 0, hint);
        Set<Integer> colors = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if ((hint[4 * i + 3] & 0xff) >= OPAQUE) {
                colors.add(packed(hint, 4 * i));
            }
        }
        byte[] out = new byte[3 * n];
        flats.get(0, 0, out);
        byte[] truth = new byte[3 * n];
        truthFlats.get(0, 0, truth);
        int leaked = 0;
        for (int i = 0; i < n; i++) {
            if (colors.contains(packed(out, 3 * i))) {
                int distance = 0;
                for (int c = 0; c < 3; c++) {
                    distance += Math.abs((out[3 * i + c] & 0xff) - (truth[3 * i + c] & 0xff));
                }
                leaked += distance > OTHER_COLOR ? 1 : 0;
            }
        }
        return (double) leaked / n;
    }

    private static int packed(byte[] pixels, int offset) {
        return (pixels[offset] & 0xff) | (pixels[offset + 1] & 0xff) << 8 | (pixels[offset + 2] & 0xff) << 16;
    }
}
