package org.fedledger.participant;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;
import org.fedledger.testing.MemoryContentStore;
import org.fedledger.weights.WeightFile;

/**
 * A task in memory with everything its participants need, as {@code deploy/TaskPublisher}
 * would publish it: a small tabular model (4 features, 2 classes) and its initial weights in an
 * in-memory IPFS, FedAvg, a reward pool; and the participants ({@link Peer}, each a real
 * {@link Participant} on its own thread) and scripted members ({@link ScriptedMember}, the test
 * acting as an account) that take part in it. Accounts are named: {@code account("alice")}.
 */
final class Federation {
    static final ModelSpec SPEC = ModelSpecs.get("tabular-mlp:4:2");
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final BigInteger REWARD_POOL = TOKEN.multiply(BigInteger.valueOf(1_000));
    /** Phase lengths in seconds of the fake clock. */
    static final Duration REGISTRATION = Duration.ofSeconds(60);
    static final Duration PHASE = Duration.ofSeconds(100);
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    final MemoryContentStore content = new MemoryContentStore();
    final ModelStore models = new ModelStore(content);
    final InMemoryTask task;
    final Cid initialModel;
    private final Path dir;
    private int peers;

    /** A task of {@code rounds} rounds under the default rules (FedAvg, 2/3 quorum, 100-token minimum stake). */
    Federation(Path dir, int rounds) throws ModelStoreException {
        this(dir, rules(rounds));
    }

    Federation(Path dir, TaskRules rules) throws ModelStoreException {
        this.dir = dir;
        TaskPolicy fedAvg = TaskPolicy.of("fedavg");
        Cid spec = models.putSpec(SPEC);
        this.initialModel = models.putWeights(new WeightFile(SPEC.digest(), new float[SPEC.parameterCount()]));
        this.task = new InMemoryTask(rules.toBuilder().aggregationRule(fedAvg.ruleId()).build(),
                new TaskMetadata(spec, initialModel, null, fedAvg.aggregationParams()), REWARD_POOL);
    }

    /** Short phases on the fake clock; everything else the devnet defaults. */
    static TaskRules rules(int rounds) {
        return TaskRules.builder("0x000000000000000000000000000000000000f00d", rounds).registration(REGISTRATION)
                .phases(PHASE, PHASE, PHASE).build();
    }

    /** Default settings that start round 1 once {@code awaitParticipants} joined, with fast polls and fetch retries. */
    static ParticipantSettings settings(int awaitParticipants) {
        return new ParticipantSettings(awaitParticipants, null, true, 10, Duration.ofMillis(5), Duration.ofMillis(100));
    }

    /** The address of the account called {@code name} (e.g. alice: 0x000...616c696365). */
    static String account(String name) {
        String hex = HexFormat.of().formatHex(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String address = "0x" + "0".repeat(40 - hex.length()) + hex;
        NAMES.put(address, name);
        return address;
    }

    /** The name of {@code address}, or the address if it has none. */
    static String nameOf(String address) {
        return NAMES.getOrDefault(address.toLowerCase(), address);
    }

    /** {@code samples} rows of 4 features, 2 classes. */
    static Dataset data(int samples, int features) {
        float[] x = new float[samples * features];
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (i + j) % 5 / 5f;
            }
            y[i] = i % 2;
        }
        return new Dataset("rows-" + samples, features, 2, x, y);
    }

    /** A participant called {@code name}, honest; the n-th made trains to an offset of n / 100. */
    Peer peer(String name) {
        return new Peer(this, name, account(name), ++peers, dir.resolve(name + ".json"));
    }

    /** The test acting as the account called {@code name}. */
    ScriptedMember scripted(String name) {
        return new ScriptedMember(this, account(name));
    }

    /**
     * Starts the peers, all attached to the clock first (so time waits for the last to start);
     * unless given other settings, each waits for all of them to join before starting round 1.
     */
    void start(Peer... peers) {
        for (Peer p : peers) {
            task.attach();
        }
        for (Peer p : peers) {
            p.start(peers.length);
        }
    }

    /** Waits for every peer to stop. */
    void await(Peer... peers) throws InterruptedException {
        for (Peer p : peers) {
            p.await(RUN_TIMEOUT);
        }
    }

    /** Runs the peers to their end. */
    void run(Peer... peers) throws InterruptedException {
        start(peers);
        await(peers);
    }
}
