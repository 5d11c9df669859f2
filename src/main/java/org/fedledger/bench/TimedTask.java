package org.fedledger.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;
import org.fedledger.chain.Chain;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.Dataset;
import org.fedledger.federation.LocalFederation;
import org.fedledger.federation.ParticipantSpec;
import org.fedledger.federation.StateFiles;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.Trainer;
import org.fedledger.participant.Work;
import org.fedledger.task.TaskPolicy;
import org.web3j.crypto.Credentials;

/**
 * A FedAvg task run through FedLedger by participants in this JVM, each running the whole
 * protocol on its own thread of a pool, and timed per round from what they report
 * ({@link RoundTimings}). The task is created and funded by the deployment's owner, dev account
 * 0; each participant account is minted its minimum stake (it must hold ether already).
 */
final class TimedTask {
    private static final BigInteger REWARD_PER_ROUND = BigInteger.TEN.pow(21);

    /**
     * The run. A round runs from the first participant's first step in it to the first step in
     * the next (the last round: until the last participant saw it end); {@code
     * unaccountedPerRound} is the round time the breakdown does not cover (bookkeeping, the state
     * file, and participants starting a round later than the first). {@code setupSeconds}:
     * publishing the task, joining and registration, before round 1. {@code firstBlock} and
     * {@code lastBlock}: the blocks the run's transactions are in.
     */
    record Result(String task, List<Double> roundSeconds, double secondsPerRound, RoundBreakdown breakdown,
                  double unaccountedPerRound, double setupSeconds, int finalizedRounds, float[] finalWeights,
                  long firstBlock, long lastBlock) {}

    private TimedTask() {}

    static Result run(Chain chain, ModelStore models, BenchDeployment deployment, TaskRules terms, ModelSpec spec,
                      List<Dataset> parts, IntFunction<Trainer> trainers, List<Credentials> accounts,
                      ExecutorService pool) throws Exception {
        long started = System.nanoTime();
        long firstBlock = chain.blockNumber().longValueExact() + 1;
        int n = accounts.size();
        BigInteger reward = REWARD_PER_ROUND.multiply(BigInteger.valueOf(terms.numRounds()));
        List<RoundTimings> timings = new ArrayList<>();
        LocalFederation.Result run = LocalFederation.on(chain, models).contracts(deployment.contracts())
                .task(terms, spec, TaskPolicy.of("fedavg"), reward).participants(accounts).mintStakes()
                .pool(pool).eventsFromCreation().run(StateFiles.sharedDir(deployment.stateDir()), seat -> {
                    RoundTimings timing = new RoundTimings(seat.log("p" + seat.index()));
                    timings.add(timing);
                    return new ParticipantSpec(parts.get(seat.index() - 1), trainers.apply(seat.index()),
                            ParticipantSettings.defaults(n), timing);
                });
        long lastBlock = chain.blockNumber().longValueExact();
        int finalized = new TaskEvents(chain, run.task(), run.creationBlock()).finalized().size();
        float[] weights = models.getWeights(run.latestModel(), spec).values();
        return measure(terms.numRounds(), timings, started, finalized, weights, run.task(), firstBlock, lastBlock);
    }

    /** Round times and the mean breakdown from the participants' timings. */
    private static Result measure(int rounds, List<RoundTimings> timings, long started, int finalizedRounds,
                                  float[] finalWeights, String task, long firstBlock, long lastBlock) {
        long[] firstStart = new long[rounds + 2];
        Arrays.fill(firstStart, Long.MAX_VALUE);
        long lastEnd = Long.MIN_VALUE;
        double[] perWork = new double[Work.values().length];
        for (RoundTimings t : timings) {
            for (int r = 1; r <= rounds; r++) {
                RoundTimings.Round round = t.round(r);
                if (round == null) {
                    continue;
                }
                firstStart[r] = Math.min(firstStart[r], round.start);
                for (Work w : Work.values()) {
                    perWork[w.ordinal()] += round.seconds(w);
                }
                if (r == rounds) {
                    lastEnd = Math.max(lastEnd, round.end);
                }
            }
        }
        List<Double> roundSeconds = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            long end = r < rounds ? firstStart[r + 1] : lastEnd;
            roundSeconds.add(end == Long.MAX_VALUE || firstStart[r] == Long.MAX_VALUE ? Double.NaN
                    : (end - firstStart[r]) / 1e9);
        }
        double total = (lastEnd - firstStart[1]) / 1e9;
        double scale = 1.0 / (timings.size() * (double) rounds);
        RoundBreakdown b = new RoundBreakdown(perWork[Work.TRAINING.ordinal()] * scale,
                perWork[Work.IPFS_PUT.ordinal()] * scale, perWork[Work.IPFS_GET.ordinal()] * scale,
                perWork[Work.TRANSACTIONS.ordinal()] * scale, perWork[Work.CHAIN_READS.ordinal()] * scale,
                perWork[Work.CHECKS.ordinal()] * scale, perWork[Work.AGGREGATION.ordinal()] * scale,
                perWork[Work.WAITING.ordinal()] * scale);
        double perRound = total / rounds;
        return new Result(task, roundSeconds, perRound, b, perRound - b.sum(), (firstStart[1] - started) / 1e9,
                finalizedRounds, finalWeights, firstBlock, lastBlock);
    }
}
