package org.fedledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.fedledger.privacy.RdpAccountant.Conversion;
import org.junit.jupiter.api.Test;

/**
 * The accountant against epsilons published by TF-Privacy, dp_accounting and Opacus, each within
 * 1% (most agree to many more digits). Every reference names its source file and test; the
 * orders, steps and conversion are the ones that source used.
 */
class RdpAccountantTest {
    /** Opacus {@code RDPAccountant.DEFAULT_ALPHAS}: 1 + x/10 for x = 1..99, then 12..63. */
    private static final double[] OPACUS_ALPHAS = DoubleStream.concat(
            IntStream.rangeClosed(1, 99).mapToDouble(x -> 1 + x / 10.0),
            IntStream.rangeClosed(12, 63).mapToDouble(x -> x)).toArray();
    /** The orders of TF-Privacy's {@code compute_dp_sgd_privacy} (compute_dp_sgd_privacy_lib.py). */
    private static final double[] TF_PRIVACY_ORDERS = DoubleStream.concat(DoubleStream.concat(
            DoubleStream.of(1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5),
            IntStream.rangeClosed(5, 63).mapToDouble(x -> x)), DoubleStream.of(128, 256, 512)).toArray();

    // ---- no subsampling (q = 1), the case of FedLedger's rounds ----

    @Test
    void gaussianWithoutSamplingMatchesTfPrivacyExamplePrivacy() {
        // tensorflow/privacy, tensorflow_privacy/privacy/analysis/compute_dp_sgd_privacy_test.py,
        // test_compute_dp_sgd_example_privacy 'no_microbatching_no_subsampling_rdp': 1.2 epochs,
        // noise 0.7, delta 1e-5, no Poisson sampling -> count = ceil(1.2) = 2 Gaussian steps on
        // dp_accounting's default orders; expected 10.8602036.
        double eps = RdpAccountant.withDefaultOrders().compose(1, 0.7, 2).spent(1e-5).epsilon();

        assertThat(eps).isCloseTo(10.8602036, withinPercentage(1)).isCloseTo(10.8602036, within(1e-6));
    }

    @Test
    void gaussianWithoutSamplingAtHalfTheNoiseMatchesTfPrivacyMicrobatching() {
        // Same file, 'microbatching_no_subsampling_rdp': microbatching halves the noise
        // multiplier to 0.35; expected 26.2880374.
        double eps = RdpAccountant.withDefaultOrders().compose(1, 0.35, 2).spent(1e-5).epsilon();

        assertThat(eps).isCloseTo(26.2880374, withinPercentage(1)).isCloseTo(26.2880374, within(1e-6));
    }

