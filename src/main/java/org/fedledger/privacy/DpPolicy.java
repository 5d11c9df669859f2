package org.fedledger.privacy;

/**
 * A task's client-level differential-privacy rule, the same for every participant: each round a
 * participant clips its step from the global model to L2 norm {@code clipNorm} and adds Gaussian
 * noise of standard deviation {@code noiseMultiplier * clipNorm} to every weight, and the task
 * stops before the accountant's epsilon at {@code delta} would pass {@code epsilonBudget}.
 *
 * <p>Every participant takes part in every round and who took part is public on-chain, so there
 * is no privacy amplification by sampling: rounds compose with sampling rate 1 (see
 * docs/privacy.md).
 *
 * @param clipNorm C, the L2 bound on a participant's step, positive
 * @param noiseMultiplier z, noise standard deviation over C, positive
 * @param delta the delta of the guarantee, in (0, 1); below 1/participants
 * @param epsilonBudget the epsilon the task may spend in all, positive
 */
public record DpPolicy(double clipNorm, double noiseMultiplier, double delta, double epsilonBudget) {
    private static final double SAMPLING_RATE = 1;

    public DpPolicy {
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clip norm must be positive and finite: " + clipNorm);
        }
        if (!(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be positive and finite: " + noiseMultiplier);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), e.g. 1e-5: " + delta);
        }
        if (!(epsilonBudget > 0) || Double.isInfinite(epsilonBudget)) {
            throw new IllegalArgumentException("epsilon budget must be positive and finite: " + epsilonBudget);
        }
    }

    /**
     * Returns the policy with the least noise that lets a task run {@code rounds} rounds within
     * {@code (epsilonBudget, delta)}: how {@code --dp-epsilon} and {@code --dp-delta} become a
     * noise multiplier.
     */
    public static DpPolicy forBudget(double clipNorm, double epsilonBudget, double delta, long rounds) {
        double z = RdpAccountant.noiseMultiplierFor(epsilonBudget, delta, SAMPLING_RATE, rounds);
        return new DpPolicy(clipNorm, z, delta, epsilonBudget);
    }

    /** Returns sigma, the standard deviation of the noise added to each weight. */
    public double noiseStdDev() {
        return noiseMultiplier * clipNorm;
    }

    /** Returns what a participant has spent after publishing {@code rounds} noisy updates. */
    public PrivacySpent spentAfter(long rounds) {
        return RdpAccountant.withDefaultOrders().compose(SAMPLING_RATE, noiseMultiplier, rounds).spent(delta);
    }

    /**
     * Returns how many rounds fit in the budget: the largest {@code T} (up to
     * {@code Integer.MAX_VALUE}) with {@code spentAfter(T).epsilon() <= epsilonBudget}. A
     * participant may publish a noisy update in round {@code r} (counting from 1) only if
     * {@code r <= roundsWithinBudget()}.
     */
    public long roundsWithinBudget() {
        long low = 0; // within budget
        long high = 1;
        while (withinBudget(high)) {
            low = high;
            if (high >= Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
            high = Math.min(2 * high, Integer.MAX_VALUE);
        }
        while (high - low > 1) { // low within budget, high not
            long mid = (low + high) >>> 1;
            if (withinBudget(mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private boolean withinBudget(long rounds) {
        return spentAfter(rounds).epsilon() <= epsilonBudget;
    }
}
