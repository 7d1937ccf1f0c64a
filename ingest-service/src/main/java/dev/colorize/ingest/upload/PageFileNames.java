package dev.colorize.ingest.upload;

import dev.colorize.platform.errors.Refused;

/**
 * What a page's file name (a part's or an archive entry's) may be. Names are stored, repeated in problems
 * and, in an archive, compared many times while sorting, so they are short and printable: at most
 * {@link #MAX_LENGTH} characters, no control characters (PostgreSQL cannot even store a NUL).
 */
public final class PageFileNames {

    public static final int MAX_LENGTH = 255;

    /** How much of a refused name a problem repeats: enough to find it, not the whole of a hostile one. */
    private static final int SHOWN_LENGTH = 80;

    private PageFileNames() {
    }

    /**
     * Refuses a name that breaks the rules with a 400 naming it; a missing name passes.
     *
     * @param what how the problem names the page, e.g. "Page 2 (part 'pages')" or "The archive entry"
     */
    public static void check(String name, Integer page, String what) {
        if (name == null) {
            return;
        }
        if (name.length() > MAX_LENGTH) {
            throw refused(name, page, what, "has a name of " + name.length() + " characters, more than the limit of "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw refused(name, page, what, "has a name with the control character "
                        + String.format("U+%04X", (int) name.charAt(i)));
            }
        }
    }

    private static Refused refused(String name, Integer page, String what, String problem) {
        String shown = shown(name);
        return PageRejectedException.invalid("invalid-file-name", page, shown, what + " '" + shown + "' " + problem);
    }

    /** The name as a problem repeats it: control characters escaped as \\uXXXX, cut after SHOWN_LENGTH characters. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(name.length(), SHOWN_LENGTH); i++) {
            char c = name.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
        }
        return name.length() > SHOWN_LENGTH ? out.append("...").toString() : out.toString();
    }
}
