package dev.colorize.trainer.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "--name value" options, "--flag" switches and positional arguments, refusing unknown options. */
final class CommandLine {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    CommandLine(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                options.put(a, "true");
            } else if (valued.contains(a) && i + 1 < args.length) {
                options.put(a, args[++i]);
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown or incomplete option " + a);
            } else {
                positional.add(a);
            }
        }
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String positional(int index, String what) {
        if (index >= positional.size()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return positional.get(index);
    }
}
