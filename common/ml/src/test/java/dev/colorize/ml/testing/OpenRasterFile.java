package dev.colorize.ml.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An .ora file read back the way an editor reads it: its entries in zip order (and whether the first was stored
 * uncompressed), the image size and the layers of stack.xml, top first.
 */
public record OpenRasterFile(List<String> entryNames, boolean firstEntryStored, Map<String, byte[]> entries,
        int width, int height, List<StackLayer> layers) {

    /** One layer element of stack.xml. */
    public record StackLayer(String name, String src, String compositeOp) {
    }

    public static OpenRasterFile read(byte[] ora) throws Exception {
        List<String> names = new ArrayList<>();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        boolean firstStored = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ora))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (names.isEmpty()) {
                    firstStored = e.getMethod() == ZipEntry.STORED;
                }
                names.add(e.getName());
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        byte[] stack = entries.get("stack.xml");
        if (stack == null) {
            throw new IOException("no stack.xml in " + names);
        }
        Element image = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(stack)).getDocumentElement();
        List<StackLayer> layers = new ArrayList<>();
        NodeList elements = image.getElementsByTagName("layer");
        for (int i = 0; i < elements.getLength(); i++) {
            Element layer = (Element) elements.item(i);
            layers.add(new StackLayer(layer.getAttribute("name"), layer.getAttribute("src"),
                    layer.getAttribute("composite-op")));
        }
        return new OpenRasterFile(names, firstStored, entries, Integer.parseInt(image.getAttribute("w")),
                Integer.parseInt(image.getAttribute("h")), layers);
    }
}
