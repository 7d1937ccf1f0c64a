package dev.colorize.ml.eval;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Per-image metrics on channel-first RGB planes in [0, 1]. */
public final class ImageMetrics {

    /** A pixel is "dark" (line) below this value, in [0, 1]. */
    public static final double DARK = 0.5;

    private ImageMetrics() {}

    public static double l1(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    public static double psnr(float[] a, float[] b) {
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            mse += d * d;
        }
        mse /= a.length;
        return mse == 0 ? 100 : 10 * Math.log10(1 / mse);
    }

    /** Wang et al.'s SSIM per channel with a Gaussian window, averaged over channels. */
    public static double ssim(float[] a, float[] b, int size) {
        int pixels = size * size;
        int channels = a.length / pixels;
        double total = 0;
        for (int c = 0; c < channels; c++) {
            total += ssimPlane(plane(a, c, size), plane(b, c, size));
        }
        return total / channels;
    }

    private static Mat plane(float[] planes, int channel, int size) {
        Mat m = new Mat(size, size, CvType.CV_32F);
        float[] values = new float[size * size];
        System.arraycopy(planes, channel * size * size, values, 0, values.length);
        m.put(0, 0, values);
        return m;
    }

    private static double ssimPlane(Mat x, Mat y) {
        Scalar c1 = Scalar.all(0.01 * 0.01);
        Scalar c2 = Scalar.all(0.03 * 0.03);
        Mat muX = blur(x);
        Mat muY = blur(y);
        Mat muXX = muX.mul(muX);
        Mat muYY = muY.mul(muY);
        Mat muXY = muX.mul(muY);
        Mat sigmaXX = new Mat();
        Mat sigmaYY = new Mat();
        Mat sigmaXY = new Mat();
        Core.subtract(blur(x.mul(x)), muXX, sigmaXX);
        Core.subtract(blur(y.mul(y)), muYY, sigmaYY);
        Core.subtract(blur(x.mul(y)), muXY, sigmaXY);
        // ((2 mu_x mu_y + c1)(2 sigma_xy + c2)) / ((mu_x^2 + mu_y^2 + c1)(sigma_x^2 + sigma_y^2 + c2))
        Mat luminance = new Mat();
        Mat structure = new Mat();
        Core.scaleAdd(muXY, 1.0, muXY, luminance);
        Core.add(luminance, c1, luminance);
        Core.scaleAdd(sigmaXY, 1.0, sigmaXY, structure);
        Core.add(structure, c2, structure);
        Mat luminanceNorm = new Mat();
        Mat structureNorm = new Mat();
        Core.add(muXX, muYY, luminanceNorm);
        Core.add(luminanceNorm, c1, luminanceNorm);
        Core.add(sigmaXX, sigmaYY, structureNorm);
        Core.add(structureNorm, c2, structureNorm);
        Mat map = new Mat();
        Core.divide(luminance.mul(structure), luminanceNorm.mul(structureNorm), map);
        return Core.mean(map).val[0];
    }

    private static Mat blur(Mat m) {
        Mat out = new Mat();
        Imgproc.GaussianBlur(m, out, new Size(11, 11), 1.5);
        return out;
    }

    /** Hasler and Suesstrunk (2003): sqrt(sd_rg^2 + sd_yb^2) + 0.3 sqrt(mean_rg^2 + mean_yb^2), 0-255 scale. */
    public static double colorfulness(float[] rgb) {
        int pixels = rgb.length / 3;
        double sumRg = 0, sumYb = 0, sqRg = 0, sqYb = 0;
        for (int i = 0; i < pixels; i++) {
            double r = rgb[i] * 255, g = rgb[pixels + i] * 255, b = rgb[2 * pixels + i] * 255;
            double rg = r - g;
            double yb = 0.5 * (r + g) - b;
            sumRg += rg;
            sumYb += yb;
            sqRg += rg * rg;
            sqYb += yb * yb;
        }
        double meanRg = sumRg / pixels, meanYb = sumYb / pixels;
        double varRg = Math.max(0, sqRg / pixels - meanRg * meanRg);
        double varYb = Math.max(0, sqYb / pixels - meanYb * meanYb);
        return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
    }

    /**
     * Agreement of the sketch's lines with the output's dark pixels: {F1, IoU}. Both are 1 when
     * every line is kept dark and no new dark pixel appears.
     */
    public static double[] linePreservation(float[] sketch, float[] rgb) {
        int pixels = sketch.length;
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < pixels; i++) {
            boolean line = sketch[i] < DARK;
            double luma = 0.299 * rgb[i] + 0.587 * rgb[pixels + i] + 0.114 * rgb[2 * pixels + i];
            boolean dark = luma < DARK;
            if (line && dark) {
                tp++;
            } else if (dark) {
                fp++;
            } else if (line) {
                fn++;
            }
        }
        if (tp + fp + fn == 0) {
            return new double[] {1, 1};
        }
        return new double[] {2.0 * tp / (2.0 * tp + fp + fn), (double) tp / (tp + fp + fn)};
    }
}
