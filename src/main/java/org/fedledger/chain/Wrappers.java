package org.fedledger.chain;

import java.math.BigInteger;
import org.fedledger.contracts.generated.TaskFactory;
import org.fedledger.storage.Cid;

/** Conversions between FedLedger's values and the generated wrappers' structs, in one place. */
final class Wrappers {
    private Wrappers() {}

    static TaskFactory.TaskRules rules(TaskRules t) {
        return new TaskFactory.TaskRules(t.token(), t.minStake(), t.stakePerSample(), big(t.sampleCap()),
                big(t.numRounds()), big(t.registration().toSeconds()), big(t.commit().toSeconds()),
                big(t.reveal().toSeconds()), big(t.vote().toSeconds()), big(t.leaveCooldown().toSeconds()),
                big(t.quorumBps()), big(t.minRevealers()), big(t.missTolerance()), big(t.noRevealSlashBps()),
                big(t.rejectedSlashBps()), big(t.wrongVoteSlashBps()), big(t.missedRoundsSlashBps()),
                big(t.reporterBountyBps()), big(t.aggregationRule()));
    }

    static TaskFactory.TaskMetadata metadata(TaskMetadata c) {
        return new TaskFactory.TaskMetadata(c.modelSpec().bytes(), c.initialModel().bytes(),
                c.validationSet() == null ? new byte[0] : c.validationSet().bytes(), c.aggregationParams());
    }

    static TaskRules terms(org.fedledger.contracts.generated.FederatedTask.TaskRules r) {
        return new TaskRules(r.token, r.minStake, r.stakePerSample, r.sampleCap.longValueExact(),
                r.numRounds.intValueExact(), seconds(r.registrationDuration), seconds(r.commitDuration),
                seconds(r.revealDuration), seconds(r.voteDuration), seconds(r.leaveCooldown), r.quorumBps.intValueExact(),
                r.minRevealers.intValueExact(), r.missTolerance.intValueExact(), r.noRevealSlashBps.intValueExact(),
                r.rejectedSlashBps.intValueExact(), r.wrongVoteSlashBps.intValueExact(),
                r.missedRoundsSlashBps.intValueExact(), r.reporterBountyBps.intValueExact(),
                r.aggregationRule.intValueExact());
    }

    static TaskMetadata content(org.fedledger.contracts.generated.FederatedTask.TaskMetadata m) {
        return new TaskMetadata(Cid.fromBytes(m.modelSpecCid), Cid.fromBytes(m.initialModelCid),
                m.validationSetCid.length == 0 ? null : Cid.fromBytes(m.validationSetCid), m.aggregationParams);
    }

    private static java.time.Duration seconds(BigInteger value) {
        return java.time.Duration.ofSeconds(value.longValueExact());
    }

    static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
