package org.fedledger.privacy;

/**
 * Rényi differential privacy of one step of the Poisson-subsampled Gaussian mechanism: each
 * record is included with probability {@code q}, then Gaussian noise of standard deviation
 * {@code z} times the L2 sensitivity is added to the sum. A port of TF-Privacy's
 * {@code rdp_accountant._compute_rdp} and {@code _compute_log_a} (Mironov, Talwar and Zhang,
 * "Rényi Differential Privacy of the Sampled Gaussian Mechanism", arXiv:1908.10530, Sec. 3.3),
 * so that its numbers can be checked against TF-Privacy's, Opacus's and dp_accounting's.
 *
 * <p>Two deliberate differences, neither of which changes a published value: {@code log(1-q)}
 * is {@code Math.log1p(-q)} (as in current dp_accounting), and where the fractional series fails
 * numerically (TF-Privacy raises an error) or has not converged after {@link #MAX_TERMS} terms,
 * the order gets RDP {@code +Infinity}: the conversion to epsilon then just skips that order,
 * which can only make epsilon larger, never smaller.
 */
final class SampledGaussian {
    /** A bound on the fractional series; it converges within tens of terms for sane inputs. */
    static final int MAX_TERMS = 10_000;
    private static final double LOG_HALF = Math.log(0.5);
    private static final double SQRT2 = Math.sqrt(2);

    private SampledGaussian() {}

    /**
     * Returns the RDP at order {@code alpha} of one step.
     *
     * @param q sampling rate in [0, 1]
     * @param z noise multiplier (noise standard deviation over sensitivity), at least 0
     * @param alpha Rényi order, greater than 1
     */
    static double rdp(double q, double z, double alpha) {
        if (q == 0) {
            return 0;
        }
        if (z == 0 || Double.isInfinite(alpha)) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * z * z);
        }
        try {
            return logA(q, z, alpha) / (alpha - 1);
        } catch (LogMath.NegativeDifference e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** {@code log(A_alpha)}, the log of the mechanism's alpha-th moment. */
    static double logA(double q, double sigma, double alpha) {
        return alpha == Math.rint(alpha) ? logAInt(q, sigma, (int) alpha) : logAFrac(q, sigma, alpha);
    }

    /** TF-Privacy's {@code _compute_log_a_int}: a finite binomial sum. */
    static double logAInt(double q, double sigma, int alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoSigmaSq = 2 * sigma * sigma;
        double logA = Double.NEGATIVE_INFINITY;
        double logBinom = 0; // log C(alpha, i), built up term by term
        for (int i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinom += Math.log((double) (alpha - i + 1) / i);
            }
            double term = logBinom + i * logQ + (alpha - i) * log1mQ + ((double) i * i - i) / twoSigmaSq;
            logA = LogMath.logAdd(logA, term);
        }
        return logA;
    }

    /**
     * TF-Privacy's {@code _compute_log_a_frac}: the integral split at {@code z0}, where the two
     * mixture densities cross, each half an infinite binomial series whose coefficients
     * {@code C(alpha, i)} change sign once {@code i > alpha + 1}. Stops once both new terms are
     * below {@code e^-30}.
     */
    static double logAFrac(double q, double sigma, double alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoSigmaSq = 2 * sigma * sigma;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double logAbsBinom = 0;
        boolean positive = true;
        for (int i = 0; i < MAX_TERMS; i++) {
            if (i > 0) {
                double factor = (alpha - i + 1) / i;
                logAbsBinom += Math.log(Math.abs(factor));
                positive ^= factor < 0;
            }
            double j = alpha - i;
            double logT0 = logAbsBinom + i * logQ + j * log1mQ;
            double logT1 = logAbsBinom + j * logQ + i * log1mQ;
            double logE0 = LOG_HALF + LogMath.logErfc((i - z0) / (SQRT2 * sigma));
            double logE1 = LOG_HALF + LogMath.logErfc((z0 - j) / (SQRT2 * sigma));
            double logS0 = logT0 + ((double) i * i - i) / twoSigmaSq + logE0;
            double logS1 = logT1 + (j * j - j) / twoSigmaSq + logE1;
            if (positive) {
                logA0 = LogMath.logAdd(logA0, logS0);
                logA1 = LogMath.logAdd(logA1, logS1);
            } else {
                logA0 = LogMath.logSub(logA0, logS0);
                logA1 = LogMath.logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                return LogMath.logAdd(logA0, logA1);
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
