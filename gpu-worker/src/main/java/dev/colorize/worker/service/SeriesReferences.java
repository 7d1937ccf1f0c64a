package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.ml.infer.ReferenceArt;
import dev.colorize.platform.coloring.SeriesReference;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.worker.model.LoadedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.opencv.core.CvException;
import org.opencv.core.Mat;

/**
 * A series' references as the colorizer follows them, described once per reference and model version and kept for
 * the next pages of the series (a chapter's pages all follow the same few references). A reference that cannot be
 * read or used is left out with a warning: its pages are colored without it rather than failed, since the reference
 * is not the page (it may have been deleted after the chapter was uploaded).
 */
final class SeriesReferences {

    private static final Logger LOG = Logger.getLogger(SeriesReferences.class);
    /** Descriptions kept: a few series' references; each is a few hundred regions' descriptors. */
    static final int CACHED = 64;

    private record Key(int modelVersion, SeriesReference reference) {}

    private final PageStore store;
    private final long maxPixels;
    private final Map<Key, ReferenceArt> described = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ReferenceArt> eldest) {
            return size() > CACHED;
        }
    };

    SeriesReferences(PageStore store, long maxPixels) {
        this.store = store;
        this.maxPixels = maxPixels;
    }

    /** The usable references of {@code wanted} for {@code model}; on the model thread (describing runs the model). */
    List<ReferenceArt> describe(LoadedModel model, List<SeriesReference> wanted) {
        List<ReferenceArt> arts = new ArrayList<>(wanted.size());
        for (SeriesReference reference : wanted) {
            Key key = new Key(model.version(), reference);
            ReferenceArt art = described.get(key);
            if (art == null) {
                art = read(model, reference);
                if (art != null) {
                    described.put(key, art);
                }
            }
            if (art != null) {
                arts.add(art);
            }
        }
        return arts;
    }

    private ReferenceArt read(LoadedModel model, SeriesReference reference) {
        Mat colored = null;
        Mat lines = null;
        try {
            colored = decode(reference.coloredKey());
            lines = reference.linesKey() == null ? null : decode(reference.linesKey());
            return model.colorizer().describeReference(colored, lines);
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("reading reference " + reference.id(), e);
            LOG.warnf("Reference %s is left out: %s", reference.id(), e.getMessage());
            return null;
        } catch (UndecodableImageException | IllegalArgumentException
                | CvException e) {
            LOG.warnf("Reference %s is left out: %s", reference.id(), e.getMessage());
            return null;
        } finally {
            if (colored != null) {
                colored.release();
            }
            if (lines != null) {
                lines.release();
            }
        }
    }

    private Mat decode(String key) {
        byte[] bytes = store.read(key);
        ImageHeader header = ImageHeader.read(bytes);
        if (header.pixels() > maxPixels) {
            throw new IllegalArgumentException(key + " is " + header.width() + "x" + header.height()
                    + ", more than the page limit of " + maxPixels + " pixels");
        }
        return ImageCodec.decodeBgr(bytes);
    }
}
