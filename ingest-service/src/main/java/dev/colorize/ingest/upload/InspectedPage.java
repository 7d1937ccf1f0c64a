package dev.colorize.ingest.upload;

import dev.colorize.platform.image.ImageFormat;

/** A page that passed validation: what it really is and how big. */
public record InspectedPage(int pageNumber, String fileName, byte[] bytes, ImageFormat format, int width, int height) {
}
