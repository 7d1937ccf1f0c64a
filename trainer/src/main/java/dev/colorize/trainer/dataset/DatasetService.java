package dev.colorize.trainer.dataset;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.sketch.XdogSketch;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.errors.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.opencv.core.Mat;

/** Datasets and their content-addressed images: object first, then the row, so a row always has its bytes. */
@ApplicationScoped
public class DatasetService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final DatasetRepository datasets;
    private final ObjectStore store;

    public DatasetService(DatasetRepository datasets, ObjectStore store) {
        this.datasets = datasets;
        this.store = store;
    }

    public DatasetView create(String name, double validationFraction, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refused.invalid("invalid-dataset-name",
                    "A dataset name is 1-63 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw Refused.invalid("invalid-validation-fraction", "validationFraction is in [0, 1)");
        }
        if (!datasets.create(name, validationFraction, actor)) {
            throw Refused.conflict("dataset-exists", "Dataset " + name + " exists already");
        }
        return require(name);
    }

    public DatasetView require(String name) {
        return datasets.find(name).orElseThrow(() -> Refused.notFound("Dataset " + name));
    }

    /** One stored image as it was uploaded, or the line art the trainer pairs it with (XDoG), as PNG. */
    public byte[] imageBytes(String dataset, String sha256, boolean sketch) {
        require(dataset);
        DatasetImage image = datasets.image(dataset, sha256)
                .orElseThrow(() -> Refused.notFound("Image " + sha256 + " of dataset " + dataset));
        byte[] bytes = store.get(image.objectKey());
        return sketch ? ImageCodec.encodePng(XdogSketch.standard().extract(ImageCodec.decodeBgr(bytes))) : bytes;
    }

    /** Stores a PNG or JPEG color illustration; the same bytes twice are one image. */
    public AddedImage addImage(String dataset, byte[] bytes, String sourceName, String actor) {
        DatasetView view = require(dataset);
        ImageFormat format = ImageFormat.sniff(bytes).filter(f -> f != ImageFormat.WEBP)
                .orElseThrow(() -> Refused.unsupportedMedia("Dataset images are PNG or JPEG"));
        Mat decoded;
        try {
            decoded = ImageCodec.decodeBgr(bytes);
        } catch (UndecodableImageException e) {
            throw Refused.invalid("undecodable-image", e.getMessage());
        }
        byte[] hash = Sha256.digest(bytes);
        String hex = HexFormat.of().formatHex(hash);
        var existing = datasets.image(dataset, hex);
        if (existing.isPresent()) {
            return new AddedImage(existing.get(), false);
        }
        String key = ObjectKeys.datasetImage(dataset, hex, format.extension());
        store.put(key, bytes, format.mediaType());
        DatasetImage image = new DatasetImage(hex, key, Split.of(hash, view.validationFraction()), decoded.cols(),
                decoded.rows(), bytes.length, sourceName, null);
        boolean added = datasets.add(dataset, image, actor);
        return new AddedImage(datasets.image(dataset, hex).orElseThrow(), added);
    }
}
