package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskRulesTest {
    private static final String TOKEN = "0x5b1869d9a4c187f2eaa108f3062412ecf0526b24";
    private static final BigInteger UNIT = BigInteger.TEN.pow(18);

    @Test
    void defaultsAreTheBuildersStartingPoint() {
        assertThat(TaskRules.defaults(TOKEN, 5)).isEqualTo(new TaskRules(TOKEN, UNIT.multiply(BigInteger.valueOf(100)),
                UNIT.divide(BigInteger.valueOf(100)), 100_000, 5, Duration.ofSeconds(60), Duration.ofSeconds(300),
                Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(600), 6_667, 1, 2, 1_000, 1_000,
                1_000, 500, 1_000, 1));
        assertThat(TaskRules.builder(TOKEN, 5).build()).isEqualTo(TaskRules.defaults(TOKEN, 5));
    }

    @Test
    void aBuilderChangesOnlyTheFieldsItIsGiven() {
        TaskRules custom = new TaskRules(TOKEN, BigInteger.TWO, BigInteger.ONE, 7, 9, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5), 7_000, 3, 4,
                11, 12, 13, 14, 15, 6);

        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        TaskRules changed = custom.toBuilder().quorumBps(8_000).aggregationRule(2).build();
        assertThat(changed).isEqualTo(new TaskRules(TOKEN, BigInteger.TWO, BigInteger.ONE, 7, 9, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5), 8_000, 3, 4,
                11, 12, 13, 14, 15, 2));
    }
}
