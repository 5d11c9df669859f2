package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.aggregation.Aggregate;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskTerms;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.data.Split;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.web3j.crypto.Credentials;

/**
 * A real task for participant tests: a stake token and factory deployed by dev account 0, the
 * MLP spec and its initial weights on the test IPFS node, a task of {@code rounds} rounds with
 * long phases (so only early ends move it) and a 3,000-token pool, and the MNIST subset split
 * IID into one partition per participant. Participants are dev accounts 1..N, funded here.
 */
final class TaskFixture implements AutoCloseable {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final BigInteger POOL = TOKEN.multiply(BigInteger.valueOf(3_000));

    final Chain chain;
    final ModelStore models;
    final String token;
    final String task;
    final Split data;
    final List<Dataset> partitions;
    final TaskTerms terms;
    private final List<StateFile> stateFiles = new ArrayList<>();

    private TaskFixture(Chain chain, ModelStore models, String token, String task, Split data,
                        List<Dataset> partitions, TaskTerms terms) {
        this.chain = chain;
        this.models = models;
        this.token = token;
        this.task = task;
        this.data = data;
        this.partitions = partitions;
        this.terms = terms;
    }

    static TaskFixture create(TestDevnet devnet, TestIpfs ipfs, int participants, int rounds, String rule)
            throws Exception {
        Chain chain = devnet.connect();
        Credentials creator = DevAccounts.account(0);
        TaskContracts contracts = new TaskContracts(chain, creator);
        String token = contracts.deployToken("FedLedger Test", "FLT");
        String factory = contracts.deployFactory();
        ModelStore models = new ModelStore(new IpfsRpcClient(ipfs.apiUrl()));
        TaskTerms terms = TaskTerms.defaults(token, rounds).withRegistration(Duration.ZERO)
                .withPhases(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
        contracts.mint(token, creator.getAddress(), POOL);
        for (int i = 1; i <= participants; i++) {
            contracts.mint(token, DevAccounts.account(i).getAddress(), TOKEN.multiply(BigInteger.valueOf(1_000)));
        }
        String task = new TaskPublisher(contracts, models)
                .publish(factory, terms, ModelSpecs.get("mlp"), AggregationRules.parse(rule), POOL).task();
        Split data = DataSets.load("mnist");
        List<Dataset> partitions = new ArrayList<>();
        for (int[] part : Partitioners.iid(7).partition(data.train(), participants)) {
            partitions.add(data.train().subset(part));
        }
        return new TaskFixture(chain, models, token, task, data, partitions, terms);
    }

    /** Participant {@code i} (1-based: dev account i, partition i - 1) with its state in {@code dir}. */
    Participant participant(int i, Path dir, int awaitParticipants, ParticipantListener listener) throws Exception {
        Credentials key = DevAccounts.account(i);
        TaskClient client = new TaskClient(chain, key, task);
        StateFile state = StateFile.open(dir.resolve("participant-" + i + ".json"), chain.chainId(), task,
                key.getAddress());
        stateFiles.add(state);
        return new Participant(chain, client, new TaskEvents(chain, task, null), models, partitions.get(i - 1),
                new LocalTrainer(1, 32, i), state, ParticipantSettings.defaults(awaitParticipants), listener);
    }

    TaskClient observer() {
        return new TaskClient(chain, DevAccounts.account(0), task);
    }

    TaskEvents events() {
        return new TaskEvents(chain, task, null);
    }

    /**
     * What {@code account} should have been paid, recomputed here from the chain's events and the
     * files alone: for each finalized round, every revealed update fetched and aggregated by the
     * task's rule from the global model before it (checking that the contribution tree's root
     * is the one the round finalized), then reward x the account's weight / total weight,
     * rounded down per round as the contract does.
     */
    BigInteger expectedRewards(String account) throws Exception {
        TaskEvents events = events();
        TaskClient observer = observer();
        AggregationRule rule = AggregationRules.create(terms.aggregationRule(), observer.content().aggregationParams());
        ModelSpec spec = models.getSpec(observer.content().modelSpec());
        Cid global = observer.content().initialModel();
        BigInteger expected = BigInteger.ZERO;
        for (TaskEvents.Finalized f : events.finalized()) {
            Aggregate aggregate;
            try (UpdateFetcher fetcher = new UpdateFetcher(models, Duration.ofSeconds(5))) {
                UpdateFetcher.Fetched fetched = fetcher.fetch(events.revealed(f.round()), spec);
                aggregate = rule.aggregate(models.getWeights(global, spec).values(), fetched.updates(),
                        fetched.failures());
            }
            assertThat(aggregate.weightsTree().root()).as("round %d's weights root", f.round())
                    .isEqualTo(f.weightsRoot());
            BigInteger weight = aggregate.contributions().stream()
                    .filter(c -> c.participant().equals(account.toLowerCase())).findFirst()
                    .map(Contribution::weight).orElse(BigInteger.ZERO);
            if (f.totalWeight().signum() > 0) {
                expected = expected.add(f.reward().multiply(weight).divide(f.totalWeight()));
            }
            global = f.aggregate();
        }
        return expected;
    }

    @Override
    public void close() {
        stateFiles.forEach(StateFile::close);
        chain.close();
    }
}
