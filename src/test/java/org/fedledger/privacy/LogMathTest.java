package org.fedledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogMathTest {
    @ParameterizedTest
    @CsvSource({
        // x, log(erfc(x)) from SciPy 1.17: log(2) + scipy.special.log_ndtr(-x * sqrt(2))
        "-30, 0.6931471805599453",
        "-5, 0.6931471805591766",
        "-1, 0.6112323176780705",
        "-0.3, 0.28414589714140825",
        "0, 0.0",
        "0.2, -0.25193223378261687",
        "0.46875, -0.6784821856143964",
        "0.5, -0.7350111298370848",
        "1, -1.849605509933249",
        "2, -5.36494126461664",
        "4, -17.987778312103014",
        "4.5, -22.349768303435948",
        "10, -102.87988902484493",
        "30, -903.9741171106442", // erfc(30) = 2.6e-393 underflows a double; its log does not
        "100, -10005.177585122668",
        "1e4, -100000009.78270535",
        "1e8, -1.0000000000000022e16",
    })
    void logErfcMatchesScipyToTheLastDigits(double x, double expected) {
        assertThat(LogMath.logErfc(x)).isCloseTo(expected, within(Math.max(1e-14, Math.abs(expected) * 1e-14)));
    }

    @Test
    void logAddAndLogSubWorkWhereExpOverflows() {
        assertThat(LogMath.logAdd(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogMath.logAdd(Double.NEGATIVE_INFINITY, 3)).isEqualTo(3);
        assertThat(LogMath.logSub(1000 + Math.log(3), 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogMath.logSub(5, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogMath.logSub(5, Double.NEGATIVE_INFINITY)).isEqualTo(5);
        assertThatThrownBy(() -> LogMath.logSub(1, 2)).isInstanceOf(LogMath.NegativeDifference.class);
    }
}
