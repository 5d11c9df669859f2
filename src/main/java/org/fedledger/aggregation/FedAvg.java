package org.fedledger.aggregation;

import java.util.List;

/**
 * Federated averaging (McMahan et al. 2017): the new weights are the average of the updates
 * weighted by their sample counts, {@code theta = sum_i (n_i / sum n) theta_i}. Accepts every
 * usable update. No parameters. The sum runs in float, see {@link Sums#average}.
 */
final class FedAvg implements Combiner {
    static FedAvg of(String params) {
        Params.none(params);
        return new FedAvg();
    }

    @Override
    public Combined combine(float[] global, List<Update> updates) {
        return new Combined(Sums.average(updates, Sums.sampleShares(updates)), List.of());
    }

    /** The average meets every value and reports one that is not finite. */
    @Override
    public boolean checksValues() {
        return true;
    }

    @Override
    public String params() {
        return "";
    }
}
