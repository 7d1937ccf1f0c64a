package dev.colorize.ingest.upload;

import dev.colorize.platform.image.ImageFormat;
import java.nio.file.Path;

/** A page that passed validation: what it really is, how big, and where its bytes are on disk. */
public record InspectedPage(int pageNumber, String fileName, Path file, long size, ImageFormat format, int width,
        int height) {
}
