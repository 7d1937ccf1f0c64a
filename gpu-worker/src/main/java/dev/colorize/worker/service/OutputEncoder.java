package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenRaster;
import dev.colorize.ml.data.PhotoshopDocument;
import dev.colorize.ml.infer.LineLayer;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.coloring.PageFile;
import java.util.List;
import java.util.function.Consumer;
import org.opencv.core.Mat;

/**
 * Stage 4: encodes the objects a page's job asks for and names them ({@link ObjectKeys}: deterministic per page,
 * revision and model version, so a redelivered job overwrites its own result). Each is handed on as soon as it is
 * encoded, so a large one (a print page's PSD) is not held while the next is made, in the order they are to be
 * stored: the Photoshop file, the flat color and line layers, the OpenRaster file, and last the colored page, whose
 * key marks the page done.
 */
final class OutputEncoder {

    private final PageEncoder encoder;

    OutputEncoder(PageEncoder encoder) {
        this.encoder = encoder;
    }

    /**
     * @throws IllegalStateException or {@link org.opencv.core.CvException} when the page cannot be encoded
     */
    void encode(PageWork<?> page, Consumer<EncodedObject> out) {
        if (page.skipped) {
            out.accept(original(page));
            return;
        }
        PageJob job = page.job;
        OutputFormat format = job.request().format();
        byte[] encoded = encoder.encode(page.colored, format, job.request().quality());
        if (page.wantsLayers()) {
            layers(page, format == OutputFormat.PNG ? encoded : null, out);
        }
        out.accept(new EncodedObject(PageFile.COLORED, ObjectKeys.result(job.publisherId(), job.chapterId(),
                job.pageNumber(), job.page().revision(), page.modelVersion, format.extension()), encoded,
                format.mediaType()));
    }

    /**
     * A page already in color: its uploaded bytes, unchanged and in their own format, under the chapter's results
     * (so the result outlives the sketch and is removed with the chapter's results).
     */
    private static EncodedObject original(PageWork<?> page) {
        ImageFormat format = ImageFormat.sniff(page.original).orElseThrow(() -> new IllegalStateException(
                "the page decoded but is none of the platform's formats"));
        return new EncodedObject(PageFile.COLORED, ObjectKeys.passedThrough(page.job.publisherId(), page.job.chapterId(),
                page.job.pageNumber(), format.extension()), page.original, format.mediaType());
    }

    /**
     * As the job asks: the flat color and line layers as PNGs, one OpenRaster file of both (lines on multiply over
     * flats, the colored page as its merged image), a Photoshop file of both, or any of them together.
     */
    private static void layers(PageWork<?> page, byte[] compositePng, Consumer<EncodedObject> out) {
        PageJob job = page.job;
        Mat lines = LineLayer.of(page.sketch);
        byte[] linesPng;
        byte[] flatsPng;
        try {
            linesPng = ImageCodec.encodePng(lines);
            flatsPng = ImageCodec.encodePng(page.flats);
            if (job.request().wants(PageOutput.PSD)) {
                byte[] psd = PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("lines", lines, true),
                        new PhotoshopDocument.Layer("flats", page.flats, false)), page.colored);
                out.accept(new EncodedObject(PageFile.PSD, ObjectKeys.photoshop(job.publisherId(), job.chapterId(),
                        job.pageNumber(), job.page().revision(), page.modelVersion), psd, PhotoshopDocument.MEDIA_TYPE));
            }
        } finally {
            lines.release();
        }
        if (job.request().wants(PageOutput.LAYERS)) {
            out.accept(new EncodedObject(PageFile.FLATS, ObjectKeys.flatsLayer(job.publisherId(), job.chapterId(),
                    job.pageNumber(), job.page().revision(), page.modelVersion), flatsPng, OutputFormat.PNG.mediaType()));
            out.accept(new EncodedObject(PageFile.LINES, ObjectKeys.linesLayer(job.publisherId(), job.chapterId(),
                    job.pageNumber(), job.page().revision(), page.modelVersion), linesPng, OutputFormat.PNG.mediaType()));
        }
        if (job.request().wants(PageOutput.ORA)) {
            byte[] ora = OpenRaster.write(List.of(new OpenRaster.Layer("lines", linesPng, true),
                    new OpenRaster.Layer("flats", flatsPng, false)), page.colored, compositePng);
            out.accept(new EncodedObject(PageFile.ORA, ObjectKeys.openRaster(job.publisherId(), job.chapterId(),
                    job.pageNumber(), job.page().revision(), page.modelVersion), ora, OpenRaster.MEDIA_TYPE));
        }
    }
}
