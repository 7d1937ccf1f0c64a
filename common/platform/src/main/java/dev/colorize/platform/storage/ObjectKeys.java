package dev.colorize.platform.storage;

import java.util.UUID;

/**
 * The object store's key layout, owned here so every service agrees on it:
 * <pre>
 * sketches/{publisher}/{chapter}/{page:0000}.{ext}            uploaded pages (ingest)
 * results/{publisher}/{chapter}/{page:0000}-v{model}.{ext}    colored pages (worker; deterministic, so a
 *                                                              redelivered job overwrites its own result)
 * results/{publisher}/{chapter}/{page:0000}-original.{ext}     pages already in color, passed through unchanged
 *                                                              (worker; the uploaded bytes, in their own format)
 * results/{publisher}/{chapter}/{page:0000}-v{model}.flats.png the page's flat color layer, when asked for
 * results/{publisher}/{chapter}/{page:0000}-v{model}.lines.png the page's line layer, when asked for
 * results/{publisher}/{chapter}/{page:0000}-v{model}.ora       both layers as one OpenRaster file, when asked for
 * results/{publisher}/{chapter}/{page:0000}-v{model}.psd       both layers as one Photoshop file, when asked for
 * results/{publisher}/{chapter}/{page:0000}-r{rev}-v{model}...  the same for result revision rev >= 1 (a recolor);
 *                                                              revision 0 keeps the names above
 * sketches/{publisher}/{chapter}/{page:0000}.hints.{png|json}  a page's color hints at upload (ingest)
 * sketches/{publisher}/{chapter}/{page:0000}-r{rev}.hints.{ext} the hints of recolor revision rev
 * references/{publisher}/{series}/{reference}.colored.{ext}   a series' reference art (ingest)
 * references/{publisher}/{series}/{reference}.lines.{ext}     its line art, when given
 * models/v{version}/model.zip                                  model artifacts (trainer writes, workers read)
 * datasets/{dataset}/images/{sha256}.{ext}                     training images (content-addressed)
 * runs/{run}/checkpoints/{step:000000000}/                     resumable training checkpoints
 * runs/{run}/samples/{step:000000000}.png                     sample sheets of a run
 * </pre>
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String sketch(UUID publisherId, UUID chapterId, int pageNumber, String extension) {
        return String.format("sketches/%s/%s/%04d.%s", publisherId, chapterId, pageNumber, extension);
    }

    public static String result(UUID publisherId, UUID chapterId, int pageNumber, int modelVersion, String extension) {
        return result(publisherId, chapterId, pageNumber, 0, modelVersion, extension);
    }

    /** A colored page of result revision {@code revision}: 0 is the upload's, each recolor makes the next. */
    public static String result(UUID publisherId, UUID chapterId, int pageNumber, int revision, int modelVersion,
            String extension) {
        String rev = revision == 0 ? "" : "-r" + revision;
        return String.format("results/%s/%s/%04d%s-v%d.%s", publisherId, chapterId, pageNumber, rev, modelVersion,
                extension);
    }

    /** A page's color hints ({@code png}: dots on transparent, {@code json}: points) for result revision {@code revision}. */
    public static String hints(UUID publisherId, UUID chapterId, int pageNumber, int revision, String extension) {
        String rev = revision == 0 ? "" : "-r" + revision;
        return String.format("sketches/%s/%s/%04d%s.hints.%s", publisherId, chapterId, pageNumber, rev, extension);
    }

    /** A page already in color: its uploaded bytes, as its result (not colored by any model version). */
    public static String passedThrough(UUID publisherId, UUID chapterId, int pageNumber, String extension) {
        return String.format("results/%s/%s/%04d-original.%s", publisherId, chapterId, pageNumber, extension);
    }

    /** The flat color layer of a colored page (PNG), beside it. */
    public static String flatsLayer(UUID publisherId, UUID chapterId, int pageNumber, int modelVersion) {
        return flatsLayer(publisherId, chapterId, pageNumber, 0, modelVersion);
    }

    public static String flatsLayer(UUID publisherId, UUID chapterId, int pageNumber, int revision, int modelVersion) {
        return result(publisherId, chapterId, pageNumber, revision, modelVersion, "flats.png");
    }

    /** The line layer of a colored page (PNG, black on transparent), beside it. */
    public static String linesLayer(UUID publisherId, UUID chapterId, int pageNumber, int modelVersion) {
        return linesLayer(publisherId, chapterId, pageNumber, 0, modelVersion);
    }

    public static String linesLayer(UUID publisherId, UUID chapterId, int pageNumber, int revision, int modelVersion) {
        return result(publisherId, chapterId, pageNumber, revision, modelVersion, "lines.png");
    }

    /** Both layers of a colored page as one OpenRaster file, beside it. */
    public static String openRaster(UUID publisherId, UUID chapterId, int pageNumber, int modelVersion) {
        return openRaster(publisherId, chapterId, pageNumber, 0, modelVersion);
    }

    public static String openRaster(UUID publisherId, UUID chapterId, int pageNumber, int revision, int modelVersion) {
        return result(publisherId, chapterId, pageNumber, revision, modelVersion, "ora");
    }

    /** Both layers of a colored page as one layered Photoshop file, beside it. */
    public static String photoshop(UUID publisherId, UUID chapterId, int pageNumber, int revision, int modelVersion) {
        return result(publisherId, chapterId, pageNumber, revision, modelVersion, "psd");
    }

    /** Where a chapter's results live: a result key outside it is not the chapter's. */
    public static String resultPrefix(UUID publisherId, UUID chapterId) {
        return String.format("results/%s/%s/", publisherId, chapterId);
    }

    /** A series' reference art: {@code part} is {@code colored} or {@code lines}. */
    public static String seriesReference(UUID publisherId, String seriesId, UUID referenceId, String part,
            String extension) {
        return String.format("references/%s/%s/%s.%s.%s", publisherId, seriesId, referenceId, part, extension);
    }

    public static String modelArtifact(int version) {
        return "models/v" + version + "/model.zip";
    }

    public static String datasetImage(String dataset, String sha256Hex, String extension) {
        return "datasets/" + dataset + "/images/" + sha256Hex + "." + extension;
    }

    public static String runCheckpoints(UUID run) {
        return "runs/" + run + "/checkpoints/";
    }

    public static String runCheckpoint(UUID run, long step) {
        return runCheckpoints(run) + String.format("%09d", step) + "/";
    }

    public static String runSamples(UUID run) {
        return "runs/" + run + "/samples/";
    }

    public static String runSample(UUID run, long step) {
        return runSamples(run) + String.format("%09d", step) + ".png";
    }
}
