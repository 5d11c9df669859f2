package org.fedledger.participant;

/**
 * What a participant's time goes to, as it reports through {@link ParticipantListener#spent}:
 * for benchmarks that ask where a round's time goes. Each is wall time on the participant's own
 * thread, so one participant's figures never overlap and never add up to more than its run.
 */
public enum Work {
    /** Local training (and privatizing the result, under a privacy policy). */
    TRAINING,
    /** Putting its update and its aggregate on IPFS (hashing them for their CIDs included). */
    IPFS_PUT,
    /** Fetching the global model and the round's updates from IPFS, CID and weight-file checks included. */
    IPFS_GET,
    /** Its own protocol transactions (join, commit, reveal, vote, advance, leave, claim), simulation and receipt included. */
    TRANSACTIONS,
    /** Reading the task's state and events: the round and phase, its membership, the reveals to aggregate. */
    CHAIN_READS,
    /** Checking ended rounds: the result, others' slashable faults, and reporting them. */
    CHECKS,
    /** The task's aggregation rule, screening of the updates included. */
    AGGREGATION,
    /** Waiting for a new block or a deadline: for the other participants and the chain. */
    WAITING
}
