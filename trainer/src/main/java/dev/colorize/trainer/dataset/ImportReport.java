package dev.colorize.trainer.dataset;

import java.util.Map;

/** What a folder import did: new images, images already there, and skipped files by reason. */
public record ImportReport(String dataset, int added, int alreadyPresent, Map<String, Integer> skipped) {}
