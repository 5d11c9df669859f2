package org.fedledger.participant;

import java.util.HashSet;
import java.util.Set;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.RoundPosition;

/**
 * A participant's chain actions and the ones the contract refused: an action refused in a
 * round and phase (the state moved on, say a vote after the round finalized) is not tried again
 * until the phase changes, and the listener is told why it was skipped.
 */
final class Attempts {
    private final ParticipantListener listener;
    private final Set<String> refused = new HashSet<>();

    Attempts(ParticipantListener listener) {
        this.listener = listener;
    }

    /** A chain action. */
    interface Action {
        void run() throws ChainException;
    }

    /** Runs {@code action}; if the contract refuses it, remembers that for {@code pos}'s round and phase and returns false. */
    boolean attempt(RoundPosition pos, String name, Action action) throws ChainException {
        try {
            action.run();
            return true;
        } catch (ContractRevertException e) {
            refuse(pos, name);
            listener.skipped(pos.round(), name, e.description().orElse(e.getMessage()));
            return false;
        }
    }

    boolean refused(RoundPosition pos, String name) {
        return refused.contains(key(pos, name));
    }

    void refuse(RoundPosition pos, String name) {
        refused.add(key(pos, name));
    }

    private static String key(RoundPosition pos, String action) {
        return pos.round() + ":" + pos.phase() + ":" + action;
    }
}
