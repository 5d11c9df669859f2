package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fedledger.adversary.Attack;
import org.fedledger.aggregation.Aggregate;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.data.Split;
import org.fedledger.federation.Contracts;
import org.fedledger.federation.LocalFederation;
import org.fedledger.federation.LocalTask;
import org.fedledger.federation.ParticipantSpec;
import org.fedledger.federation.Seat;
import org.fedledger.federation.StateFiles;
import org.fedledger.localnet.DeadlineSkipper;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.storage.Cid;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.task.TaskPolicy;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;

/**
 * A real task for participant tests: a stake token and factory deployed by dev account 0, the
 * MLP spec and its initial weights on the test IPFS node, a task of {@code rounds} rounds with
 * long phases (so only early ends move it) and a 3,000-token pool, and the MNIST subset split
 * IID into one partition per participant. Participants are dev accounts 1..N, funded here; any
 * of them can be an honest participant or run one of the {@link Attack}s.
 */
final class TaskFixture implements AutoCloseable {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final BigInteger POOL = TOKEN.multiply(BigInteger.valueOf(3_000));
    /**
     * What an attacker stakes: twice the minimum, so that a 10% slash in one round leaves it
     * above the minimum and active in the next, where it misbehaves (and is punished) again.
     */
    static final BigInteger ATTACKER_STAKE = TOKEN.multiply(BigInteger.valueOf(200));
    /** The group seed colluders share (each also has its own seed, its account's index). */
    static final long GROUP_SEED = 7;

    final Chain chain;
    final ModelStore models;
    final String token;
    final String task;
    final Split data;
    final List<Dataset> partitions;
    final TaskRules terms;
    private final URI ipfsApi;
    private final LocalTask federation;

    private TaskFixture(Chain chain, ModelStore models, URI ipfsApi, String token, LocalTask federation, Split data,
                        List<Dataset> partitions, TaskRules terms) {
        this.chain = chain;
        this.models = models;
        this.token = token;
        this.federation = federation;
        this.task = federation.task();
        this.data = data;
        this.partitions = partitions;
        this.terms = terms;
        this.ipfsApi = ipfsApi;
    }

    static TaskFixture create(TestDevnet devnet, TestIpfs ipfs, int participants, int rounds, String rule)
            throws Exception {
        return create(devnet, ipfs, participants, rounds, rule, null);
    }

    /** As {@link #create(TestDevnet, TestIpfs, int, int, String)}, the rule under {@code privacy} unless null. */
    static TaskFixture create(TestDevnet devnet, TestIpfs ipfs, int participants, int rounds, String rule,
                              DpPolicy privacy) throws Exception {
        return create(devnet, ipfs, participants, rounds, rule, privacy, false);
    }

