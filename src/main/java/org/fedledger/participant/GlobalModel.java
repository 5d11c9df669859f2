package org.fedledger.participant;

import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskEvents;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;

/**
 * The global model a round starts from, the aggregate of the latest round finalized before it
 * (or the task's initial model), fetched once and kept until a newer one is asked for.
 */
final class GlobalModel {
    private final Session session;
    private Cid cid;
    private float[] weights;

    GlobalModel(Session session) {
        this.session = session;
    }

    /** The weights that round {@code round} starts from. */
    float[] before(long round) throws ChainException, ModelStoreException {
        Cid latest = session.loaded().metadata().initialModel();
        for (TaskEvents.Finalized f : session.task().finalized()) {
            if (f.round() < round) {
                latest = f.aggregate();
            }
        }
        if (!latest.equals(cid)) {
            try (Timing.Span s = session.timing().span(Work.IPFS_GET)) {
                weights = session.loaded().sealing().forReading().getWeights(latest, session.loaded().spec()).values();
            }
            cid = latest;
        }
        return weights;
    }
}
