package org.fedledger.federation;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskRules;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.participant.Participant;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;
import org.web3j.crypto.Credentials;

/**
 * Builds a federation that runs in this JVM: a task published by the contracts' owner (who is
 * minted its reward pool), participant accounts minted what they stake, and N participants
 * each running the whole protocol on a thread of a pool. The demo, the benchmarks and the
 * tests all run tasks this way, so the transactions go out in one order: the pool, then the
 * participants' balances ({@link #mintEach}), the task, then their stakes ({@link #mintStakes}).
 *
 * <pre>{@code
 * Result r = LocalFederation.on(chain, models).contracts(Contracts.deploy(chain, "T", "T"))
 *         .task(terms, spec, policy, pool).participants(4).mintStakes()
 *         .run(StateFiles.of(dir), seat -> new ParticipantSpec(parts.get(seat.index() - 1), trainer,
 *                 ParticipantSettings.defaults(4), ParticipantListener.NONE));
 * }</pre>
 */
public final class LocalFederation {
    private final Chain chain;
    private final ModelStore models;
    private Contracts contracts;
    private TaskRules terms;
    private ModelSpec spec;
    private TaskPolicy policy;
    private BigInteger rewardPool;
    private List<Credentials> accounts = List.of();
    private BigInteger mintEach;
    private boolean mintStakes;
    private ExecutorService pool;
    private boolean eventsFromCreation;

    private LocalFederation(Chain chain, ModelStore models) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.models = Objects.requireNonNull(models, "models == null");
    }

    /** A federation on {@code chain} whose files go to {@code models} (which all its participants share). */
    public static LocalFederation on(Chain chain, ModelStore models) {
        return new LocalFederation(chain, models);
    }

    /** The token and factory the task is created with, by their owner. */
    public LocalFederation contracts(Contracts value) {
        this.contracts = Objects.requireNonNull(value, "contracts == null");
        return this;
    }

    /** The task: {@code terms} (in the contracts' token), {@code spec}'s model, {@code policy} (rule, privacy, encryption), funded with {@code pool}. */
    public LocalFederation task(TaskRules terms, ModelSpec spec, TaskPolicy policy, BigInteger pool) {
        this.terms = Objects.requireNonNull(terms, "terms == null");
        this.spec = Objects.requireNonNull(spec, "spec == null");
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.rewardPool = Objects.requireNonNull(pool, "pool == null");
        return this;
    }

    /** Dev accounts 1..{@code n} take part. */
    public LocalFederation participants(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n < 1: " + n);
        }
        return participants(DevAccounts.accounts(n + 1).subList(1, n + 1));
    }

    /** These accounts take part, participant i (1-based) signing as {@code accounts.get(i - 1)}; they need ether. */
    public LocalFederation participants(List<Credentials> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no participants");
        }
        this.accounts = List.copyOf(value);
        return this;
    }

    /** Mints each participant {@code amount} tokens before the task is published. */
    public LocalFederation mintEach(BigInteger amount) {
        this.mintEach = Objects.requireNonNull(amount, "amount == null");
        return this;
    }

    /** Mints each participant the task's minimum stake once the task is published. */
    public LocalFederation mintStakes() {
        this.mintStakes = true;
        return this;
    }

    /** Runs the participants on {@code value}, which the caller shuts down (default: a pool of its own per run). */
    public LocalFederation pool(ExecutorService value) {
        this.pool = Objects.requireNonNull(value, "pool == null");
        return this;
    }

    /** The participants read the task's events from the block it was created in (default: from the first block). */
    public LocalFederation eventsFromCreation() {
        this.eventsFromCreation = true;
        return this;
    }

    /** Mints the pool (and {@link #mintEach}), publishes the task, and mints the stakes ({@link #mintStakes}). */
    public LocalTask publish() throws ChainException, ModelStoreException {
        if (contracts == null || terms == null || accounts.isEmpty()) {
            throw new IllegalStateException("contracts, task and participants are required");
        }
        if (!terms.token().equalsIgnoreCase(contracts.token())) {
            throw new IllegalStateException("the terms' token " + terms.token() + " is not the contracts' token "
                    + contracts.token());
        }
        contracts.contracts().mint(contracts.token(), contracts.owner().getAddress(), rewardPool);
        if (mintEach != null) {
            mint(mintEach);
        }
        TaskPublisher.Published published = new TaskPublisher(contracts.contracts(), models)
                .publish(contracts.factory(), terms, spec, policy, rewardPool);
        BigInteger block = chain.blockNumber();
        if (mintStakes) {
            mint(terms.minStake());
        }
        return new LocalTask(chain, models, contracts.owner(), published, block, eventsFromCreation, accounts, pool);
    }

    private void mint(BigInteger amount) throws ChainException {
        for (Credentials account : accounts) {
            contracts.contracts().mint(contracts.token(), account.getAddress(), amount);
        }
    }

    /** Publishes the task, runs every participant to the end, and stops them ({@link LocalTask#run}). */
    public Result run(StateFiles files, Function<Seat, ParticipantSpec> participants) throws Exception {
        try (LocalTask task = publish()) {
            return task.run(files, participants);
        }
    }

    /**
     * What a run left: the task, the block it was created in, the latest global model at the
     * end ({@link org.fedledger.chain.TaskEvents#latestModel}), and how each participant's run
     * ended, in index order.
     */
    public record Result(String task, BigInteger creationBlock, Cid latestModel, List<Ended> participants) {
        public Result {
            Objects.requireNonNull(task, "task == null");
            Objects.requireNonNull(creationBlock, "creationBlock == null");
            Objects.requireNonNull(latestModel, "latestModel == null");
            participants = List.copyOf(participants);
        }

        /** The summaries of the participants that ran to the end, in index order. */
        public List<Participant.Summary> summaries() {
            return participants.stream().filter(e -> e.summary() != null).map(Ended::summary).toList();
        }
    }

    /** How participant {@code index}'s run ended: with its summary, or the failure it was allowed to stop with. */
    public record Ended(int index, Participant.Summary summary, Throwable failure) {
        public Ended {
            if ((summary == null) == (failure == null)) {
                throw new IllegalArgumentException("exactly one of summary and failure");
            }
        }
    }
}
