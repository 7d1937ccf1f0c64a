package dev.colorize.worker.service;

/** One object of a page's result, encoded and named, ready to be stored. */
record EncodedObject(Part part, String key, byte[] content, String mediaType) {

    /** Which of the page's result objects it is; {@link #PAGE} is the colored page, or a passed-through page as uploaded. */
    enum Part { PAGE, FLATS, LINES, OPEN_RASTER, PHOTOSHOP }
}
