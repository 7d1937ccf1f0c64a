package dev.colorize.ml.infer;

import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.ImageTensors;
import dev.colorize.ml.data.Letterbox;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.ml.nn.DecoderDropout;
import dev.colorize.ml.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Colors pages of any size: each page is letterboxed (white padding, aspect kept) into the model's
 * square, a batch runs in one forward pass, and each prediction's chroma is laid over the page's
 * original lightness at the original resolution. Grayscale photos go the same way. Pages that do not
 * decode fail alone.
 */
public final class Colorizer implements AutoCloseable {

    private final ModelArtifact model;
    private final ColorizerOptions options;
    private final GeneratorRunner runner;

    public Colorizer(ModelArtifact model, ColorizerOptions options) {
        this.model = model;
        this.options = options;
        if (options.threads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(options.threads());
        }
        DecoderDropout.setNoiseAtInference(model.generator(), options.dropoutNoise());
        this.runner = new GeneratorRunner(model.generator(), model.spec(), model.manager());
    }

    /** Loads an artifact folder or zip on the options' device. */
    public static Colorizer load(Path artifact, ColorizerOptions options) throws IOException {
        return new Colorizer(ModelArtifact.load(artifact, options.resolveDevice()), options);
    }

    /** Encoded pages (PNG, JPEG, ...) in, one result per page in the same order. */
    public List<ColorizedPage> colorize(List<byte[]> encodedPages) {
        List<ColorizedPage> results = new ArrayList<>(encodedPages.size());
        List<Integer> decodedIndices = new ArrayList<>();
        List<Mat> decoded = new ArrayList<>();
        for (int i = 0; i < encodedPages.size(); i++) {
            try {
                decoded.add(ImageCodec.decodeBgr(encodedPages.get(i)));
                decodedIndices.add(i);
                results.add(null);
            } catch (UndecodableImageException e) {
                results.add(new ColorizedPage(i, null,
                        new UndecodableImageException("page " + i + ": " + e.getMessage())));
            }
        }
        List<Mat> colored = colorizeImages(decoded);
        for (int k = 0; k < decoded.size(); k++) {
            int index = decodedIndices.get(k);
            results.set(index, new ColorizedPage(index, colored.get(k), null));
        }
        return results;
    }

    /** Decoded BGR pages in, BGR color pages of the same sizes out. */
    public List<Mat> colorizeImages(List<Mat> pages) {
        NetworkSpec spec = model.spec();
        int size = spec.imageSize();
        int planeSize = size * size;
        List<Mat> out = new ArrayList<>(pages.size());
        for (int start = 0; start < pages.size(); start += options.maxBatch()) {
            List<Mat> chunk = pages.subList(start, Math.min(pages.size(), start + options.maxBatch()));
            float[] input = new float[chunk.size() * planeSize];
            List<Letterbox> boxes = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Mat gray = new Mat();
                Imgproc.cvtColor(chunk.get(i), gray, Imgproc.COLOR_BGR2GRAY);
                Letterbox box = Letterbox.fit(gray, size);
                boxes.add(box);
                System.arraycopy(ImageTensors.toTensor(box.image()), 0, input, i * planeSize, planeSize);
            }
            float[] predicted = runner.predict(input, chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                Mat prediction = ImageTensors.toImage(predicted, i * 3 * planeSize, 3, size, size);
                out.add(ChromaTransfer.apply(chunk.get(i), prediction, boxes.get(i).content()));
            }
        }
        return out;
    }

    public ModelArtifact model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
