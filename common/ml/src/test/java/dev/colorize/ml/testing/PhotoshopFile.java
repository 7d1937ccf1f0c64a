package dev.colorize.ml.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * A .psd read back by a real PSD reader (TwelveMonkeys imageio-psd), as an editor reads it: the merged image and the
 * layers, bottom first as the format orders them, each with its name, blend mode key and pixels.
 */
public record PhotoshopFile(BufferedImage merged, List<Layer> layers) {

    /** One layer: its name, its blend mode key ("norm", "mul ", ...), whether it is visible, its pixels. */
    public record Layer(String name, String blendMode, boolean visible, BufferedImage pixels) {
    }

    public static PhotoshopFile read(byte[] psd) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(psd))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("psd").next();
            try {
                reader.setInput(in);
                Node root = reader.getImageMetadata(0).getAsTree("com_twelvemonkeys_imageio_psd_image_1.0");
                List<Node> infos = new ArrayList<>();
                for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n.getNodeName().equals("Layers")) {
                        for (Node layer = n.getFirstChild(); layer != null; layer = layer.getNextSibling()) {
                            infos.add(layer);
                        }
                    }
                }
                if (reader.getNumImages(true) != infos.size() + 1) {
                    throw new IOException(reader.getNumImages(true) + " images for " + infos.size() + " layers");
                }
                List<Layer> layers = new ArrayList<>();
                for (int i = 0; i < infos.size(); i++) {
                    Node info = infos.get(i);
                    layers.add(new Layer(attribute(info, "name"), attribute(info, "blendMode"),
                            Boolean.parseBoolean(attribute(info, "visible")), reader.read(i + 1)));
                }
                return new PhotoshopFile(reader.read(0), layers);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String attribute(Node node, String name) {
        return node.getAttributes().getNamedItem(name).getNodeValue();
    }
}
