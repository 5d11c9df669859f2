package org.fedledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampledGaussianTest {
    @Test
    void integerOrderMatchesTfPrivacysPublishedRdp() {
        // tensorflow/privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py,
        // test_compute_rdp_scalar: compute_rdp(q=0.1, noise=2, steps=10, order=5) = 0.07737 (5 places).
        assertThat(10 * SampledGaussian.rdp(0.1, 2, 5)).isCloseTo(0.07737, within(5e-6));
    }

    @Test
    void fractionalAndIntegerOrdersMatchTfPrivacysPublishedSequence() {
        // Same file, test_compute_rdp_sequence: compute_rdp(0.01, 2.5, 50, [1.5, 2.5, 5, 50, 100])
        // = [6.5007e-04, 1.0854e-03, 2.1808e-03, 2.3846e-02, 1.6742e+02], rtol 1e-4.
        double[] orders = {1.5, 2.5, 5, 50, 100};
        double[] expected = {6.5007e-04, 1.0854e-03, 2.1808e-03, 2.3846e-02, 1.6742e+02};
        for (int i = 0; i < orders.length; i++) {
            assertThat(50 * SampledGaussian.rdp(0.01, 2.5, orders[i])).as("order %s", orders[i])
                    .isCloseTo(expected[i], withinPercentage(0.01));
        }
    }

    @ParameterizedTest
    @CsvSource({"0.01, 2.5, 1.5", "0.01, 2.5, 2.5", "0.01, 2.5, 5", "0.01, 2.5, 20.5", "0.1, 2, 5.5", "0.1, 2, 6",
        "0.5, 1, 3.25", "0.001, 1, 2"})
    void logAEqualsTheMomentIntegral(double q, double sigma, double alpha) {
        // Independent of the series: A_alpha = E_{z ~ N(0, sigma^2)} [((1 - q) + q exp((2z - 1) / (2 sigma^2)))^alpha],
        // the moment the series computes (Mironov et al. 2019, Sec. 3), by Simpson's rule.
        assertThat(SampledGaussian.logA(q, sigma, alpha)).isCloseTo(Math.log(momentIntegral(q, sigma, alpha)), within(1e-10));
    }

    @Test
    void edgeCases() {
        assertThat(SampledGaussian.rdp(0, 1, 2)).isZero();
        assertThat(SampledGaussian.rdp(0.5, 0, 2)).isInfinite();
        assertThat(SampledGaussian.rdp(1, 2, 3)).isEqualTo(3 / 8.0);
    }

    @Test
    void subsamplingNeverCostsMoreThanTheFullGaussian() {
        for (double alpha : RdpAccountant.defaultOrders()) {
            assertThat(SampledGaussian.rdp(0.3, 1.5, alpha)).isLessThanOrEqualTo(SampledGaussian.rdp(1, 1.5, alpha));
        }
    }

    private static double momentIntegral(double q, double sigma, double alpha) {
        double from = -15 * sigma;
        double to = alpha + 15 * sigma;
        int n = 400_000; // even
        double h = (to - from) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double z = from + i * h;
            double weight = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            double density = Math.exp(-z * z / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
            double ratio = (1 - q) + q * Math.exp((2 * z - 1) / (2 * sigma * sigma));
            sum += weight * density * Math.pow(ratio, alpha);
        }
        return sum * h / 3;
    }
}
