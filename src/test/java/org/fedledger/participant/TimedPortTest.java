package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.junit.jupiter.api.Test;

class TimedPortTest {
    private final List<String> spent = new ArrayList<>();
    private final Timing timing = new Timing(new ParticipantListener() {
        @Override
        public void spent(long round, Work work, long nanos) {
            assertThat(nanos).isNotNegative();
            spent.add(round + ":" + work);
        }
    });

    /** A port whose reads answer round 2's commit phase and whose commit fails like a node that is down. */
    private static TaskPort stub() {
        return (TaskPort) Proxy.newProxyInstance(TaskPort.class.getClassLoader(), new Class<?>[] {TaskPort.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "position" -> new RoundPosition(2, TaskPhase.COMMIT, 100);
                    case "address" -> "0xtask";
                    case "passed" -> true;
                    case "commit" -> throw new ChainException("node down");
                    default -> null;
                });
    }

    @Test
    void readsActionsAndWaitingAreToldAsTheirKindOfWorkForTheCurrentRound() throws Exception {
        TaskPort port = TimedPort.of(stub(), timing);
        timing.round(2);
        assertThat(port.position().round()).isEqualTo(2);
        port.advance();
        port.awaitChange(null, 0, Duration.ZERO);
        port.join(BigInteger.ONE);
        assertThat(spent).containsExactly("2:CHAIN_READS", "2:TRANSACTIONS", "2:WAITING", "2:TRANSACTIONS");
    }

    @Test
    void theClockAndTheNamesAreNotTimed() throws Exception {
        TaskPort port = TimedPort.of(stub(), timing);
        assertThat(port.passed(5)).isTrue();
        assertThat(port.address()).isEqualTo("0xtask");
        assertThat(spent).isEmpty();
    }

    @Test
    void portCallsInsideATimedStepCountOnlyAsThatStep() throws Exception {
        TaskPort port = TimedPort.of(stub(), timing);
        try (Timing.Span s = timing.span(Work.CHECKS)) {
            port.position();
            port.advance();
        }
        assertThat(spent).containsExactly("0:CHECKS");
    }

    @Test
    void aFailedActionThrowsItsOwnExceptionAndIsStillTimed() {
        TaskPort port = TimedPort.of(stub(), timing);
        assertThatThrownBy(() -> port.commit(new byte[32])).isInstanceOf(ChainException.class)
                .hasMessage("node down");
        assertThat(spent).containsExactly("0:TRANSACTIONS");
    }
}
