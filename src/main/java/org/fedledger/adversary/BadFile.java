package org.fedledger.adversary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/**
 * Publishes a file other participants cannot use as its update, to disrupt the round or waste
 * their bandwidth: either bytes that are not a weight file at all ({@link #malformed()}) or a
 * weight file with four times the model's weights ({@link #oversize()}). Either is rejected as
 * invalid, which is slashable.
 */
public final class BadFile extends Deviation {
    private final boolean oversize;

    private BadFile(boolean oversize) {
        this.oversize = oversize;
    }

    /** Text in place of a weight file. */
    public static BadFile malformed() {
        return new BadFile(false);
    }

    /** A weight file four times the model's size. */
    public static BadFile oversize() {
        return new BadFile(true);
    }

    @Override
    public Cid publish(ModelStore models, WeightFile update) throws ModelStoreException {
        if (oversize) {
            float[] values = Arrays.copyOf(update.values(), update.values().length * 4);
            return models.putWeights(new WeightFile(update.specDigest(), values));
        }
        return models.putRaw(("not a weight file: " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return oversize ? "OversizeFile" : "MalformedFile";
    }
}
