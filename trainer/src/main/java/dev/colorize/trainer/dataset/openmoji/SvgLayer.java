package dev.colorize.trainer.dataset.openmoji;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Which top-level groups of an OpenMoji color SVG to keep. The artist's line art is {@code <g id="line">};
 * everything else at the top level ({@code color}, {@code skin}, {@code hair}, {@code skin-shadow},
 * {@code line-supplement}, {@code color-foreground}) is paint. Definitions ({@code defs}, {@code style})
 * always stay.
 */
public enum SvgLayer {
    /** the {@code line} group alone: the line art. */
    LINES,
    /** everything but the {@code line} group: the flat colors. */
    FLATS,
    /** the whole drawing: the composite. */
    COLOR;

    static final String LINE_GROUP = "line";
    private static final Set<String> DEFINITIONS = Set.of("defs", "style");

    /** Removes, in place, the top-level elements this layer does not show. */
    void strip(Document svg) {
        if (this == COLOR) {
            return;
        }
        List<Element> drop = new ArrayList<>();
        for (Node n = svg.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !DEFINITIONS.contains(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) {
                boolean line = LINE_GROUP.equals(e.getAttribute("id"));
                if (line == (this == FLATS)) {
                    drop.add(e);
                }
            }
        }
        drop.forEach(e -> e.getParentNode().removeChild(e));
    }
}
