package dev.colorize.ml.train;

import dev.colorize.ml.data.ImagePair;
import java.util.Random;

/** A source of training pairs; drawing from the given random makes a step reproducible. */
@FunctionalInterface
public interface TrainingData {
    ImagePair sample(Random random);
}
