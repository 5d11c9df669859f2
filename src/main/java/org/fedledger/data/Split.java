package org.fedledger.data;

import static java.util.Objects.requireNonNull;

/**
 * A data set divided into a part to train on and a part to evaluate on. Both parts describe the
 * same problem: equal feature counts and equal class counts.
 */
public record Split(Dataset train, Dataset test) {
    public Split {
        requireNonNull(train, "train == null");
        requireNonNull(test, "test == null");
        if (train.featureCount() != test.featureCount()) {
            throw new IllegalArgumentException("train has " + train.featureCount()
                    + " features but test has " + test.featureCount());
        }
        if (train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("train has " + train.numClasses()
                    + " classes but test has " + test.numClasses());
        }
    }
}
