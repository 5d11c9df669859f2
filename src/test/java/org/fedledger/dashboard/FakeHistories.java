package org.fedledger.dashboard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskPhase;
import org.fedledger.report.TaskHistory;
import org.fedledger.report.TaskHistory.Member;
import org.fedledger.report.TaskHistory.Round;
import org.fedledger.report.TaskHistory.RoundStatus;
import org.fedledger.report.TaskHistory.Slashes;
import org.fedledger.report.TaskHistory.Terms;
import org.fedledger.report.TaskHistory.Vote;
import org.fedledger.storage.Cid;

/**
 * Hand-built task histories and a {@link HistorySource} that serves them, for the dashboard's
 * unit tests: no chain involved.
 */
final class FakeHistories {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final String TASK = "0x" + "ab".repeat(20);
    static final List<String> MEMBERS = List.of("0x" + "11".repeat(20), "0x" + "22".repeat(20), "0x" + "33".repeat(20));

    private FakeHistories() {}

    static Cid cid(int seed) {
        byte[] digest = new byte[32];
        digest[0] = (byte) seed;
        return Cid.of(Cid.RAW, digest);
    }

    /**
     * A task of {@code total} rounds whose first {@code finished} rounds finalized (with accuracy
     * when {@code measured}); then it is in the commit phase of the next round, or completed.
     * The third participant was slashed once.
     */
    static TaskHistory history(int finished, int total, boolean measured) {
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= finished; r++) {
            rounds.add(new Round(r, RoundStatus.FINALIZED, Optional.of(cid(10 + r)), BigInteger.valueOf(3_000),
                    TOKEN.multiply(BigInteger.valueOf(1_000)), TOKEN.multiply(BigInteger.valueOf(999)), MEMBERS,
                    MEMBERS, MEMBERS.stream().map(m -> new Vote(m, 1)).toList(), 1, OptionalLong.of(500_000L + r),
                    measured ? OptionalDouble.of(0.5 + 0.1 * r) : OptionalDouble.empty()));
        }
        boolean completed = finished == total;
        if (!completed) {
            rounds.add(new Round(finished + 1, RoundStatus.RUNNING, Optional.empty(), BigInteger.ZERO,
                    BigInteger.ZERO, BigInteger.ZERO, List.of(), List.of(), List.of(), 0, OptionalLong.of(0),
                    OptionalDouble.empty()));
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS.size(); i++) {
            BigInteger claimed = TOKEN.multiply(BigInteger.valueOf(333L * finished));
            List<Slashes> slashes = i == 2 ? List.of(new Slashes(SlashKind.WRONG_VOTE, 1, TOKEN.multiply(BigInteger.TEN)))
                    : List.of();
            members.add(new Member(MEMBERS.get(i), ParticipantInfo.Status.ACTIVE, TOKEN.multiply(BigInteger.valueOf(100)),
                    TOKEN.multiply(BigInteger.valueOf(100)), claimed, claimed, BigInteger.ZERO, slashes, finished,
                    finished, finished));
        }
        Terms terms = new Terms(total, 1, "fedavg", "0x" + "cd".repeat(20), 6_667, 1,
                TOKEN.multiply(BigInteger.valueOf(100)), cid(1), cid(2));
        return new TaskHistory(TASK, 1337, completed ? TaskPhase.COMPLETED : TaskPhase.COMMIT,
                completed ? total : finished + 1, terms, measured ? OptionalDouble.of(0.1) : OptionalDouble.empty(),
                rounds, members);
    }

    /** A source whose history the test sets; each {@link #set} moves its version. */
    static final class Source implements HistorySource {
        private volatile Snapshot snapshot;
        private volatile long version;
        private volatile RuntimeException failure;
        private volatile CountDownLatch gate = new CountDownLatch(0);
        final AtomicInteger reads = new AtomicInteger();

        Source(TaskHistory history) {
            set(history);
        }

        void set(TaskHistory history) {
            snapshot = new Snapshot(history, history.phase() == TaskPhase.COMPLETED ? 0 : 1_700_000_600L,
                    100 + version, 1_700_000_000L);
            version++;
        }

        /** Reads fail with this until it is set back to null; the version moves so a read is tried. */
        void fail(RuntimeException e) {
            failure = e;
            version++;
        }

        /** Reads wait until the returned latch is counted down. */
        CountDownLatch hold() {
            gate = new CountDownLatch(1);
            return gate;
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public Snapshot read() {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            reads.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return snapshot;
        }
    }
}
