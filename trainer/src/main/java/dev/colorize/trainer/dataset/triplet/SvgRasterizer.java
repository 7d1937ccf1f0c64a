package dev.colorize.trainer.dataset.triplet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.util.function.Consumer;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.transcoder.SVGAbstractTranscoder;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.batik.util.SVGConstants;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Renders an SVG with Apache Batik into a {@code width x height} ARGB image on a transparent background
 * (the alpha channel is the drawing's coverage), after an optional edit of its document (keeping one
 * layer, say). Stateless: safe from many threads.
 */
public final class SvgRasterizer {

    private static final String URI = "file:///drawing.svg";

    public BufferedImage render(String svg, int width, int height) throws IOException {
        return render(svg, document -> { }, width, height);
    }

    public BufferedImage render(String svg, Consumer<Document> edit, int width, int height) throws IOException {
        Document document = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName())
                .createDocument(URI, new StringReader(svg));
        edit.accept(document);
        defaultMissingSizes(document);
        Capture capture = new Capture();
        capture.addTranscodingHint(SVGAbstractTranscoder.KEY_WIDTH, (float) width);
        capture.addTranscodingHint(SVGAbstractTranscoder.KEY_HEIGHT, (float) height);
        try {
            capture.transcode(new TranscoderInput(document), null);
        } catch (TranscoderException e) {
            throw new IOException("cannot render SVG: " + e.getMessage(), e);
        }
        return capture.image;
    }

    /**
     * SVG 2 reads a missing rectangle width or height, circle radius or ellipse radius as 0 (nothing drawn);
     * Batik, an SVG 1.1 renderer, refuses the whole file. A few OpenMoji files have such a rectangle.
     */
    private static void defaultMissingSizes(Document document) {
        String[][] required = {{"rect", "width", "height"}, {"circle", "r"}, {"ellipse", "rx", "ry"}};
        for (String[] shape : required) {
            NodeList elements = document.getElementsByTagNameNS(SVGConstants.SVG_NAMESPACE_URI, shape[0]);
            for (int i = 0; i < elements.getLength(); i++) {
                Element e = (Element) elements.item(i);
                for (int a = 1; a < shape.length; a++) {
                    if (!e.hasAttribute(shape[a])) {
                        e.setAttribute(shape[a], "0");
                    }
                }
            }
        }
    }

    /** An image transcoder that keeps the image instead of encoding it. */
    private static final class Capture extends ImageTranscoder {
        private BufferedImage image;

        @Override
        public BufferedImage createImage(int width, int height) {
            return new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        }

        @Override
        public void writeImage(BufferedImage img, TranscoderOutput output) {
            image = img;
        }
    }
}
