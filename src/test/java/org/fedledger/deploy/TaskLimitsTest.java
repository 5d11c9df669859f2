package org.fedledger.deploy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.fedledger.chain.TaskRules;
import org.junit.jupiter.api.Test;

/** The factory's limits, checked before a transaction is spent. */
class TaskLimitsTest {
    private static final TaskRules OK = TaskRules.defaults("0x5b1869d9a4c187f2eaa108f3062412ecf0526b24", 5);

    @Test
    void theDefaultTermsPass() {
        assertThatCode(() -> TaskLimits.check(OK)).doesNotThrowAnyException();
        assertThatCode(() -> TaskLimits.check(OK.toBuilder().registration(Duration.ZERO).build())).doesNotThrowAnyException();
    }

    @Test
    void eachValueOutOfRangeIsNamed() {
        assertThatThrownBy(() -> TaskLimits.check(OK.toBuilder().quorumBps(5_000).build()))
                .hasMessage("quorum must be between 5001 and 10000, not 5000");
        assertThatThrownBy(() -> TaskLimits.check(OK.toBuilder().phases(Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(60)).build()))
                .hasMessage("reveal must be between 1 and 31536000 seconds (365 days), not 0");
        assertThatThrownBy(() -> TaskLimits.check(OK.toBuilder().registration(Duration.ofDays(366)).build()))
                .hasMessageStartingWith("registration must be between 0 and 31536000 seconds");
        assertThatThrownBy(() -> TaskLimits.check(new TaskRules(OK.token(), BigInteger.ZERO, OK.stakePerSample(),
                OK.sampleCap(), 5, OK.registration(), OK.commit(), OK.reveal(), OK.vote(), OK.leaveCooldown(), 6_667, 1, 2,
                1_000, 1_000, 1_000, 500, 1_000, 1)))
                .hasMessage("min-stake must be above 0 (and below 2^96 units)");
        assertThatThrownBy(() -> TaskLimits.check(new TaskRules(OK.token(), OK.minStake(), OK.stakePerSample(),
                OK.sampleCap(), 5, OK.registration(), OK.commit(), OK.reveal(), OK.vote(), OK.leaveCooldown(), 6_667, 1, 2,
                1_000, 10_001, 1_000, 500, 1_000, 1)))
                .hasMessage("slash-rejected must be between 0 and 10000, not 10001");
        assertThatThrownBy(() -> TaskLimits.check(TaskRules.defaults(OK.token(), 0)))
                .hasMessage("rounds must be between 1 and 16777214, not 0");
    }
}
