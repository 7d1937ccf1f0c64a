package dev.colorize.trainer.dataset.openclipart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Splits a clip-art SVG into its ink and its colors by repainting it, paint by paint where the file sets
 * one (attributes and inline {@code style}, so children inherit the repainted value as they inherited the
 * original). Painting order, and so what hides what, is kept:
 * <ul>
 * <li>{@link #LINES}: ink paints black, every other color white. A colored shape over a black outline shape
 * hides it as in the drawing, so only the visible ink remains;</li>
 * <li>{@link #FLATS}: ink paints removed ({@code none}), colors kept: the fills without their outlines.</li>
 * </ul>
 * Unset fills are black by SVG's default, so they are ink: the root gets an explicit default.
 */
enum InkSplit implements Consumer<Document> {
    LINES,
    FLATS;

    private static final String[] PAINTS = {"fill", "stroke"};

    @Override
    public void accept(Document svg) {
        Element root = svg.getDocumentElement();
        if (!root.hasAttribute("fill") && !styleDeclares(root.getAttribute("style"), "fill")) {
            root.setAttribute("fill", "#000000");
        }
        List<Element> elements = new ArrayList<>();
        collect(root, elements);
        for (Element e : elements) {
            for (String paint : PAINTS) {
                if (e.hasAttribute(paint)) {
                    e.setAttribute(paint, repaint(e.getAttribute(paint)));
                }
            }
            if (e.hasAttribute("style")) {
                e.setAttribute("style", restyle(e.getAttribute("style")));
            }
        }
    }

    private String repaint(String value) {
        if (Paint.isInk(value)) {
            return this == LINES ? "#000000" : "none";
        }
        if (Paint.isColor(value)) {
            return this == LINES ? "#ffffff" : value;
        }
        return value;
    }

    private String restyle(String style) {
        StringBuilder out = new StringBuilder();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                String property = declaration.substring(0, colon).strip();
                String value = declaration.substring(colon + 1);
                out.append(property).append(':')
                        .append(property.equals("fill") || property.equals("stroke") ? repaint(value) : value.strip())
                        .append(';');
            }
        }
        return out.toString();
    }

    private static boolean styleDeclares(String style, String property) {
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0 && declaration.substring(0, colon).strip().equals(property)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Element e, List<Element> into) {
        into.add(e);
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element c) {
                collect(c, into);
            }
        }
    }
}
