package dev.colorize.trainer.dataset.fluent;

import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.TripletImportReport;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What a Fluent Emoji import wrote. One author (Microsoft), split by drawing name.
 *
 * @param drawings kept pairs per split, those written by an earlier run of the same import included
 * @param resumed pairs found already written and not rendered again
 * @param dropped pairs left out, by reason (see {@link FluentEmojiImporter})
 */
public record FluentImportReport(String source, String version, int size, Map<Split, Integer> drawings,
        int resumed, Map<String, Integer> dropped, double validationFraction, Duration elapsed)
        implements TripletImportReport {

    public static final String LICENSE = "MIT";
    public static final String AUTHOR = "Microsoft Corporation";

    @Override
    public String license() {
        return LICENSE;
    }

    @Override
    public Map<Split, Integer> pages() {
        return Map.of(Split.TRAIN, 0, Split.VALIDATION, 0);
    }

    @Override
    public Map<Split, Integer> authors() {
        return Map.of(Split.TRAIN, drawings.get(Split.TRAIN) > 0 ? 1 : 0,
                Split.VALIDATION, drawings.get(Split.VALIDATION) > 0 ? 1 : 0);
    }

    /** The split is by name hash: no seed. */
    @Override
    public long seed() {
        return 0;
    }

    @Override
    public Map<String, Integer> drawingsByAuthor() {
        return Map.of(AUTHOR, drawings.get(Split.TRAIN) + drawings.get(Split.VALIDATION));
    }

    @Override
    public String splitOf(String author) {
        return "train and validation (by name)";
    }

    @Override
    public String credit() {
        return "The drawings in this dataset are rendered from Fluent Emoji (https://github.com/microsoft/fluentui-emoji) "
                + "by Microsoft Corporation, in the Iconify JSON packages @iconify-json/fluent-emoji-flat and "
                + "@iconify-json/fluent-emoji-high-contrast " + version + ", licensed under the MIT License.\n"
                + "They were changed: the High Contrast drawing rasterized at " + size + "x" + size
                + " px as the line art, the Flat drawing of the same name as the flat colors, their product as the "
                + "composite.\n\n"
                + "MIT License\n\nCopyright (c) Microsoft Corporation.\n\n"
                + "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and "
                + "associated documentation files (the \"Software\"), to deal in the Software without restriction, "
                + "including without limitation the rights to use, copy, modify, merge, publish, distribute, "
                + "sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is "
                + "furnished to do so, subject to the following conditions:\n\n"
                + "The above copyright notice and this permission notice shall be included in all copies or "
                + "substantial portions of the Software.\n\n"
                + "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT "
                + "NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND "
                + "NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES "
                + "OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN "
                + "CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Fluent Emoji %s at %dx%d: drawings train %d, validation %d (%d from an "
                        + "earlier run); dropped %s; %.1f s", version, size, size, drawings.get(Split.TRAIN),
                drawings.get(Split.VALIDATION), resumed, dropped, elapsed.toMillis() / 1000.0);
    }
}
