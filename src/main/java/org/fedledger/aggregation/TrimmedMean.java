package org.fedledger.aggregation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The coordinate-wise trimmed mean (Yin et al. 2018): at each coordinate, drop the {@code k}
 * largest and {@code k} smallest of the updates' values and average the rest, unweighted. Up to
 * {@code k} arbitrary updates cannot move a coordinate beyond the honest values. The rule trims
 * values, not updates, so it accepts every usable update.
 *
 * <p>Parameter: either a fraction {@code beta} in [0, 0.5) ({@code trimmed-mean:0.2}), trimming
 * {@code k = floor(beta * n)} per side of the {@code n} usable updates, computed exactly in
 * decimal; or a count ({@code trimmed-mean:k=2}), lowered to {@code (n - 1) / 2} when there are
 * too few updates to trim that many.
 */
final class TrimmedMean implements Combiner {
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final BigDecimal fraction;
    private final int count;

    private TrimmedMean(BigDecimal fraction, int count) {
        this.fraction = fraction;
        this.count = count;
    }

    static TrimmedMean of(String params) {
        if (params.startsWith("k=")) {
            return new TrimmedMean(null, Params.counts(params, "k").get("k"));
        }
        BigDecimal fraction = Params.decimal(params, "trim fraction");
        if (fraction.compareTo(HALF) >= 0) {
            throw new IllegalArgumentException("trim fraction must be below 0.5: " + params);
        }
        return new TrimmedMean(fraction, -1);
    }

    /** The values trimmed from each side of {@code n}. */
    int trim(int n) {
        if (fraction == null) {
            return Math.min(count, (n - 1) / 2);
        }
        return fraction.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    @Override
    public Combined combine(float[] global, List<Update> updates) {
        return new Combined(OrderStatistics.trimmedMean(updates, trim(updates.size())), List.of());
    }

    @Override
    public String params() {
        return fraction == null ? "k=" + count : fraction.stripTrailingZeros().toString();
    }
}
