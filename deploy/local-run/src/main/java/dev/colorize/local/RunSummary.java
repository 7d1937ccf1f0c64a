package dev.colorize.local;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What summary.json holds: the outcome of one local run. With --reference: referencesStored, how many images became
 * the series' references; referenceRegions and regionsFollowed, the pages' regions matched against them and those that
 * took a reference's color, summed over the pages (null without --reference).
 */
record RunSummary(
        UUID chapterId,
        String state,
        int pagesTotal,
        int pagesDone,
        int pagesFailed,
        List<Integer> modelVersions,
        boolean modelBootstrapped,
        Map<String, Double> secondsPerStage,
        boolean webhookArrived,
        boolean webhookSignatureValid,
        String webhookEvent,
        String archive,
        List<String> pages,
        List<String> failures,
        List<String> openRasterFiles,
        List<String> photoshopFiles,
        Integer referencesStored,
        Integer referenceRegions,
        Integer regionsFollowed) {

    boolean succeeded() {
        return "completed".equals(state) && pagesDone == pagesTotal && webhookSignatureValid;
    }
}
