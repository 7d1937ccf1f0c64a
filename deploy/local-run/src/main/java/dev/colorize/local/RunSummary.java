package dev.colorize.local;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What summary.json holds: the outcome of one local run. */
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
        List<String> photoshopFiles) {

    boolean succeeded() {
        return "completed".equals(state) && pagesDone == pagesTotal && webhookSignatureValid;
    }
}
