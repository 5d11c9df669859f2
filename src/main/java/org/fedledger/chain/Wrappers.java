package org.fedledger.chain;

import java.math.BigInteger;
import org.fedledger.contracts.generated.TaskFactory;
import org.fedledger.storage.Cid;

/** Conversions between FedLedger's values and the generated wrappers' structs, in one place. */
final class Wrappers {
    private Wrappers() {}

    static TaskFactory.TaskRules rules(TaskTerms t) {
        return new TaskFactory.TaskRules(t.token(), t.minStake(), t.stakePerSample(), big(t.sampleCap()),
                big(t.numRounds()), big(t.registration().toSeconds()), big(t.commit().toSeconds()),
                big(t.reveal().toSeconds()), big(t.vote().toSeconds()), big(t.leaveCooldown().toSeconds()),
                big(t.quorumBps()), big(t.minRevealers()), big(t.missTolerance()), big(t.noRevealSlashBps()),
                big(t.rejectedSlashBps()), big(t.wrongVoteSlashBps()), big(t.missedRoundsSlashBps()),
                big(t.reporterBountyBps()), big(t.aggregationRule()));
    }

    static TaskFactory.TaskMetadata metadata(TaskContracts.TaskContent c) {
        return new TaskFactory.TaskMetadata(c.modelSpec().bytes(), c.initialModel().bytes(),
                c.validationSet() == null ? new byte[0] : c.validationSet().bytes(), c.aggregationParams());
    }

    static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
