package org.fedledger.bench;

/**
 * Where a FedLedger participant's time per round goes, in seconds: means over participants of
 * wall time on each participant's thread (see {@link org.fedledger.participant.Work}).
 */
public record RoundBreakdown(double training, double ipfsPut, double ipfsGet, double transactions, double chainReads,
                             double checks, double aggregation, double waiting) {
    public double sum() {
        return training + ipfsPut + ipfsGet + transactions + chainReads + checks + aggregation + waiting;
    }
}
