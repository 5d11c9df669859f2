package org.fedledger.privacy;

import java.util.Arrays;

/**
 * Counts the privacy a sequence of (optionally Poisson-subsampled) Gaussian mechanisms spends,
 * in Rényi differential privacy (Mironov 2017), and converts the total to
 * {@code (epsilon, delta)}. RDP composes by addition, order by order, so the accountant is a
 * vector of RDP values on a fixed grid of orders; each {@link #compose} returns a new accountant.
 *
 * <p>The default grid is dp_accounting's {@code DEFAULT_RDP_ORDERS} (the one TF-Privacy's
 * {@code compute_dp_sgd_privacy_statement} uses): {@code 1 + x/10} for {@code x = 1..99}, the
 * integers 11 to 63, and 128, 256, 512, 1024. The conversion is the improved one of Balle et
 * al. 2020 ({@link Conversion#BALLE_2020}) used by current TF-Privacy, dp_accounting and Opacus;
 * the older {@link Conversion#MIRONOV_2017} is there to reproduce values published with it.
 */
public final class RdpAccountant {
    /** How to turn RDP at several orders into one {@code (epsilon, delta)} guarantee. */
    public enum Conversion {
        /**
         * {@code eps = min over alpha of rdp + log((alpha-1)/alpha) - (log delta + log alpha)/(alpha-1)},
         * from Balle, Barthe, Gaboardi, Hsu and Sato, "Hypothesis testing interpretations and Rényi
         * differential privacy", AISTATS 2020 (arXiv:1905.09982, Theorem 21), also Asoodeh et al.
         * arXiv:2001.05990 Eq. 20 and Canonne, Kamath and Steinke arXiv:2004.00010 Prop. 12. As in
         * dp_accounting: an order whose RDP gives {@code delta^2 > 1 - exp(-rdp)} yields epsilon 0
         * (the KL bound), and orders at or below 1.01 are skipped (unstable there).
         */
        BALLE_2020,
        /** {@code eps = min over alpha of rdp - log(delta)/(alpha-1)} (Mironov 2017, Prop. 3). */
        MIRONOV_2017
    }

    private static final double[] DEFAULT_ORDERS = defaultOrders();

    private final double[] orders;
    private final double[] rdp;

    private RdpAccountant(double[] orders, double[] rdp) {
        this.orders = orders;
        this.rdp = rdp;
    }

    /** Returns an accountant with nothing spent, on the default grid of orders. */
    public static RdpAccountant withDefaultOrders() {
        return new RdpAccountant(DEFAULT_ORDERS, new double[DEFAULT_ORDERS.length]);
    }

    /** Returns an accountant with nothing spent, on the given orders (each finite and above 1). */
    public static RdpAccountant withOrders(double... orders) {
        if (orders.length == 0) {
            throw new IllegalArgumentException("need at least one Rényi order");
        }
        for (double order : orders) {
            if (!(order > 1) || Double.isInfinite(order)) {
                throw new IllegalArgumentException("Rényi orders must be finite and above 1: " + order);
            }
        }
        return new RdpAccountant(orders.clone(), new double[orders.length]);
    }

    /** Returns the default grid of orders, described in the class comment. */
    public static double[] defaultOrders() {
        double[] orders = new double[99 + 53 + 4];
        int n = 0;
        for (int x = 1; x <= 99; x++) {
            orders[n++] = 1 + x / 10.0;
        }
        for (int alpha = 11; alpha <= 63; alpha++) {
            orders[n++] = alpha;
        }
        for (int alpha : new int[] {128, 256, 512, 1024}) {
            orders[n++] = alpha;
        }
        return orders;
    }

    /**
     * Returns this accountant plus {@code steps} runs of the Gaussian mechanism with noise
     * multiplier {@code noiseMultiplier}, each on a Poisson sample of rate {@code samplingRate}
     * (1 when every record, or every participant, takes part every time).
     */
    public RdpAccountant compose(double samplingRate, double noiseMultiplier, long steps) {
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1]: " + samplingRate);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be finite and at least 0: " + noiseMultiplier);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0: " + steps);
        }
        if (steps == 0) {
            return this;
        }
        double[] sum = rdp.clone();
        for (int i = 0; i < orders.length; i++) {
            sum[i] += steps * SampledGaussian.rdp(samplingRate, noiseMultiplier, orders[i]);
        }
        return new RdpAccountant(orders, sum);
    }

    /** Returns the guarantee for {@code delta} under the {@link Conversion#BALLE_2020} conversion. */
    public PrivacySpent spent(double delta) {
        return spent(delta, Conversion.BALLE_2020);
    }

    /** Returns the smallest epsilon over the orders for which the composition is {@code (epsilon, delta)}-DP. */
    public PrivacySpent spent(double delta, Conversion conversion) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), e.g. 1e-5: " + delta);
        }
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < orders.length; i++) {
            double eps = conversion == Conversion.BALLE_2020
                    ? balle(orders[i], rdp[i], delta)
                    : rdp[i] - Math.log(delta) / (orders[i] - 1);
            if (eps < best) {
                best = eps;
                bestOrder = orders[i];
            }
        }
        return new PrivacySpent(Math.max(0, best), delta, bestOrder);
    }

    private static double balle(double alpha, double rdp, double delta) {
        if (rdp <= 0 || delta * delta + Math.expm1(-rdp) > 0) {
            return 0;
        }
        if (alpha <= 1.01) {
            return Double.POSITIVE_INFINITY;
        }
        return rdp + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1);
    }

    /**
     * Returns the smallest noise multiplier (to a relative 1e-9) for which {@code steps} runs at
     * {@code samplingRate} stay within {@code (targetEpsilon, delta)}, on the default orders with
     * the {@link Conversion#BALLE_2020} conversion. The answer's epsilon is at most the target.
     *
     * @throws IllegalArgumentException if even a noise multiplier of 1e6 spends more
     */
    public static double noiseMultiplierFor(double targetEpsilon, double delta, double samplingRate, long steps) {
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new IllegalArgumentException("target epsilon must be positive and finite: " + targetEpsilon);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1: " + steps);
        }
        double low = 0;
        double high = 1;
        while (epsilon(high, delta, samplingRate, steps) > targetEpsilon) {
            low = high;
            high *= 2;
            if (high > 1e6) {
                throw new IllegalArgumentException("epsilon " + targetEpsilon + " at delta " + delta + " over "
                        + steps + " steps is out of reach: raise the budget or take fewer steps");
            }
        }
        while (high - low > 1e-9 * high) {
            double mid = (low + high) / 2;
            if (epsilon(mid, delta, samplingRate, steps) <= targetEpsilon) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private static double epsilon(double noiseMultiplier, double delta, double samplingRate, long steps) {
        return withDefaultOrders().compose(samplingRate, noiseMultiplier, steps).spent(delta).epsilon();
    }

    /** Returns the orders, a copy. */
    public double[] orders() {
        return orders.clone();
    }

    /** Returns the RDP spent so far at each order, a copy. */
    public double[] rdp() {
        return rdp.clone();
    }

    @Override
    public String toString() {
        return "RdpAccountant[" + orders.length + " orders, rdp " + Arrays.toString(rdp) + "]";
    }
}
