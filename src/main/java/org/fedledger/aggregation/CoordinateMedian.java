package org.fedledger.aggregation;

import java.util.List;

/**
 * The coordinate-wise median (Yin et al. 2018): each new weight is the median of the updates'
 * values at that coordinate, the mean of the middle two for an even count; sample counts do not
 * matter. A minority of arbitrary updates cannot move a coordinate beyond the honest values.
 * The rule picks values, not updates, so it accepts every usable update. No parameters.
 */
final class CoordinateMedian implements Combiner {
    static CoordinateMedian of(String params) {
        Params.none(params);
        return new CoordinateMedian();
    }

    @Override
    public Combined combine(float[] global, List<Update> updates) {
        return new Combined(OrderStatistics.trimmedMean(updates, (updates.size() - 1) / 2), List.of());
    }

    @Override
    public String params() {
        return "";
    }
}
