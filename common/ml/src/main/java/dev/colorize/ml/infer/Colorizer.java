package dev.colorize.ml.infer;

import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.HintLayer;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.ImageTensors;
import dev.colorize.ml.data.Letterbox;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.ml.nn.DecoderDropout;
import dev.colorize.ml.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Colors pages of any size the colorist's way. The network predicts the flat color layer: each
 * detected panel is letterboxed to the model's resolution (a frameless page goes whole at
 * {@link ColorizerOptions#pageSize()}; a page or panel that is a strip, such as a webtoon page, goes as
 * overlapping tiles blended without seams, see {@link StripTiles}), panels of a chunk of pages run as batches,
 * and each prediction is scaled back into its place on a page-sized flats layer, which {@link FlatFill} turns into
 * flats (by default one voted color per region of the line art, hints filling their regions); the
 * page itself is laid over the flats as a multiply layer at full resolution (or, for toned pages and photos, its
 * lightness is kept; see {@link Compositing}). Pages that do not decode fail alone.
 */
public final class Colorizer implements AutoCloseable {

    /**
     * A page, its optional hints (BGRA, colored dots on transparent, any size of the page's aspect), the series
     * references its regions follow where they match (empty: none) and its chapter (null: none): pages of one chapter
     * without references colored in one call give a character part one color on all of them ({@link ChapterVote});
     * pages with references follow them instead (voting them too measured 0.2 dB worse, docs/QUALITY.md).
     */
    public record PageInput(Mat page, Mat hints, List<ReferenceArt> references, String chapter) {
        public PageInput {
            references = references == null ? List.of() : List.copyOf(references);
        }

        public PageInput(Mat page, Mat hints, List<ReferenceArt> references) {
            this(page, hints, references, null);
        }

        public PageInput(Mat page, Mat hints) {
            this(page, hints, List.of());
        }

        public PageInput(Mat page) {
            this(page, null);
        }
    }

    /**
     * The flat color layer and the final page, both BGR at the page's size, and how many of the page's regions
     * followed its references ({@link ReferenceMatches#NONE} without references).
     */
    public record ColorLayers(Mat flats, Mat composite, ReferenceMatches matches) {}

    /**
     * One forward-pass input: a panel (or whole page) letterboxed to a square, or one tile of a strip.
     *
     * @param rect where its content lies on the page (the whole region for a letterbox, the tile's part for a tile)
     * @param image the size x size 8-bit gray input, released once predicted; null for a strip's tile, which is cut
     *              from its strip only when its batch runs (a strip has one tile per tile-length of its aspect)
     * @param content where the region lies inside {@code image}
     * @param strip the strip a tile belongs to, null for a letterboxed region
     */
    private record Region(int page, Rect rect, int size, Mat image, Rect content, Mat hints, StripTiles strip,
            int tile, RegionFeatures read) {}

    private final ModelArtifact model;
    private final ColorizerOptions options;
    private final GeneratorRunner runner;
    private final PanelDetector panels = new PanelDetector();
    private final FlatFill flatFill = new FlatFill();
    private final RegionMetric regionMetric;

