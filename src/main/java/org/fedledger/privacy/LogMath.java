package org.fedledger.privacy;

/**
 * Arithmetic on numbers held as their natural logarithms, and {@code log(erfc(x))}, for the
 * accountant's series. The moments of a subsampled Gaussian run from {@code 1e-300} to
 * {@code 1e+300} and beyond within one sum, so the series is summed in log space, where neither
 * end underflows nor overflows. Zero is {@code -Infinity}.
 */
final class LogMath {
    /** Thrown by {@link #logSub} when the difference would be negative. */
    static final class NegativeDifference extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        NegativeDifference() {
            super("log-space difference is negative");
        }
    }

    // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
    // (1969), coefficients as in his CALERF (Netlib specfun): relative error below 1e-16.
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
        3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
        1.28261652607737228e03, 2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
        6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
        1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
        2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
        5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
        4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
        1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
        1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00,
        5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};
    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;
    private static final double ERF_THRESHOLD = 0.46875;
    private static final double HUGE = 6.71e7;

    private LogMath() {}

    /** Returns {@code log(exp(logX) + exp(logY))}. */
    static double logAdd(double logX, double logY) {
        double a = Math.min(logX, logY);
        double b = Math.max(logX, logY);
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        return Math.log1p(Math.exp(a - b)) + b;
    }

    /**
     * Returns {@code log(exp(logX) - exp(logY))}.
     *
     * @throws NegativeDifference if {@code logX < logY}
     */
    static double logSub(double logX, double logY) {
        if (logX < logY) {
            throw new NegativeDifference();
        }
        if (logY == Double.NEGATIVE_INFINITY) {
            return logX;
        }
        if (logX == logY) {
            return Double.NEGATIVE_INFINITY;
        }
        double difference = logX - logY;
        if (difference > 700) { // exp would overflow; exp(logY) is below logX's last digit anyway
            return logX;
        }
        return Math.log(Math.expm1(difference)) + logY;
    }

    /**
     * Returns {@code log(erfc(x))}, accurate also where {@code erfc(x)} itself underflows (from
     * {@code x > 26.5}): beyond Cody's first interval it works with the scaled function
     * {@code erfcx(x) = exp(x^2) erfc(x)} and subtracts {@code x^2} in log space.
     */
    static double logErfc(double x) {
        double y = Math.abs(x);
        if (y <= ERF_THRESHOLD) {
            return Math.log1p(-erfSmall(x));
        }
        double scaled = erfcxBeyondThreshold(y);
        if (x > 0) {
            return Math.log(scaled) - y * y;
        }
        return Math.log(2 - Math.exp(-y * y) * scaled); // erfc(-y) = 2 - erfc(y)
    }

    /** Cody's first interval: {@code erf(x)} for {@code |x| <= 0.46875}. */
    private static double erfSmall(double x) {
        double ysq = x * x;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** Cody's second and third intervals: {@code erfcx(y)} for {@code y > 0.46875}. */
    private static double erfcxBeyondThreshold(double y) {
        if (y <= 4) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            return (num + C[7]) / (den + D[7]);
        }
        if (y >= HUGE) {
            return ONE_OVER_SQRT_PI / y;
        }
        double ysq = 1 / (y * y);
        double num = P[5] * ysq;
        double den = ysq;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        double r = ysq * (num + P[4]) / (den + Q[4]);
        return (ONE_OVER_SQRT_PI - r) / y;
    }
}
