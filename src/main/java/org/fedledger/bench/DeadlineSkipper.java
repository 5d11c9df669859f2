package org.fedledger.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.MemberInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskClient.RoundPosition;
import org.fedledger.chain.TaskPhase;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Spares a devnet benchmark the wait for phases that only misbehaving participants hold open
 * (a no-show stalls the commit phase, a silent committer the reveal phase, until the deadline):
 * once every honest participant has acted in the current phase, it moves the devnet's clock to
 * the phase's deadline (Ganache's {@code evm_increaseTime}) so that the participants advance it
 * as they would after waiting. It never skips while an honest participant still has to act, so
 * the protocol runs exactly as on a real chain, only without the idle minutes.
 */
final class DeadlineSkipper implements AutoCloseable {
    private final Chain chain;
    private final URI rpcUrl;
    private final TaskClient observer;
    private final List<String> honest;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int skips;

    DeadlineSkipper(Chain chain, URI rpcUrl, TaskClient observer, List<String> honest) {
        this.chain = chain;
        this.rpcUrl = rpcUrl;
        this.observer = observer;
        this.honest = List.copyOf(honest);
        this.thread = new Thread(this::loop, "fl-deadline-skipper");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** How many phases it cut short. */
    int skips() {
        return skips;
    }

    private void loop() {
        while (!stopped) {
            try {
                skipIfOnlyOthersPending();
                Thread.sleep(250);
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
        for (String p : honest) {
            MemberInfo m = observer.member(p);
            boolean pending = switch (pos.phase()) {
                case COMMIT -> m.activeIn(round) && m.commitRound() < round;
                case REVEAL -> m.commitRound() == round && m.revealRound() < round;
                default -> m.revealRound() == round && m.voteRound() < round;
            };
            if (pending) {
                return;
            }
        }
        RoundPosition again = observer.position();
        if (again.round() != round || again.phase() != pos.phase()) {
            return;
        }
        long now = chain.latestBlockTime();
        if (pos.deadline() > now) {
            increaseTime(pos.deadline() - now + 1);
            skips++;
        }
    }

    private void increaseTime(long seconds) throws IOException {
        HttpService http = new HttpService(rpcUrl.toString());
        try {
            new Request<>("evm_increaseTime", List.of(BigInteger.valueOf(seconds)), http, Response.class).send();
            new Request<>("evm_mine", List.of(), http, Response.class).send();
        } finally {
            http.close();
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
