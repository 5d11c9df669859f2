package org.fedledger.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.Dataset;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.StateFile;
import org.fedledger.participant.Trainer;
import org.fedledger.participant.Work;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;
import org.web3j.crypto.Credentials;

/**
 * A FedAvg task run through FedLedger by participants in this JVM, each running the whole
 * protocol on its own thread of a pool, and timed per round from what they report
 * ({@link RoundTimings}). The task is created and funded by dev account 0; each participant
 * account is minted its minimum stake (it must hold ether already).
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
        Credentials creator = DevAccounts.account(0);
        BigInteger reward = REWARD_PER_ROUND.multiply(BigInteger.valueOf(terms.numRounds()));
        deployment.contracts().mint(terms.token(), creator.getAddress(), reward);
        String task = new TaskPublisher(deployment.contracts(), models)
                .publish(deployment.factory(), terms, spec, TaskPolicy.of("fedavg"), reward).task();
        BigInteger taskBlock = chain.blockNumber();
        List<StateFile> states = new ArrayList<>();
        List<RoundTimings> timings = new ArrayList<>();
        try {
            ParticipantRuns running = new ParticipantRuns(pool, deployment.stateDir().resolve(task + ".log"));
            for (int i = 1; i <= n; i++) {
                Credentials key = accounts.get(i - 1);
                deployment.contracts().mint(terms.token(), key.getAddress(), terms.minStake());
                StateFile state = StateFile.open(deployment.stateDir().resolve(task + "-" + i + ".json"),
                        chain.chainId(), task, key.getAddress());
                states.add(state);
                RoundTimings timing = new RoundTimings(running.log("p" + i));
                timings.add(timing);
                running.start(new Participant(chain, new TaskClient(chain, key, task),
                        new TaskEvents(chain, task, taskBlock), models, parts.get(i - 1), trainers.apply(i), state,
                        ParticipantSettings.defaults(n), timing));
            }
            running.awaitAll(i -> false);
        } finally {
            states.forEach(StateFile::close);
        }
        long lastBlock = chain.blockNumber().longValueExact();
        List<TaskEvents.Finalized> finalized = new TaskEvents(chain, task, taskBlock).finalized();
        Cid last = finalized.isEmpty() ? new TaskClient(chain, creator, task).metadata().initialModel()
                : finalized.get(finalized.size() - 1).aggregate();
        float[] weights = models.getWeights(last, spec).values();
        return measure(terms.numRounds(), timings, started, finalized.size(), weights, task, firstBlock, lastBlock);
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
