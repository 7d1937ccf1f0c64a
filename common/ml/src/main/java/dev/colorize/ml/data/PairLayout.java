package dev.colorize.ml.data;

/** How a dataset folder's images hold their pairs. */
public enum PairLayout {
    /** color illustrations only; sketches are extracted from them. */
    COLOR_ONLY,
    /** the paper's side-by-side images: sketch on the left half, color on the right half. */
    SKETCH_LEFT_COLOR_RIGHT,
    /** exact (line art, flats, composite) triplets, see {@link TripletFolder}. */
    TRIPLETS
}
