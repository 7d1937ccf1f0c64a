package dev.colorize.ml.data.sketch;

import org.opencv.core.Mat;

/** Turns a color illustration into line art: 8-bit gray, black lines on white. */
public interface SketchExtractor {
    Mat extract(Mat bgr);
}
