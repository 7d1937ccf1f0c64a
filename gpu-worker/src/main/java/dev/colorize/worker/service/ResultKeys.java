package dev.colorize.worker.service;

import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;

/** Where a colored page is stored: deterministic per page and model version, so a redelivery overwrites it. */
public final class ResultKeys {

    private ResultKeys() {
    }

    public static String of(PageJob job, int modelVersion) {
        return String.format("results/%s/%s/%04d-v%d.%s", job.publisherId(), job.chapterId(), job.pageNumber(),
                modelVersion, outputFormat(job).extension());
    }

    /** PNG unless the job asked for another format. */
    public static OutputFormat outputFormat(PageJob job) {
        return job.outputFormat() != null ? job.outputFormat() : OutputFormat.PNG;
    }
}
