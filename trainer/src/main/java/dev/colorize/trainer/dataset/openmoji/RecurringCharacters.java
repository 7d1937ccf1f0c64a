package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.ml.data.TripletFolder.Triplet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenMoji's recurring characters: a person emoji of one skin tone doing something (the cook, the farmer, the singer,
 * in a wheelchair...) is one character redrawn, never copied. What series references are measured and fitted on.
 */
public final class RecurringCharacters {

    /** A person emoji of one skin tone doing something: the character is the person and the tone. */
    private static final Pattern CHARACTER = Pattern.compile(
            "(1F9D1|1F468|1F469)-(1F3F[B-F])-200D-[0-9A-F]{4,5}(-200D-27A1-FE0F)?");

    private RecurringCharacters() {}

    /** The character drawings by person and tone, in name order, the chapters in name order. */
    public static Map<String, List<Triplet>> chapters(List<Triplet> drawings) {
        Map<String, List<Triplet>> chapters = new TreeMap<>();
        for (Triplet t : drawings.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            Matcher m = CHARACTER.matcher(t.name());
            if (m.matches()) {
                chapters.computeIfAbsent(m.group(1) + "-" + m.group(2), k -> new ArrayList<>()).add(t);
            }
        }
        return chapters;
    }
}
