package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.contracts.generated.TaskFactory;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paginated lists a CLI or dashboard reads: the factory's tasks and a task's participants. */
@LocalServices
class ListingIT {
    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void factoryListsItsTasksOldestFirstInPages() throws Exception {
        TaskFactory factory = TaskFactory.load(harness.factory(), harness.chain().web3j(),
                harness.chain().transactionManager(harness.creator()), harness.chain().gasProvider());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(harness.create(harness.terms().build()).address().toLowerCase());
        }
        long count = factory.taskCount().send().longValueExact();
        assertThat(count).isGreaterThanOrEqualTo(3);
        long first = count - 3;

        assertThat(lower(factory.tasks(big(first), big(3)).send())).isEqualTo(created);
        assertThat(lower(factory.tasks(big(first + 1), big(100)).send())).isEqualTo(created.subList(1, 3));
        assertThat(lower(factory.tasks(big(first), big(1)).send())).isEqualTo(created.subList(0, 1));
        assertThat(factory.tasks(big(count), big(5)).send()).isEmpty();
        assertThat(factory.tasks(big(first), BigInteger.ZERO).send()).isEmpty();
        assertThat(factory.isTask(created.get(0)).send()).isTrue();
    }

    @Test
    void taskListsItsParticipantsInJoinOrderInPages() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<String> joined = task.joinAll(3).stream().map(p -> p.address().toLowerCase()).toList();

        assertThat(task.contract().participantCount().send()).isEqualTo(BigInteger.valueOf(3));
        assertThat(lower(task.contract().participants(big(0), big(10)).send())).isEqualTo(joined);
        assertThat(lower(task.contract().participants(big(1), big(1)).send())).isEqualTo(joined.subList(1, 2));
        assertThat(lower(task.contract().participants(big(2), big(5)).send())).isEqualTo(joined.subList(2, 3));
        assertThat(task.contract().participants(big(3), big(1)).send()).isEmpty();
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @SuppressWarnings("rawtypes")
    private static List<String> lower(List raw) {
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            out.add(o.toString().toLowerCase());
        }
        return out;
    }
}
