package dev.colorize.platform.messaging;

/**
 * What a job asks for besides the colored page (the composite, always written): the page's layers, or both
 * layers in one OpenRaster file.
 */
public enum PageOutput {
    /** The flat color layer (the network's color at page resolution, no lines) and the line layer (black on transparent). */
    LAYERS,
    /** One OpenRaster (.ora) file: the line layer on multiply over the flat color layer. */
    ORA;

    /** The media type of OpenRaster files, as their "mimetype" entry says. */
    public static final String OPEN_RASTER_MEDIA_TYPE = "image/openraster";
}
