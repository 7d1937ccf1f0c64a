package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.OpenCvNative;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The network paints stray flat patches on empty paper; a colorist's flats keep the paper white there. A shape the
 * lines leave open to the paper (a body drawn without its lower outline) still takes its own color; a panel's frame is
 * not a line of the drawing, and the paper inside a thick frame is paper too. A pale wash the network lays over part of a
 * panel's paper, leaving the rest white, is paper (a background painted all over in a tint keeps it:
 * {@link FlatFillGivesEachClosedRegionOneColorTest}).
 */
class PaperStaysPaperTest {

    static final int SIZE = 400;
    static final Scalar SKIN = new Scalar(150, 190, 230);
    static final Scalar LILAC = new Scalar(220, 180, 190);
    static final Point STAIN = new Point(330, 80);
    /** A stain that touches the inside of the frame. */
    static final Point FRAME_STAIN = new Point(200, 22);
    static final Point OPEN_SHAPE = new Point(200, 200);

    @BeforeAll
    static void openCv() {
        OpenCvNative.ensureLoaded();
    }

    /** A panel frame {@code frame} px thick around a shape open at the bottom (a U drawn upside down). */
    private static Mat lineArt(int frame) {
        Mat lines = new Mat(SIZE, SIZE, CvType.CV_8UC1, new Scalar(255));
        Imgproc.rectangle(lines, new Point(10, 10), new Point(SIZE - 11, SIZE - 11), new Scalar(0), frame);
        Imgproc.line(lines, new Point(140, 300), new Point(140, 120), new Scalar(0), 4);
        Imgproc.line(lines, new Point(140, 120), new Point(260, 120), new Scalar(0), 4);
        Imgproc.line(lines, new Point(260, 120), new Point(260, 300), new Scalar(0), 4);
        return lines;
    }

    /** The network's guess: the open shape in skin down to its opening, and a lilac stain on the empty paper. */
    private static Mat prediction() {
        Mat predicted = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.rectangle(predicted, new Point(142, 122), new Point(258, 300), SKIN, -1);
        Imgproc.circle(predicted, STAIN, 14, LILAC, -1);
        Imgproc.circle(predicted, FRAME_STAIN, 12, LILAC, -1);
        return predicted;
    }

    private static double[] at(Mat image, Point p) {
        return image.get((int) p.y, (int) p.x);
    }

    @Test
    void aPatchOnEmptyPaperStaysWhiteWhileAShapeOpenToThePaperTakesItsColor() {
        Mat flats = new FlatFill().flats(lineArt(3), prediction(), null, true, List.of(new Rect(9, 9, SIZE - 18, SIZE - 18)));

        assertThat(at(flats, STAIN)).as("the stain").containsExactly(255, 255, 255);
        assertThat(at(flats, FRAME_STAIN)).as("the stain along the frame").containsExactly(255, 255, 255);
        double[] open = at(flats, OPEN_SHAPE);
        assertThat(open[0]).as("the open shape, blue").isCloseTo(SKIN.val[0], org.assertj.core.data.Offset.offset(8.0));
        assertThat(open[2]).as("the open shape, red").isCloseTo(SKIN.val[2], org.assertj.core.data.Offset.offset(8.0));
    }

    @Test
    void aPaleWashOverPartOfThePanelsPaperIsPaperWhileAShapeOfThatTintKeepsIt() {
        Scalar wash = new Scalar(250, 223, 216); // BGR: the pale lavender the network washed a sample panel in
        Mat lines = lineArt(3);
        Point box = new Point(80, 330);
        Imgproc.rectangle(lines, new Point(60, 310), new Point(100, 350), new Scalar(0), 3);
        // the network tints the upper half of the panel's paper and leaves the rest white; the box all in the tint
        Mat predicted = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.rectangle(predicted, new Point(0, 0), new Point(SIZE - 1, 280), wash, -1);
        Imgproc.rectangle(predicted, new Point(60, 310), new Point(100, 350), wash, -1);
        Imgproc.rectangle(predicted, new Point(142, 122), new Point(258, 300), SKIN, -1);

        Mat flats = new FlatFill().flats(lines, predicted, null, true, List.of(new Rect(9, 9, SIZE - 18, SIZE - 18)));

        assertThat(at(flats, STAIN)).as("the panel's paper").containsExactly(255, 255, 255);
        double[] shape = at(flats, box);
        for (int c = 0; c < 3; c++) {
            assertThat(shape[c]).as("a closed shape of that tint, channel %d", c)
                    .isCloseTo(wash.val[c], org.assertj.core.data.Offset.offset(3.0));
        }
    }

    @Test
    void thePaperInsideAThickFrameIsBackgroundNotAFigure() {
        Mat lines = lineArt(9);
        FlatFill fill = new FlatFill();
        LineRegions regions = fill.regions(lines);
        List<Rect> panels = List.of(new Rect(6, 6, SIZE - 12, SIZE - 12)); // the frame's outer edge, as detected

        boolean[] background = RegionDescriptors.backgroundLabels(regions, panels);

        assertThat(background[regions.label((int) STAIN.x, (int) STAIN.y)]).isTrue();
        assertThat(at(fill.flats(lines, prediction(), null, true, panels), STAIN)).containsExactly(255, 255, 255);
    }
}
