package org.fedledger.participant;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskClient;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.weights.WeightFile;

/**
 * The test acting as an account of a {@link Federation}'s task, step by step through its own
 * port: join, publish and commit an update, reveal it, advance, vote. What a participant would
 * keep in its state file it keeps in fields.
 */
final class ScriptedMember {
    static final long SAMPLES = 20;

    final String account;
    final TaskPort port;
    private final Federation federation;
    private final SecureRandom random = new SecureRandom();
    private Cid update;
    private byte[] salt;

    ScriptedMember(Federation federation, String account) {
        this.federation = federation;
        this.account = account;
        this.port = federation.task.port(account);
    }

    /** Joins with the minimum stake. */
    ScriptedMember join() throws ChainException {
        return join(federation.task.rules().minStake());
    }

    ScriptedMember join(BigInteger stake) throws ChainException {
        port.join(stake);
        return this;
    }

    /** Publishes {@code weights} as its update and commits to it in the running round. */
    Cid commit(float[] weights) throws ChainException, ModelStoreException {
        Cid cid = federation.models.putWeights(new WeightFile(Federation.SPEC.digest(), weights));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        long round = port.position().round();
        port.commit(TaskClient.commitment(cid.digest(), SAMPLES, secret, account, port.address(), round));
        update = cid;
        salt = secret;
        return cid;
    }

    /** Commits an update of the initial model plus {@code delta}. */
    Cid commitOffset(float delta) throws ChainException, ModelStoreException {
        return commit(Peer.offset(new float[Federation.SPEC.parameterCount()], delta));
    }

    /** Reveals what it committed last. */
    void reveal() throws ChainException {
        port.reveal(update, SAMPLES, salt);
    }

    void advance() throws ChainException {
        port.advance();
    }

    /** Lets the running phase's deadline pass and advances it. */
    void advanceAfterDeadline() throws ChainException {
        federation.task.expirePhase();
        port.advance();
    }
}
