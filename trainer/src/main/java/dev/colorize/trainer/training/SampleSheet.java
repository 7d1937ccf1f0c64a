package dev.colorize.trainer.training;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.data.ImageTensors;
import dev.colorize.ml.infer.GeneratorRunner;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * What pix2pix users watched in visdom, as one PNG per checkpoint: a row per validation image with the
 * sketch, the generator's output and the ground truth side by side.
 */
public final class SampleSheet {

    private SampleSheet() {}

    public static byte[] render(GeneratorRunner generator, List<ImagePair> pairs) {
        List<Mat> rows = new ArrayList<>();
        for (ImagePair pair : pairs) {
            int size = pair.size();
            Mat sketch = new Mat();
            Imgproc.cvtColor(ImageTensors.toImage(pair.sketch(), 0, 1, size, size), sketch, Imgproc.COLOR_GRAY2BGR);
            Mat output = ImageTensors.toImage(generator.predict(pair.sketch(), 1), 0, 3, size, size);
            Mat truth = ImageTensors.toImage(pair.color(), 0, 3, size, size);
            Mat row = new Mat();
            Core.hconcat(List.of(sketch, output, truth), row);
            rows.add(row);
        }
        Mat sheet = new Mat();
        Core.vconcat(rows, sheet);
        return ImageCodec.encodePng(sheet);
    }
}
