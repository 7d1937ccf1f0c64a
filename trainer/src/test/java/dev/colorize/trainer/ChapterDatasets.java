package dev.colorize.trainer;

import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.testing.ReferenceFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A dataset folder laid out as import-openmoji writes it whose person drawings of one skin tone in several activities
 * are recurring characters: the figure of {@link ReferenceFigures} at other places, sizes and coat lengths.
 */
public final class ChapterDatasets {

    /** {cx, top, scale, coat height} of each activity's drawing of the character. */
    private static final double[][] ACTIVITIES = {{90, 40, 1.4, 80}, {160, 70, 1.0, 60}, {120, 30, 1.2, 100},
        {70, 90, 0.9, 70}};
    private static final String[] ACTIVITY_CODES = {"1F33E", "1F373", "1F393", "1F3A4"};

    private ChapterDatasets() {}

    /** Two characters (skin tones) in four activities each, in the train and the validation split, under {@code data}. */
    public static Path write(Path data) throws IOException {
        OpenCvNative.ensureLoaded();
        for (String split : new String[] {"train", "validation"}) {
            Path folder = Files.createDirectories(data.resolve("drawings").resolve(split));
            for (String tone : new String[] {"1F3FB", "1F3FC"}) {
                for (int a = 0; a < ACTIVITIES.length; a++) {
                    double[] d = ACTIVITIES[a];
                    String name = "1F9D1-" + tone + "-200D-" + ACTIVITY_CODES[a];
                    Mat colored = ReferenceFigures.figure(256, 256, d[0], d[1], d[2], d[3], true);
                    Mat lines = ReferenceFigures.figure(256, 256, d[0], d[1], d[2], d[3], false);
                    Imgcodecs.imwrite(folder.resolve(name + ".color.png").toString(), colored);
                    Imgcodecs.imwrite(folder.resolve(name + ".flats.png").toString(), colored);
                    Imgcodecs.imwrite(folder.resolve(name + ".lines.png").toString(), lines);
                }
            }
        }
        return data;
    }
}
