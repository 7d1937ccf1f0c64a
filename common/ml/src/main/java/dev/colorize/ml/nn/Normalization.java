package dev.colorize.ml.nn;

/** Normalisation layer used inside both networks. */
public enum Normalization {
    /** pix2pix default: BatchNorm, convolutions followed by it carry no bias. */
    BATCH,
    /** no normalisation: every convolution carries a bias. */
    NONE
}
