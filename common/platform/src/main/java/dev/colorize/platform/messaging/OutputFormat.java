package dev.colorize.platform.messaging;

import dev.colorize.platform.image.ImageFormat;

/** The encoding of colored pages a publisher asked for: the image formats results are written in. */
public enum OutputFormat {
    PNG(ImageFormat.PNG),
    JPEG(ImageFormat.JPEG),
    /** Lossy at the job's quality, or lossless at quality 100 (OpenCV's libwebp encoder). */
    WEBP(ImageFormat.WEBP);

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

    /** Whether a quality applies: PNG is lossless. */
    public boolean lossy() {
        return this != PNG;
    }
}
