package dev.colorize.ml.eval;

/**
 * Image-quality figures averaged over a validation set (RGB scaled to [0, 1] unless stated).
 *
 * @param l1 mean absolute error to the target
 * @param psnr peak signal-to-noise ratio in dB (peak 1)
 * @param ssim structural similarity (Gaussian 11x11 window, sigma 1.5), mean of R, G, B
 * @param colorfulness Hasler-Suesstrunk colorfulness on the 0-255 scale (grey/sepia outputs score low)
 * @param lineF1 F1 of the output's dark pixels against the sketch's line pixels
 * @param lineIoU intersection over union of the same masks
 */
public record MetricSet(double l1, double psnr, double ssim, double colorfulness, double lineF1, double lineIoU) {}
