package dev.colorize.trainer.dataset.triplet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A triplet on disk: {@code NAME.lines.png} (8-bit gray), {@code NAME.flats.png} and {@code NAME.color.png}
 * (8-bit RGB) side by side in one folder.
 */
public final class TripletFiles {

    public static final String LINES = ".lines.png";
    public static final String FLATS = ".flats.png";
    public static final String COLOR = ".color.png";

    private TripletFiles() {}

    public static void write(DrawingTriplet triplet, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        png(triplet.lines(), folder.resolve(name + LINES));
        png(triplet.flats(), folder.resolve(name + FLATS));
        png(triplet.color(), folder.resolve(name + COLOR));
    }

    private static void png(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for image type " + image.getType());
        }
    }
}
