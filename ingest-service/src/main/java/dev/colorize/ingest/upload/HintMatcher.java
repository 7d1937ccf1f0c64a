package dev.colorize.ingest.upload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs hint files with the pages they are named after ({@link HintFileNames}) and inspects each: a hint naming no
 * page of the chapter, or a second hint for one page, is a 400 naming the file.
 */
final class HintMatcher {

    private HintMatcher() {
    }

    static List<PageHint> match(List<InspectedPage> pages, List<PageSource> hints, HintInspector inspector) {
        if (hints.isEmpty()) {
            return List.of();
        }
        Map<String, InspectedPage> byStem = new HashMap<>();
        for (InspectedPage page : pages) {
            byStem.putIfAbsent(HintFileNames.stem(page.fileName()), page);
        }
        Set<Integer> hinted = new HashSet<>();
        List<PageHint> matched = new ArrayList<>(hints.size());
        for (PageSource hint : hints) {
            HintFileNames.HintName name = HintFileNames.parse(hint.fileName()).orElseThrow(() ->
                    PageRejectedException.invalid("invalid-hints", null, hint.fileName(), "A hint file is named after "
                            + "its page: <page file stem>.hints.png or .hints.json, not '" + hint.fileName() + "'"));
            InspectedPage page = byStem.get(name.pageStem());
            if (page == null) {
                throw PageRejectedException.invalid("unknown-hint-page", null, hint.fileName(), "The hint file '"
                        + hint.fileName() + "' names no page of the chapter (no page file '" + name.pageStem() + ".*')");
            }
            if (!hinted.add(page.pageNumber())) {
                throw PageRejectedException.invalid("duplicate-hints", page.pageNumber(), hint.fileName(), "Page "
                        + page.pageNumber() + " has more than one hint file");
            }
            matched.add(inspector.inspect(page, hint, name.points()));
        }
        matched.sort(Comparator.comparingInt(PageHint::pageNumber));
        return matched;
    }
}
