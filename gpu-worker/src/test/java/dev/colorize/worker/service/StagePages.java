package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.worker.support.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Jobs, pages and stored objects for the stage tests, which run without Kafka or a store. */
final class StagePages {

    static final UUID PUBLISHER = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID CHAPTER = UUID.fromString("00000000-0000-0000-0000-0000000000cc");

    private StagePages() {
    }

    static PageJob job(int page) {
        OpenCvNative.ensureLoaded();
        return PageJob.of(PUBLISHER, CHAPTER, page, "sketches/p/c/" + page + ".png", OutputFormat.PNG, null,
                Instant.now());
    }

    static PageWork<String> work(PageJob job) {
        return new PageWork<>(ReceivedJob.of("record of page " + job.pageNumber(), job));
    }

    /** Black line art on white, as the worker's ITs upload it. */
    static Mat lineArt(int width, int height) {
        return ImageCodec.decodeBgr(Pages.lineArt(width, height));
    }

    /** Saturated red and blue halves: a page already in color. */
    static Mat colorPage(int width, int height) {
        Mat page = new Mat(height, width, CvType.CV_8UC3, new Scalar(0, 0, 230));
        Imgproc.rectangle(page, new Point(0, 0), new Point(width / 2.0, height), new Scalar(230, 40, 0), -1);
        return page;
    }

    /** Objects by key, read as a store would serve them; a missing key fails as the store says "no such key". */
    static class Objects implements PageStore {

        final Map<String, byte[]> stored = new HashMap<>();
        final List<String> written = new ArrayList<>();

        Objects with(String key, Mat image) {
            stored.put(key, ImageCodec.encodePng(image));
            return this;
        }

        @Override
        public byte[] read(String key) {
            byte[] bytes = stored.get(key);
            if (bytes == null) {
                throw new ObjectStoreException("no such key: " + key, false, null);
            }
            return bytes;
        }

        @Override
        public void write(String key, byte[] content, String mediaType) {
            stored.put(key, content);
            written.add(key);
        }
    }
}
