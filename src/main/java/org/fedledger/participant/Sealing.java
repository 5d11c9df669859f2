package org.fedledger.participant;

import java.util.List;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.modelstore.ModelStore;

/**
 * Which view of the model store a participant reads and writes one task's weight files through:
 * the plain store in a task without encryption ({@link #plain}), sealed views in a task with
 * encrypted files ({@link TaskSealing}).
 */
public interface Sealing {
    /** Where this participant publishes its update of {@code round}. */
    ModelStore forUpdate(long round) throws ChainException;

    /** Where this participant reads updates and global models. */
    ModelStore forReading() throws ChainException;

    /** Where this participant publishes {@code round}'s aggregate, after reading {@code revealed} through {@link #forReading()}. */
    ModelStore forAggregate(long round, List<Revealed> revealed) throws ChainException;

    /** The plain store everywhere. */
    static Sealing plain(ModelStore models) {
        return new Sealing() {
            @Override
            public ModelStore forUpdate(long round) {
                return models;
            }

            @Override
            public ModelStore forReading() {
                return models;
            }

            @Override
            public ModelStore forAggregate(long round, List<Revealed> revealed) {
                return models;
            }
        };
    }
}
