package dev.colorize.trainer.training;

import dev.colorize.ml.data.DataSummary;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.data.PairedImageFolder;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.train.TrainingData;
import java.util.List;

/** What a run trains and validates on: a dataset of the registry (color images) or triplet folders on disk. */
public interface TrainingSource {

    TrainingData trainingData();

    /** At most {@code limit} validation pairs, always the same ones. */
    List<ImagePair> validationPairs(int limit);

    DataSummary summary();

    /** Color images whose line art is extracted (a registry dataset's snapshot, or any such folder). */
    static TrainingSource colorImages(PairedImageFolder folder) {
        return new TrainingSource() {
            @Override
            public TrainingData trainingData() {
                return folder.trainingData();
            }

            @Override
            public List<ImagePair> validationPairs(int limit) {
                List<ImagePair> all = folder.validationPairs();
                return all.subList(0, Math.min(limit, all.size()));
            }

            @Override
            public DataSummary summary() {
                return folder.summary();
            }
        };
    }

    /** Drawn (line art, flats) triplets, as import-openmoji and the other importers write them. */
    static TrainingSource triplets(TripletFolder folder) {
        return new TrainingSource() {
            @Override
            public TrainingData trainingData() {
                return folder.trainingData();
            }

            @Override
            public List<ImagePair> validationPairs(int limit) {
                return folder.validationPairs(limit);
            }

            @Override
            public DataSummary summary() {
                return folder.summary();
            }
        };
    }
}