    /** As {@link #create(TestDevnet, TestIpfs, int, int, String, DpPolicy)}, with encrypted files if {@code encrypted}. */
    static TaskFixture create(TestDevnet devnet, TestIpfs ipfs, int participants, int rounds, String rule,
                              DpPolicy privacy, boolean encrypted) throws Exception {
        Chain chain = devnet.connect();
        Contracts contracts = Contracts.deploy(chain, "FedLedger Test", "FLT");
        ModelStore models = new ModelStore(new IpfsRpcClient(ipfs.apiUrl()));
        TaskRules terms = TaskRules.builder(contracts.token(), rounds).registration(Duration.ZERO)
                .phases(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)).build();
        TaskPolicy policy = new TaskPolicy(rule, Optional.ofNullable(privacy), encrypted);
        LocalTask federation = LocalFederation.on(chain, models).contracts(contracts)
                .task(terms, ModelSpecs.get("mlp"), policy, POOL).participants(participants)
                .mintEach(TOKEN.multiply(BigInteger.valueOf(1_000))).publish();
        Split data = DataSets.load("mnist");
        List<Dataset> partitions = new ArrayList<>();
        for (int[] part : Partitioners.iid(7).partition(data.train(), participants)) {
            partitions.add(data.train().subset(part));
        }
        return new TaskFixture(chain, models, ipfs.apiUrl(), contracts.token(), federation, data, partitions,
                terms.toBuilder().aggregationRule(policy.ruleId()).build());
    }

    /** Participant {@code i} (1-based: dev account i, partition i - 1) with its state in {@code dir}. */
    Participant participant(int i, Path dir, int awaitParticipants, ParticipantListener listener) throws Exception {
        return participant(i, dir, honest(i), ParticipantSettings.defaults(awaitParticipants), listener);
    }

    /**
     * Participant {@code i} running {@code attack} against the others: it does not report their
     * faults and stakes {@link #ATTACKER_STAKE}.
     */
    Participant attacker(int i, Path dir, int awaitParticipants, Attack attack, ParticipantListener listener)
            throws Exception {
        return participant(i, dir, behaviour(i, attack), ParticipantSettings.defaults(awaitParticipants)
                .withReport(false).withStake(ATTACKER_STAKE), listener);
    }

    /** Participant {@code i} training and acting as {@code behaviour} says. */
    Participant participant(int i, Path dir, Attack.Behaviour behaviour, ParticipantSettings settings,
                            ParticipantListener listener) throws Exception {
        return federation.participant(i, new ParticipantSpec(partitions.get(i - 1), behaviour.trainer(),
                behaviour.conduct(), settings, listener, null), dir);
    }

    /**
     * Runs every participant to the end, each as {@code participants} says, with its state in
     * {@code dir} ({@link LocalTask#run}).
     */
    LocalFederation.Result run(Path dir, Function<Seat, ParticipantSpec> participants) throws Exception {
        return federation.run(StateFiles.of(dir), participants);
    }

    /** How an honest participant {@code i} trains (one epoch, batches of 32, seeded by i) and acts. */
    Attack.Behaviour honest(int i) {
        return new Attack.Behaviour(new LocalTrainer(1, 32, i), Conduct.HONEST);
    }

    /** How participant {@code i} trains and acts when it runs {@code attack}. */
    Attack.Behaviour behaviour(int i, Attack attack) {
        return attack.behaviour(honest(i).trainer(),
                new Attack.Context(address(i), events(), models, i, GROUP_SEED));
    }

    /** Dev account {@code i}'s address, lower-case as events and outcomes spell it. */
    static String address(int i) {
        return DevAccounts.account(i).getAddress().toLowerCase();
    }

    TaskClient observer() {
        return federation.observer();
    }

    TaskEvents events() {
        return federation.events();
    }

    /** A finalized round as recomputed from the events and the files: its reward and contribution tree. */
    record RoundOutcome(long round, BigInteger reward, WeightsTree tree) {
        /** The leaf of {@code account}, which every participant that revealed in the round has. */
        Contribution contributionOf(String account) {
            return tree.contributionOf(account);
        }

        /** What the round pays {@code account}: reward x weight / total weight, rounded down as the contract does. */
        BigInteger paid(String account) {
            BigInteger weight = tree.leaves().stream().filter(c -> c.participant().equals(account.toLowerCase()))
                    .findFirst().map(Contribution::weight).orElse(BigInteger.ZERO);
            BigInteger total = tree.totalWeight();
            return total.signum() == 0 ? BigInteger.ZERO : reward.multiply(weight).divide(total);
        }
    }

    /**
     * Every finalized round's outcome, recomputed here from the chain's events and the files
     * alone: every revealed update fetched and aggregated by the task's rule from the global
     * model before it, checking that the contribution tree's root and total weight are the ones
     * the round finalized.
     */
    List<RoundOutcome> outcomes() throws Exception {
        // Its own connections: the participants' pooled ones may have idled into the node's 5 s
        // keep-alive timeout, and a request sent as the node closes one fails.
        ModelStore models = new ModelStore(new IpfsRpcClient(ipfsApi));
        TaskEvents events = events();
        TaskClient observer = observer();
        TaskRules onChain = observer.rules();
        AggregationRule rule = TaskPolicy.decode(onChain.aggregationRule(),
                observer.metadata().aggregationParams()).rule();
        ModelSpec spec = models.getSpec(observer.metadata().modelSpec());
        Cid global = observer.metadata().initialModel();
        List<RoundOutcome> outcomes = new ArrayList<>();
        for (TaskEvents.Finalized f : events.finalized()) {
            Aggregate aggregate;
            try (UpdateFetcher fetcher = new UpdateFetcher(models, Duration.ofSeconds(5))) {
                UpdateFetcher.Fetched fetched = fetcher.fetch(events.revealed(f.round()), spec);
                aggregate = rule.aggregate(models.getWeights(global, spec).values(), fetched.updates(),
                        fetched.failures());
            }
            WeightsTree tree = aggregate.weightsTree();
            assertThat(tree.root()).as("round %d's weights root", f.round()).isEqualTo(f.weightsRoot());
            assertThat(tree.totalWeight()).as("round %d's total weight", f.round()).isEqualTo(f.totalWeight());
            outcomes.add(new RoundOutcome(f.round(), f.reward(), tree));
            global = f.aggregate();
        }
        return outcomes;
    }

    /**
     * What {@code account} should have been paid, recomputed from the chain's events and the
     * files alone (see {@link #outcomes()}): for each finalized round, reward x the account's
     * weight / total weight, rounded down per round as the contract does.
     */
    BigInteger expectedRewards(String account) throws Exception {
        return expectedRewards(outcomes(), account);
    }

    static BigInteger expectedRewards(List<RoundOutcome> outcomes, String account) {
        return outcomes.stream().map(o -> o.paid(account)).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * Stands in for the wait that participants who never act in a phase impose (a no-show holds
     * the commit phase open, a silent committer the reveal phase, until the deadline): whenever
     * every participant but those {@code stallers} names for the current phase has acted in it,
     * it moves the devnet's clock past the phase's deadline, so that the participants advance it
     * as they would after waiting. Close it when the participants are done.
     *
     * @param stallers each participant that holds a phase open, and that phase
     */
    AutoCloseable skipStalls(TestDevnet devnet, Map<String, TaskPhase> stallers) {
        return new DeadlineSkipper(chain, devnet.rpcUrl(), observer(), (p, phase) -> stallers.get(p) != phase);
    }

    @Override
    public void close() {
        federation.close();
        chain.close();
    }
}
