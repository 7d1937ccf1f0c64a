package dev.colorize.platform.messaging;

import dev.colorize.platform.image.ImageFormat;

/** The encoding of colored pages a publisher asked for: the image formats results are written in. */
public enum OutputFormat {
    PNG(ImageFormat.PNG),
    JPEG(ImageFormat.JPEG);

    private final ImageFormat format;

    OutputFormat(ImageFormat format) {
        this.format = format;
    }

    public String mediaType() {
        return format.mediaType();
    }

    public String extension() {
        return format.extension();
    }
}
