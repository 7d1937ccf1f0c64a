package dev.colorize.platform.messaging;

/**
 * What a job asks for besides the colored page (the composite, always written): the page's layers, both layers in
 * one OpenRaster file, or both in one layered Photoshop file.
 */
public enum PageOutput {
    /** The flat color layer (the network's color at page resolution, no lines) and the line layer (black on transparent). */
    LAYERS,
    /** One OpenRaster (.ora) file: the line layer on multiply over the flat color layer. */
    ORA,
    /** One Photoshop (.psd) file, which Clip Studio Paint and Photoshop open: lines on multiply over the flats. */
    PSD;

    /** The media type of OpenRaster files, as their "mimetype" entry says. */
    public static final String OPEN_RASTER_MEDIA_TYPE = "image/openraster";
    /** The media type IANA registered for Photoshop files. */
    public static final String PHOTOSHOP_MEDIA_TYPE = "image/vnd.adobe.photoshop";
}
