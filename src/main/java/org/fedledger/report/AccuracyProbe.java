package org.fedledger.report;

import java.util.OptionalDouble;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;

/**
 * Scores a global model for the report: the share of some test set that the weights stored
 * under a CID classify correctly. The caller decides what to test on and whether to test at all
 * ({@link #NONE}); {@link ModelAccuracy} is the usual one. A probe that cannot score a model
 * (say, its weights are no longer on any node) may answer empty, or throw to fail the report.
 */
@FunctionalInterface
public interface AccuracyProbe {
    /** Measures nothing: every accuracy stays unknown. */
    AccuracyProbe NONE = weights -> OptionalDouble.empty();

    /** The accuracy in [0, 1] of the model with these weights, or empty if it is not measured. */
    OptionalDouble accuracyOf(Cid weights) throws ModelStoreException;
}
