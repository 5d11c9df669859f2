package org.fedledger.participant;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How a participant behaves where the protocol leaves it a choice.
 *
 * @param awaitParticipants start round 1 (advance the registration phase once its deadline has
 *     passed) only when at least this many participants have joined; 0: whenever the deadline
 *     has passed
 * @param stake the stake to join with; null: the task's minimum stake or the bond its sample
 *     count needs, whichever is larger
 * @param report report other participants' slashable faults (earning the bounty)
 * @param claimBatch claim rewards once this many rounds are claimable (and always at the end)
 * @param poll how often to ask the node for a new block
 * @param fetchPatience how long to keep trying to fetch an unavailable update before treating
 *     it as missing
 */
public record ParticipantSettings(int awaitParticipants, BigInteger stake, boolean report, int claimBatch,
                                  Duration poll, Duration fetchPatience) {
    public ParticipantSettings {
        Objects.requireNonNull(poll, "poll == null");
        Objects.requireNonNull(fetchPatience, "fetchPatience == null");
        if (awaitParticipants < 0 || claimBatch < 1) {
            throw new IllegalArgumentException("awaitParticipants >= 0 and claimBatch >= 1 required");
        }
        if (stake != null && stake.signum() <= 0) {
            throw new IllegalArgumentException("stake must be positive");
        }
    }

    /** Waits for {@code awaitParticipants}, default stake, reports faults, claims every 10 rounds, polls every 200 ms. */
    public static ParticipantSettings defaults(int awaitParticipants) {
        return new ParticipantSettings(awaitParticipants, null, true, 10, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    public ParticipantSettings withStake(BigInteger value) {
        return new ParticipantSettings(awaitParticipants, value, report, claimBatch, poll, fetchPatience);
    }

    public ParticipantSettings withReport(boolean value) {
        return new ParticipantSettings(awaitParticipants, stake, value, claimBatch, poll, fetchPatience);
    }
}