    public Colorizer(ModelArtifact model, ColorizerOptions options) {
        this.model = model;
        this.options = options;
        if (options.threads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(options.threads());
        }
        DecoderDropout.setNoiseAtInference(model.generator(), options.dropoutNoise());
        this.runner = new GeneratorRunner(model.generator(), model.spec(), model.manager());
        this.regionMetric = model.regionMetric().map(RegionMetric::learned).orElse(RegionMetric.HAND_SET);
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

    /** Decoded BGR pages in, BGR color pages of the same sizes out (automatic coloring, no hints). */
    public List<Mat> colorizeImages(List<Mat> pages) {
        List<Mat> composites = new ArrayList<>(pages.size());
        for (ColorLayers layers : colorLayers(pages.stream().map(PageInput::new).toList())) {
            if (layers.flats() != layers.composite()) {
                layers.flats().release(); // native memory: freed now, not at some later GC
            }
            composites.add(layers.composite());
        }
        return composites;
    }

    /** Pages with optional hints in; flats and composite of each out, in the same order. */
    public List<ColorLayers> colorLayers(List<PageInput> pages) {
        List<ColorLayers> out = new ArrayList<>(pages.size());
        for (int start = 0; start < pages.size(); start += options.maxBatch()) {
            out.addAll(colorChunk(pages.subList(start, Math.min(pages.size(), start + options.maxBatch()))));
        }
        return out;
    }

    /**
     * A series' reference as pages follow it: {@code colored} (BGR) and its line art ({@code lines}, gray or BGR of the
     * same aspect; null: extracted from the colored image, {@link LineExtraction}). The network reads the line art as
     * it reads a page, so a reference region and a page region of one part of a character look alike to the matcher
     * whatever colors the network guesses.
     */
    public ReferenceArt describeReference(Mat colored, Mat lines) {
        return describe(colored, lines, false);
    }

    /**
     * A colored drawing's regions as a page's are matched against references (its line art's regions, not split by
     * its colors), each with its most common true color: what {@link RegionMetricFit} scores matches on.
     */
    public ReferenceArt describeAsPage(Mat colored, Mat lines) {
        return describe(colored, lines, true);
    }

    private ReferenceArt describe(Mat colored, Mat lines, boolean asPage) {
        Mat lineArt = lines != null ? Compositing.gray(lines) : LineExtraction.lines(colored);
        Mat sameSize = colored;
        if (colored.cols() != lineArt.cols() || colored.rows() != lineArt.rows()) {
            sameSize = new Mat();
            Imgproc.resize(colored, sameSize, lineArt.size(), 0, 0, Imgproc.INTER_AREA);
        }
        Predictions predicted = predict(List.of(new PageInput(lineArt)), true);
        ReferenceArt art = flatFill.describe(predicted.grays().get(0), sameSize, predicted.panels().get(0),
                predicted.reads().get(0), asPage);
        releaseUnless(predicted.flats().get(0), colored, lineArt);
        releaseUnless(predicted.grays().get(0), colored, lineArt);
        releaseUnless(sameSize, colored);
        releaseUnless(lineArt, lines, colored);
        return art;
    }

    /**
     * A chunk's pages in gray, the network's prediction on each (page-sized BGR), each page's panels and, for pages
     * matched against references, what the network read over them (else null).
     */
    private record Predictions(List<Mat> grays, List<Mat> flats, List<List<Rect>> panels, List<RegionFeatures> reads) {}

    /** {@code allRead}: keep what the network read over every page, not only over pages with references. */
    private Predictions predict(List<PageInput> pages, boolean allRead) {
        List<Mat> grays = new ArrayList<>(pages.size());
        List<Mat> flats = new ArrayList<>(pages.size());
        List<List<Rect>> panelsOfPages = new ArrayList<>(pages.size());
        List<RegionFeatures> reads = new ArrayList<>(pages.size());
        Map<Integer, List<Region>> bySize = new LinkedHashMap<>();
        for (int p = 0; p < pages.size(); p++) {
            Mat page = pages.get(p).page();
            Mat gray = Compositing.gray(page);
            grays.add(gray);
            flats.add(new Mat(page.size(), CvType.CV_8UC3, new Scalar(255, 255, 255)));
            List<Rect> panelRects = options.panels() ? panels.detect(gray) : List.of();
            panelsOfPages.add(panelRects);
            boolean matched = allRead || !pages.get(p).references().isEmpty();
            // a chapter's vote compares hand-set, and so does a model without a learned metric: no context needed
            // then, but for a reference or a drawing described (a metric may be fitted on it)
            RegionFeatures read = matched || pages.get(p).chapter() != null
                    ? new RegionFeatures(page.cols(), page.rows(), matched ? regionMetric : RegionMetric.HAND_SET,
                            allRead || matched && regionMetric != RegionMetric.HAND_SET)
                    : null;
            reads.add(read);
            for (Region region : regionsOf(p, gray, panelRects, pages.get(p).hints(), read)) {
                bySize.computeIfAbsent(region.size(), s -> new ArrayList<>()).add(region);
            }
        }
        for (List<Region> sameSize : bySize.values()) {
            for (int start = 0; start < sameSize.size(); start += options.maxBatch()) {
                predictInto(sameSize.subList(start, Math.min(sameSize.size(), start + options.maxBatch())), flats);
            }
        }
        return new Predictions(grays, flats, panelsOfPages, reads);
    }

    private List<ColorLayers> colorChunk(List<PageInput> pages) {
        Predictions predicted = predict(pages, false);
        Map<Integer, FlatFill.RegionFlats> voted = chapterVotes(pages, predicted);
        List<ColorLayers> out = new ArrayList<>(pages.size());
        for (int p = 0; p < pages.size(); p++) {
            PageInput input = pages.get(p);
            Mat prediction = predicted.flats().get(p);
            Mat gray = predicted.grays().get(p);
            Mat layer = prediction;
            ReferenceMatches matches = ReferenceMatches.NONE;
            if (voted.containsKey(p)) {
                FlatFill.RegionFlats flats = voted.get(p);
                layer = flatFill.paint(flats.regions(), flats.colors(), prediction);
                matches = flats.matches();
            } else if (options.flatFill() || input.hints() != null || !input.references().isEmpty()) {
                FlatFill.Flats flats = flatFill.flats(gray, prediction, input.hints(),
                        options.flatFill() || !input.references().isEmpty(), predicted.panels().get(p),
                        input.references(), predicted.reads().get(p));
                layer = flats.image();
                matches = flats.matches();
            }
            Mat composite = options.compositing().compose(input.page(), layer, gray);
            out.add(new ColorLayers(layer, composite, matches));
            releaseUnless(prediction, input.page(), layer, composite);
            releaseUnless(gray, input.page(), layer, composite);
        }
        return out;
    }

    /**
     * The region flats of the chunk's pages without references that share a chapter with another page of the chunk,
     * voted together ({@link ChapterVote}), by page index; pages above the working scale and per-pixel flats are left
     * out.
     */
    private Map<Integer, FlatFill.RegionFlats> chapterVotes(List<PageInput> pages, Predictions predicted) {
        Map<String, List<Integer>> chapters = new LinkedHashMap<>();
        for (int p = 0; p < pages.size(); p++) {
            PageInput page = pages.get(p);
            if (options.flatFill() && page.chapter() != null && page.references().isEmpty()
                    && FlatFill.atFullSize(predicted.grays().get(p))) {
                chapters.computeIfAbsent(pages.get(p).chapter(), c -> new ArrayList<>()).add(p);
            }
        }
        Map<Integer, FlatFill.RegionFlats> voted = new LinkedHashMap<>();
        for (List<Integer> chapter : chapters.values()) {
            if (chapter.size() < 2) {
                continue;
            }
            List<FlatFill.RegionFlats> flats = new ArrayList<>(chapter.size());
            List<RegionDescriptors> descriptors = new ArrayList<>(chapter.size());
            for (int p : chapter) {
                FlatFill.RegionFlats decided = flatFill.decide(predicted.grays().get(p), predicted.flats().get(p),
                        pages.get(p).hints(), predicted.panels().get(p), List.of(), predicted.reads().get(p));
                flats.add(decided);
                descriptors.add(RegionDescriptors.of(decided.regions(), predicted.panels().get(p), decided.minRegion(),
                        predicted.reads().get(p)));
                voted.put(p, decided);
            }
            ChapterVote.vote(flats, descriptors);
        }
        return voted;
    }

    /** Frees an intermediate image now, unless it is one handed in or out. */
    private static void releaseUnless(Mat intermediate, Mat... kept) {
        for (Mat k : kept) {
            if (k == intermediate) {
                return;
            }
        }
        intermediate.release();
    }

    /**
     * The page's panels at the model's resolution, or the whole page when it has no frames; a region that is a
     * strip comes as its tiles; a panel whose drawing is small in it comes as the drawing's box (options' content
     * zoom). The rest of such a panel is left paper.
     */
    private List<Region> regionsOf(int page, Mat gray, List<Rect> panelRects, Mat hints, RegionFeatures read) {
        NetworkSpec spec = model.spec();
        List<Rect> rects = panelRects;
        int wholeSize = spec.imageSize();
        if (rects.isEmpty()) {
            rects = List.of(new Rect(0, 0, gray.cols(), gray.rows()));
            int requested = options.pageSize() > 0 ? options.pageSize() : 2 * spec.imageSize();
            wholeSize = Math.max(spec.stride(), Math.round((float) requested / spec.stride()) * spec.stride());
        }
        List<Region> regions = new ArrayList<>(rects.size());
        for (Rect whole : rects) {
            // a strip is colored in tiles at the model's resolution across its short side
            double wholeScale = (double) wholeSize / (StripTiles.isStrip(whole, options.tiling().stripAspect())
                    ? Math.min(whole.width, whole.height) : Math.max(whole.width, whole.height));
            Rect rect = options.contentZoom() > 0 ? PanelContent.input(gray, whole, !panelRects.isEmpty(), wholeScale,
                    spec.imageSize(), options.contentZoom()) : whole;
            int size = rect == whole ? wholeSize : spec.imageSize();
            Mat panel = gray.submat(rect);
            if (StripTiles.isStrip(rect, options.tiling().stripAspect())) {
                int overlap = Math.max(1, (int) Math.round(options.tiling().overlap() * size));
                StripTiles strip = new StripTiles(panel, rect, size, overlap,
                        Math.max(1, (int) Math.round(options.tiling().blend() * overlap)));
                for (int k = 0; k < strip.count(); k++) {
                    regions.add(new Region(page, strip.tileInPage(k), size, null, new Rect(0, 0, size, size),
                            hints, strip, k, null));
                }
            } else {
                Letterbox box = Letterbox.fit(panel, size);
                regions.add(new Region(page, rect, size, box.image(), box.content(), hints, null, -1, read));
            }
            panel.release(); // a view: frees its header, not the page
        }
        return regions;
    }

    /** The forward pass's input of a region: its lines, then the hint planes when the network takes hints. */
    private float[] inputOf(Region region, Mat image, Size pageSize) {
        float[] lines = ImageTensors.toTensor(image);
        if (!model.spec().takesHints()) {
            return lines;
        }
        float[] input = new float[lines.length * model.spec().inputChannels()];
        System.arraycopy(lines, 0, input, 0, lines.length);
        placeHints(region.hints(), pageSize, region.rect(), region.content(), region.size(), input, lines.length);
        return input;
    }

    /** The hints over {@code rect} into the hint planes, where the panel lies inside its letterbox. */
    private static void placeHints(Mat hints, Size pageSize, Rect rect, Rect content, int size, float[] input,
            int plane) {
        if (hints == null) {
            return;
        }
        double sx = hints.cols() / pageSize.width;
        double sy = hints.rows() / pageSize.height;
        Rect inHints = new Rect((int) (rect.x * sx), (int) (rect.y * sy),
                Math.max(1, (int) (rect.width * sx)), Math.max(1, (int) (rect.height * sy)));
        float[] local = HintLayer.planes(hints.submat(inHints), content.height, content.width);
        int localPlane = content.height * content.width;
        for (int c = 0; c < NetworkSpec.HINT_CHANNELS; c++) {
            for (int y = 0; y < content.height; y++) {
                System.arraycopy(local, c * localPlane + y * content.width, input,
                        plane * (1 + c) + (content.y + y) * size + content.x, content.width);
            }
        }
    }

    private void predictInto(List<Region> batch, List<Mat> flats) {
        int size = batch.get(0).size();
        float[] input = null;
        for (int i = 0; i < batch.size(); i++) {
            Region region = batch.get(i);
            Mat image = region.strip() != null ? region.strip().tile(region.tile()) : region.image();
            float[] one = inputOf(region, image, flats.get(region.page()).size());
            image.release();
            if (input == null) {
                input = new float[batch.size() * one.length];
            }
            System.arraycopy(one, 0, input, i * one.length, one.length);
        }
        GeneratorRunner.WithFeatures withFeatures = batch.stream().anyMatch(r -> r.read() != null)
                ? runner.predictWithFeatures(input, batch.size(), size, size) : null;
        float[] predicted = withFeatures != null ? withFeatures.rgb() : runner.predict(input, batch.size(), size, size);
        for (int i = 0; i < batch.size(); i++) {
            Region region = batch.get(i);
            if (region.read() != null && withFeatures.features() != null) {
                region.read().add(region.rect(), region.content(), size, withFeatures, i);
            }
            Mat prediction = ImageTensors.toImage(predicted, i * 3 * size * size, 3, size, size);
            if (region.strip() != null) {
                region.strip().add(region.tile(), prediction);
                if (region.strip().complete()) {
                    Mat blended = region.strip().blended();
                    blended.copyTo(flats.get(region.page()).submat(region.strip().rect()));
                    blended.release();
                }
            } else {
                Mat scaled = new Mat();
                Imgproc.resize(prediction.submat(region.content()), scaled, region.rect().size(), 0, 0,
                        Imgproc.INTER_LINEAR);
                scaled.copyTo(flats.get(region.page()).submat(region.rect()));
                scaled.release();
            }
            prediction.release();
        }
    }

    public ModelArtifact model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
