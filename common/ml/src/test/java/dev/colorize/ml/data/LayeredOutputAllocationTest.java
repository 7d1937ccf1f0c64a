package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.infer.LineLayer;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The heap a large page's layered outputs take to write, measured as the bytes the writing thread allocates
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}): up to 8 worker threads write at once, so each
 * copy of a file counts eight times. Besides the file itself, a writer may allocate its compressed rows (PSD) once:
 * no whole-file copies (growing streams, toByteArray) and no raw planes of the page.
 */
class LayeredOutputAllocationTest {

    private static final int WIDTH = 4000;
    private static final int HEIGHT = 6000;

    @Test
    void aLargePagesPsdAndOraAreWrittenWithoutCopiesOfTheWholeFile() {
        OpenCvNative.ensureLoaded();
        Mat page = new Mat(HEIGHT, WIDTH, CvType.CV_8UC1, new Scalar(255));
        Mat flats = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3, new Scalar(255, 255, 255));
        for (int i = 0; i < 60; i++) { // panels of flat color and their ink
            Point center = new Point(200 + (i * 613) % (WIDTH - 400), 200 + (i * 977) % (HEIGHT - 400));
            Imgproc.circle(flats, center, 150 + i % 7 * 20, new Scalar(i * 37 % 256, i * 91 % 256, i * 53 % 256), -1);
            Imgproc.circle(page, center, 150 + i % 7 * 20, new Scalar(0), 4);
        }
        Mat lines = LineLayer.of(page);
        Mat merged = LineLayer.over(lines, flats);
        byte[] linesPng = ImageCodec.encodePng(lines);
        byte[] flatsPng = ImageCodec.encodePng(flats);
        byte[] mergedPng = ImageCodec.encodePng(merged);

        Measured psd = measure(() -> PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("lines", lines, true),
                new PhotoshopDocument.Layer("flats", flats, false)), merged));
        Measured ora = measure(() -> OpenRaster.write(List.of(new OpenRaster.Layer("lines", linesPng, true),
                new OpenRaster.Layer("flats", flatsPng, false)), merged, mergedPng));

        System.out.printf("%dx%d page: PSD %,d bytes, allocated %,d (%.2f x the file); ORA %,d bytes, allocated %,d"
                + " (%.2f x the file)%n", WIDTH, HEIGHT, psd.fileBytes, psd.allocated, psd.ratio(), ora.fileBytes,
                ora.allocated, ora.ratio());
        assertThat(psd.ratio()).as("PSD: the file and its compressed rows once").isLessThan(2.5);
        assertThat(ora.ratio()).as("ORA: the file once (and its small thumbnail)").isLessThan(1.2);
    }

    private record Measured(long fileBytes, long allocated) {
        double ratio() {
            return (double) allocated / fileBytes;
        }
    }

    private static Measured measure(Supplier<byte[]> write) {
        write.get(); // warm up: class loading and the JIT allocate too
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] file = write.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        return new Measured(file.length, allocated);
    }
}