    @Test
    void gaussianCalibratedToExactlyOneEpsilonGivesOneOnAFineGrid() {
        // tensorflow/privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py,
        // test_get_privacy_spent_check_target_delta: sigma 4.530877117 makes one Gaussian step
        // exactly (1, 1e-6)-DP (Balle and Wang 2018, analytic Gaussian mechanism); on the orders
        // 0.001 i for i in [1000, 100000) the improved conversion gives epsilon 1 (7 places).
        double[] fine = IntStream.range(1001, 100_000).mapToDouble(i -> 0.001 * i).toArray();

        double eps = RdpAccountant.withOrders(fine).compose(1, 4.530877117, 1).spent(1e-6).epsilon();

        assertThat(eps).isCloseTo(1.0, withinPercentage(1)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void withoutSamplingRdpIsAlphaOverTwoZSquaredPerStep() {
        double[] rdp = RdpAccountant.withOrders(2, 8, 32).compose(1, 2.0, 10).rdp();

        assertThat(rdp).containsExactly(10 * 2 / 8.0, 10 * 8 / 8.0, 10 * 32 / 8.0);
    }

    // ---- Poisson subsampling (q < 1) ----

    @Test
    void mnistLikeSettingMatchesTfPrivacyComputeDpSgdPrivacy() {
        // tensorflow/privacy, compute_dp_sgd_privacy_test.py, test_compute_dp_sgd_privacy 'Test0':
        // n 60000, batch 150, noise 1.3, 15 epochs, delta 1e-5 -> q = 0.0025, steps =
        // ceil(15 * 60000 / 150) = 6000; expected (0.7242234026109595, order 19).
        PrivacySpent spent = RdpAccountant.withOrders(TF_PRIVACY_ORDERS).compose(150 / 60000.0, 1.3, 6000).spent(1e-5);

        assertThat(spent.epsilon()).isCloseTo(0.7242234026109595, withinPercentage(1))
                .isCloseTo(0.7242234026109595, within(1e-9));
        assertThat(spent.order()).isEqualTo(19);
    }

    @Test
    void smallDeltaSettingMatchesTfPrivacyComputeDpSgdPrivacy() {
        // Same test, 'Test1': n 100000, batch 100, noise 1.0, 30 epochs, delta 1e-7 -> q = 0.001,
        // steps 30000; expected (1.4154988495444842, order 13).
        PrivacySpent spent = RdpAccountant.withOrders(TF_PRIVACY_ORDERS).compose(100 / 100000.0, 1.0, 30000).spent(1e-7);

        assertThat(spent.epsilon()).isCloseTo(1.4154988495444842, withinPercentage(1))
                .isCloseTo(1.4154988495444842, within(1e-9));
        assertThat(spent.order()).isEqualTo(13);
    }

    @Test
    void tinyNoiseAtAFractionalOrderMatchesTfPrivacyComputeDpSgdPrivacy() {
        // Same test, 'Test2': n 1e8, batch 1024, noise 0.1, 10 epochs, delta 1e-7 -> steps
        // ceil(976562.5) = 976563; expected (5907982.3113978775, order 1.25). Exercises the
        // fractional-order series with sigma = 0.1.
        PrivacySpent spent = RdpAccountant.withOrders(TF_PRIVACY_ORDERS).compose(1024 / 1e8, 0.1, 976563).spent(1e-7);

        assertThat(spent.epsilon()).isCloseTo(5907982.3113978775, withinPercentage(1))
                .isCloseTo(5907982.3113978775, withinPercentage(1e-6));
        assertThat(spent.order()).isEqualTo(1.25);
    }

    @Test
    void matchesOpacusRdpAccountant() {
        // pytorch/opacus, opacus/tests/accountants_test.py, test_rdp_accountant: noise 1.5,
        // sample rate 0.04, steps int(90 / 0.04) = 2250, delta 1e-5, Opacus DEFAULT_ALPHAS;
        // expected 7.32911117143.
        double eps = RdpAccountant.withOrders(OPACUS_ALPHAS).compose(0.04, 1.5, 2250).spent(1e-5).epsilon();

        assertThat(eps).isCloseTo(7.32911117143, withinPercentage(1)).isCloseTo(7.32911117143, within(1e-8));
    }

    @Test
    void poissonSampledExamplePrivacyMatchesTfPrivacy() {
        // tensorflow/privacy, compute_dp_sgd_privacy_test.py, test_compute_dp_sgd_example_privacy
        // 'no_microbatching_with_subsampling_rdp': q 1e-2, noise 0.7, count ceil(1.2 / 0.01) =
        // 120, delta 1e-5, dp_accounting default orders; expected 3.2392676. (dp_accounting's
        // current fractional series adds |C(alpha, i)| where TF-Privacy's subtracts; the
        // difference here is 2e-5 relative.)
        double eps = RdpAccountant.withDefaultOrders().compose(1e-2, 0.7, 120).spent(1e-5).epsilon();

        assertThat(eps).isCloseTo(3.2392676, withinPercentage(1)).isCloseTo(3.2392676, withinPercentage(0.01));
    }

    @Test
    void poissonSampledExamplePrivacyWithMicrobatchingMatchesTfPrivacy() {
        // Same test, 'microbatching_with_subsampling_rdp': as above with the noise halved to 0.35;
        // expected 22.6248601. Here dp_accounting's absolute-value series is 0.12% more
        // conservative than TF-Privacy's signed one, which this follows.
        double eps = RdpAccountant.withDefaultOrders().compose(1e-2, 0.35, 120).spent(1e-5).epsilon();

        assertThat(eps).isCloseTo(22.6248601, withinPercentage(1)).isLessThanOrEqualTo(22.6248601);
    }

    @Test
    void poissonSampledStatementMatchesTfPrivacy() {
        // Same file, test_dp_sgd_privacy_statement_no_user_dp_with_rdp: 10000 examples, batch 64,
        // 5 epochs, noise 2.0 with microbatching (sensitivity doubled: noise 1.0), delta 1e-6,
        // "Epsilon assuming Poisson sampling (*): 1.616" -> q = 0.0064, count ceil(781.25) = 782.
        double eps = RdpAccountant.withDefaultOrders().compose(64 / 10000.0, 1.0, 782).spent(1e-6).epsilon();

        assertThat(eps).isCloseTo(1.616, withinPercentage(1)).isCloseTo(1.616, within(0.0005));
    }

    // ---- the classic conversion, for values published with it ----

    @Test
    void classicConversionReproducesTheTfPrivacyMnistTutorialTable() {
        // tensorflow/privacy, tutorials/README.md, "Select Parameters" table (delta 1e-5), computed
        // by tutorials/mnist_dpsgd_tutorial.py's compute_epsilon with the rdp_accountant of the
        // time: get_privacy_spent used eps = rdp - log(delta)/(alpha - 1); orders 1 + x/10 for
        // x = 1..99 and 12..63; q = 256/60000; steps = epochs * (60000 // 256) = epochs * 234.
        //   noise 1.12, 60 epochs -> 2.92;  noise 0.6, 30 epochs -> 9.74;  noise 1.2, 10 epochs -> 1.20
        double q = 256 / 60000.0;
        RdpAccountant none = RdpAccountant.withOrders(OPACUS_ALPHAS);

        assertThat(none.compose(q, 1.12, 60 * 234).spent(1e-5, Conversion.MIRONOV_2017).epsilon())
                .isCloseTo(2.92, withinPercentage(1)).isCloseTo(2.92, within(0.005));
        assertThat(none.compose(q, 0.6, 30 * 234).spent(1e-5, Conversion.MIRONOV_2017).epsilon())
                .isCloseTo(9.74, withinPercentage(1)).isCloseTo(9.74, within(0.01));
        assertThat(none.compose(q, 1.2, 10 * 234).spent(1e-5, Conversion.MIRONOV_2017).epsilon())
                .isCloseTo(1.20, withinPercentage(1)).isCloseTo(1.20, within(0.005));
    }

    @Test
    void improvedConversionIsNeverWorseThanTheClassicOne() {
        RdpAccountant spent = RdpAccountant.withDefaultOrders().compose(256 / 60000.0, 1.12, 60 * 234);

        assertThat(spent.spent(1e-5).epsilon()).isLessThan(spent.spent(1e-5, Conversion.MIRONOV_2017).epsilon());
    }

    // ---- the inverse ----

    @Test
    void noiseMultiplierForABudgetMatchesOpacus() {
        // pytorch/opacus, opacus/tests/accountants_test.py, test_get_noise_multiplier: epsilon 8,
        // delta 1e-5, sample rate 0.04, 90 epochs (2250 steps); expected 1.425307617. Opacus
        // stops its bisection at a width of 0.01, so its answer is up to 0.7% above the exact one.
        double z = RdpAccountant.noiseMultiplierFor(8, 1e-5, 0.04, 2250);

        assertThat(z).isCloseTo(1.425307617, withinPercentage(1));
    }

    @Test
    void noiseMultiplierForABudgetIsTheSmallestThatKeepsEpsilonWithinIt() {
        double z = RdpAccountant.noiseMultiplierFor(3, 1e-5, 1, 50);

        assertThat(epsilon(z, 50)).isLessThanOrEqualTo(3).isCloseTo(3, within(1e-6));
        assertThat(epsilon(z * (1 - 1e-6), 50)).isGreaterThan(3);
    }

    @Test
    void compositionAddsUpAndMoreRoundsSpendMore() {
        RdpAccountant once = RdpAccountant.withDefaultOrders().compose(1, 1.1, 10);
        RdpAccountant twice = once.compose(1, 1.1, 10);

        assertThat(twice.rdp()).containsExactly(RdpAccountant.withDefaultOrders().compose(1, 1.1, 20).rdp(), within(1e-12));
        assertThat(twice.spent(1e-5).epsilon()).isGreaterThan(once.spent(1e-5).epsilon());
        assertThat(once.rdp()).isNotEqualTo(twice.rdp()); // compose returns a new accountant
    }

    @Test
    void nothingSpentIsEpsilonZeroAndNoNoiseIsInfinite() {
        assertThat(RdpAccountant.withDefaultOrders().spent(1e-5).epsilon()).isZero();
        PrivacySpent noNoise = RdpAccountant.withDefaultOrders().compose(1, 0, 1).spent(1e-5);
        assertThat(noNoise.epsilon()).isInfinite();
        assertThat(noNoise.order()).isNaN();
    }

    @Test
    void defaultOrdersAreDpAccountingsGrid() {
        double[] orders = RdpAccountant.defaultOrders();

        assertThat(orders).hasSize(156);
        assertThat(orders[0]).isEqualTo(1.1);
        assertThat(orders[98]).isEqualTo(10.9);
        assertThat(orders[99]).isEqualTo(11);
        assertThat(orders).endsWith(63, 128, 256, 512, 1024);
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() {
        RdpAccountant accountant = RdpAccountant.withDefaultOrders();
        assertThatThrownBy(() -> accountant.compose(1.5, 1, 1)).hasMessage("sampling rate must be in [0, 1]: 1.5");
        assertThatThrownBy(() -> accountant.compose(1, -1, 1)).hasMessageContaining("noise multiplier");
        assertThatThrownBy(() -> accountant.spent(0)).hasMessage("delta must be in (0, 1), e.g. 1e-5: 0.0");
        assertThatThrownBy(() -> RdpAccountant.withOrders(1.0)).hasMessageContaining("above 1");
        assertThatThrownBy(() -> RdpAccountant.noiseMultiplierFor(1e-9, 1e-5, 1, 1000))
                .hasMessageContaining("out of reach");
    }

    private static double epsilon(double z, long rounds) {
        return RdpAccountant.withDefaultOrders().compose(1, z, rounds).spent(1e-5).epsilon();
    }
}
