package dev.colorize.worker.service;

import dev.colorize.ml.infer.ColorPageRule;
import dev.colorize.platform.messaging.PageJob;
import org.opencv.core.CvException;
import org.opencv.core.Mat;

/**
 * Stage 2: whether a page that was read is colored or passed through unchanged because it is already in color
 * (see {@link ColorPageRule}). A page is always colored when its job forces it or brings hints: the publisher
 * asked for these colors.
 */
final class PassThroughDecision {

    /** Tells pages already in color; null when every page is colored. */
    private final ColorPageRule colorPages;

    PassThroughDecision(ColorPageRule colorPages) {
        this.colorPages = colorPages;
    }

    /** Marks the page passed through, its uploaded bytes becoming its result, when it is not to be colored. */
    void decide(PageWork<?> page, byte[] uploaded) {
        try {
            if (passesThrough(page.job, page.sketch)) {
                page.skip(uploaded);
            }
        } catch (CvException e) {
            page.fail("cannot be decoded: " + e.getMessage()); // deterministic: retrying would block the partition
        }
    }

    boolean passesThrough(PageJob job, Mat sketch) {
        return colorPages != null && !job.request().hasHints() && !job.request().forceColor() && colorPages.isColor(sketch);
    }
}
