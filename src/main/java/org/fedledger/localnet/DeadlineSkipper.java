package org.fedledger.localnet;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.function.BiPredicate;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Spares devnet benchmarks and tests the wait for phases that only misbehaving participants hold
 * open (a no-show stalls the commit phase, a silent committer the reveal phase, until the
 * deadline): once every participant it waits for has acted in the current phase, it moves the
 * devnet's clock to the phase's deadline (Ganache's {@code evm_increaseTime}) so that the
 * participants advance it as they would after waiting. It never skips while a participant it
 * waits for still has to act, so the protocol runs as on a real chain, only without the idle
 * minutes.
 */
public final class DeadlineSkipper implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final Chain chain;
    private final URI rpcUrl;
    private final TaskClient observer;
    private final BiPredicate<String, TaskPhase> waitsFor;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int skips;

    /**
     * Starts skipping in the task {@code observer} reads.
     *
     * @param waitsFor whether to wait for a participant (lower-case address) to act in a phase
     */
    public DeadlineSkipper(Chain chain, URI rpcUrl, TaskClient observer, BiPredicate<String, TaskPhase> waitsFor) {
        this.chain = chain;
        this.rpcUrl = rpcUrl;
        this.observer = observer;
        this.waitsFor = waitsFor;
        this.thread = new Thread(this::loop, "fl-deadline-skipper");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Moves the devnet's clock forward by {@code seconds} and mines a block (Ganache's evm_increaseTime). */
    public static void increaseTime(URI rpcUrl, long seconds) throws IOException {
        HttpService http = new HttpService(rpcUrl.toString());
        try {
            new Request<>("evm_increaseTime", List.of(BigInteger.valueOf(seconds)), http, Response.class).send();
            new Request<>("evm_mine", List.of(), http, Response.class).send();
        } finally {
            http.close();
        }
    }

    /** How many phases it cut short. */
    public int skips() {
        return skips;
    }

    private void loop() {
        while (!stopped) {
            try {
                skipIfOnlyOthersPending();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (ChainException | IOException | RuntimeException e) {
                // a busy node: try again at the next poll
            }
        }
    }

    private void skipIfOnlyOthersPending() throws ChainException, IOException {
        RoundPosition pos = observer.position();
        if (pos.phase() != TaskPhase.COMMIT && pos.phase() != TaskPhase.REVEAL && pos.phase() != TaskPhase.VOTE) {
            return;
        }
        long round = pos.round();
        for (String p : observer.participants()) {
            if (!waitsFor.test(p, pos.phase())) {
                continue;
            }
            ParticipantInfo m = observer.participantInfo(p);
            boolean pending = switch (pos.phase()) {
                case COMMIT -> m.activeIn(round) && m.commitRound() < round;
                case REVEAL -> m.commitRound() == round && m.revealRound() < round;
                default -> m.revealRound() == round && m.voteRound() < round;
            };
            if (pending) {
                return;
            }
        }
        if (!observer.position().equals(pos)) {
            return;
        }
        long now = chain.latestBlockTime();
        if (pos.deadline() > now) {
            increaseTime(rpcUrl, pos.deadline() - now + 1);
            skips++;
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
