package org.fedledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Token amounts between what people type and what contracts count. */
class TokenAmountsTest {
    @Test
    void amountsAreScaledByTheTokensDecimals() {
        assertThat(TokenAmounts.parse("--pool", "1.5", 18)).isEqualTo(new BigInteger("1500000000000000000"));
        assertThat(TokenAmounts.parse("--pool", "100", 6)).isEqualTo(BigInteger.valueOf(100_000_000));
        assertThat(TokenAmounts.parse("--pool", "0", 18)).isZero();
        assertThat(TokenAmounts.format(new BigInteger("1500000000000000000"), 18)).isEqualTo("1.5");
        assertThat(TokenAmounts.format(new BigInteger("1000000000000000000000"), 18)).isEqualTo("1000");
        assertThat(TokenAmounts.format(BigInteger.ZERO, 18)).isEqualTo("0");
    }

    @Test
    void badAmountsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> TokenAmounts.parse("--pool", "lots", 18))
                .hasMessage("--pool 'lots' is not a number of tokens (e.g. 100 or 0.5)");
        assertThatThrownBy(() -> TokenAmounts.parse("--pool", "-1", 18)).hasMessage("--pool -1 is negative");
        assertThatThrownBy(() -> TokenAmounts.parse("--min-stake", "0.0000001", 6))
                .hasMessage("--min-stake 0.0000001 has more decimal places than the token's 6");
    }
}
