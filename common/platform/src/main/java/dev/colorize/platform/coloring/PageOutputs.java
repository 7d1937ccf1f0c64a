package dev.colorize.platform.coloring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The object keys of what a coloring wrote, by file. On the wire and in page_colorings.outputs it is a JSON object
 * ({@code {"COLORED": "results/...png", "PSD": "results/...psd"}}), so a new kind of output needs no new field in any
 * message, row or migration.
 */
public record PageOutputs(Map<PageFile, String> keys) {

    public static final PageOutputs NONE = new PageOutputs(Map.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PageOutputs {
        EnumMap<PageFile, String> copy = new EnumMap<>(PageFile.class);
        if (keys != null) {
            keys.forEach((file, key) -> {
                if (file != null && key != null) {
                    copy.put(file, key);
                }
            });
        }
        keys = Collections.unmodifiableMap(copy);
    }

    /** The colored page alone. */
    public static PageOutputs colored(String key) {
        return new PageOutputs(Map.of(PageFile.COLORED, key));
    }

    @JsonValue
    @Override
    public Map<PageFile, String> keys() {
        return keys;
    }

    /** The key of {@code file}, or null when it was not written. */
    public String get(PageFile file) {
        return keys.get(file);
    }

    /** The colored page's key, or null (a failed coloring). */
    public String colored() {
        return keys.get(PageFile.COLORED);
    }

    /** These outputs with {@code file} written at {@code key} (null: not written). */
    public PageOutputs with(PageFile file, String key) {
        EnumMap<PageFile, String> copy = keys.isEmpty() ? new EnumMap<>(PageFile.class) : new EnumMap<>(keys);
        if (key == null) {
            copy.remove(file);
        } else {
            copy.put(file, key);
        }
        return new PageOutputs(copy);
    }

    /** Every key, the colored page first, then the files in {@link PageFile} order. */
    public List<String> all() {
        return List.copyOf(keys.values());
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
