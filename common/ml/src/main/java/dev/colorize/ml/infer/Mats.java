package dev.colorize.ml.infer;

import org.opencv.core.Mat;

/** Frees native images now rather than at some later GC (pages are tens of MB each). */
final class Mats {

    private Mats() {}

    static void release(Mat... mats) {
        for (Mat m : mats) {
            m.release();
        }
    }
}
