package org.fedledger.participant;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.fedledger.aggregation.Aggregate;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SignerKeys;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskClient.RewardClaim;
import org.fedledger.chain.TaskClient.RoundPosition;
import org.fedledger.chain.TaskMetadata;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;
import org.fedledger.task.TaskPolicyException;
import org.fedledger.weights.WeightFile;

/**
 * One participant in one task: the round state machine that needs no coordinator. It reads the
 * task's state and events from the chain at every new block and does whatever is due: join;
 * in each round it is active in, fetch the global model, train on its own data, upload the
 * update, commit, reveal, fetch and check every revealed update, aggregate by the task's rule,
 * upload the aggregate and vote; advance a phase whose deadline passed; report other
 * participants' slashable faults; claim its rewards.
 *
 * <p>Every decision comes from the chain (the participant's own markers say which of its
 * actions already landed), and what the chain cannot hold (salts, the outcome it voted for) is
 * in the {@link StateFile}, written before the action that depends on it. So a participant
 * killed at any point and started again picks up where it was, and each step is idempotent.
 */
public final class Participant {
    private static final Duration MAX_IDLE = Duration.ofSeconds(5);
    private static final int MAX_CONSECUTIVE_FAILURES = 30;
    /**
     * How many participants in this JVM may hold a round's updates at once: each holds all N of
     * them while it aggregates, so N participants in one JVM (a benchmark, the demo, an
     * organisation running several) would otherwise need N x N updates of memory at the same
     * moment (4 GB at N = 100 for the MNIST MLP). Aggregation is CPU-bound, so more at once than
     * there are processors gains nothing.
     */
    private static final Semaphore AGGREGATING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final Chain chain;
    private final TaskClient client;
    private final TaskEvents events;
    private final ModelStore models;
    private final Dataset data;
    private final Trainer trainer;
    private final Conduct conduct;
    private final StateFile state;
    private final ParticipantSettings settings;
    private final ParticipantListener listener;
    private final ChainClock clock;
    private final SecureRandom random = new SecureRandom();
    private final String account;
    /** Actions the contract refused in a given round and phase: not retried until the phase changes. */
    private final Set<String> refused = new HashSet<>();
    /** Rounds claimed, or ended with nothing to claim. */
    private final Set<Long> claimed = new HashSet<>();

    private TaskRules terms;
    private TaskMetadata content;
    private ModelSpec spec;
    private AggregationRule rule;
    /** The task's differential-privacy policy as this participant applies it; null: none. */
    private PrivacyBudget privacy;
    /** The views of the model store this task's weight files go through (encrypted or not). */
    private TaskSealing sealing;
    private Cid globalCid;
    private float[] globalWeights;
    /** The round the task was in at the last step, to which the listener is told time went ({@link #spent}). */
    private long positionRound;

    public Participant(Chain chain, TaskClient client, TaskEvents events, ModelStore models, Dataset data,
                       Trainer trainer, StateFile state, ParticipantSettings settings, ParticipantListener listener) {
        this(chain, client, events, models, data, trainer, Conduct.HONEST, state, settings, listener);
    }

    /** A participant whose protocol steps follow {@code conduct} (attack simulations; honest is {@link Conduct#HONEST}). */
    public Participant(Chain chain, TaskClient client, TaskEvents events, ModelStore models, Dataset data,
                       Trainer trainer, Conduct conduct, StateFile state, ParticipantSettings settings,
                       ParticipantListener listener) {
        this.conduct = Objects.requireNonNull(conduct, "conduct == null");
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.client = Objects.requireNonNull(client, "client == null");
        this.events = Objects.requireNonNull(events, "events == null");
        this.models = Objects.requireNonNull(models, "models == null");
        this.data = Objects.requireNonNull(data, "data == null");
        this.trainer = Objects.requireNonNull(trainer, "trainer == null");
        this.state = Objects.requireNonNull(state, "state == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.listener = listener == null ? ParticipantListener.NONE : listener;
        this.clock = new ChainClock(chain, settings.poll());
        this.account = client.account().toLowerCase();
    }

    /** What a participant did in a task, read back from the chain when it finished. */
    public record Summary(String account, int roundsCommitted, int roundsAccepted, BigInteger stake,
                          BigInteger rewards) {}

    public String account() {
        return account;
    }

    /**
     * Takes part until the task is completed (or this participant is no longer active in it) and
     * its rewards are claimed.
     *
     * @throws ParticipantException if the task cannot be taken part in: its model does not fit
     *     the data, its rule is unknown, the state file is damaged, or the node failed too often
     */
    public Summary run() throws ParticipantException, InterruptedException {
        loadTask();
        int failures = 0;
        while (true) {
            Step step;
            try {
                step = step();
                failures = 0;
            } catch (ChainException | ModelStoreException e) {
                failures++;
                listener.problem(e.getMessage());
                if (failures >= MAX_CONSECUTIVE_FAILURES) {
                    throw new ParticipantException("gave up after " + failures + " failures in a row: "
                            + e.getMessage(), e);
                }
                step = Step.idle(null, 0);
            }
            if (step.done()) {
                return summary();
            }
            if (!step.progressed()) {
                long waiting = System.nanoTime();
                try {
                    clock.awaitChange(step.moved(), step.deadline(), MAX_IDLE);
                } catch (ChainException e) {
                    listener.problem(e.getMessage());
                    Thread.sleep(settings.poll().toMillis());
                }
                spent(Work.WAITING, waiting);
            }
        }
    }

    /**
     * The outcome of one pass: progress was made; or nothing to do until the chain has {@code
     * moved} on from what the pass saw (null: until any new block) or {@code deadline} passes;
     * or finished.
     * Within one round and phase a pass that found nothing to do finds nothing again: what it
     * waits for (the others' commits, reveals and votes) ends the phase early, and its own
     * markers only change by its own actions, after which it steps again at once.
     */
    private record Step(boolean progressed, boolean done, ChainClock.Moved moved, long deadline) {
        static final Step PROGRESS = new Step(true, false, null, 0);
        static final Step DONE = new Step(false, true, null, 0);

        static Step idle(ChainClock.Moved moved, long deadline) {
            return new Step(false, false, moved, deadline);
        }
    }

    /** Nothing to do until the task's position is a later round or phase than {@code pos}, or its deadline passes. */
    private Step idle(RoundPosition pos) {
        return Step.idle(block -> later(client.position(block), pos), pos.deadline());
    }

    private static boolean later(RoundPosition now, RoundPosition seen) {
        return now.round() > seen.round()
                || (now.round() == seen.round() && now.phase().ordinal() > seen.phase().ordinal());
    }

    private void loadTask() throws ParticipantException {
        try {
            terms = client.rules();
            content = client.metadata();
        } catch (ChainException e) {
            throw new ParticipantException("cannot read task " + client.address() + ": " + e.getMessage(), e);
        } catch (ContractRevertException e) {
            throw new ParticipantException("no FedLedger task at " + client.address() + " (" + e.getMessage()
                    + "): check the task address", e);
        }
        try {
            spec = models.getSpec(content.modelSpec());
        } catch (ModelStoreException e) {
            throw new ParticipantException("cannot use the task's model: " + e.getMessage(), e);
        }
        if (spec.featureCount() != data.featureCount() || spec.classCount() != data.numClasses()) {
            throw new ParticipantException("the task's model takes " + spec.featureCount() + " features and "
                    + spec.classCount() + " classes, but the data set " + data.name() + " has " + data.featureCount()
                    + " features and " + data.numClasses() + " classes: use data that fits the task");
        }
        if (data.size() == 0) {
            throw new ParticipantException("the data set " + data.name() + " is empty: nothing to train on");
        }
        TaskPolicy policy;
        try {
            policy = TaskPolicy.decode(terms.aggregationRule(), content.aggregationParams());
        } catch (TaskPolicyException e) {
            throw new ParticipantException("cannot take part in task " + client.address() + ": " + e.getMessage(), e);
        }
        rule = policy.rule();
        privacy = policy.privacy().map(PrivacyBudget::new).orElse(null);
        sealing = TaskSealing.of(policy.encrypted(), models, client, events, new SignerKeys(chain), content.initialModel());
        if (privacy != null && privacy.roundsWithinBudget() == 0) {
            throw new ParticipantException("task " + client.address() + "'s privacy budget (epsilon "
                    + privacy.policy().epsilonBudget() + ") does not cover a single update: nothing can be published");
        }
    }

    private Step step() throws ChainException, ModelStoreException, ParticipantException, InterruptedException {
        long reading = System.nanoTime();
        RoundPosition pos = client.position();
        ParticipantInfo me = client.participantInfo(account);
        positionRound = pos.phase() == TaskPhase.COMPLETED ? terms.numRounds() + 1 : pos.round();
        spent(Work.CHAIN_READS, reading);
        if (!me.joined()) {
            return join(pos);
        }
        long lastEnded = pos.phase() == TaskPhase.COMPLETED ? terms.numRounds() : pos.round() - 1;
        if (settleEndedRounds(lastEnded, me)) {
            long claiming = System.nanoTime();
            claim(false);
            spent(Work.TRANSACTIONS, claiming);
        }
        // a suspended or leaving participant stays active, and liable, until the end of the round before its exit round
        boolean gone = me.exitRound() != 0 && pos.round() >= me.exitRound();
        if (pos.phase() == TaskPhase.COMPLETED || gone) {
            long claiming = System.nanoTime();
            claim(true);
            spent(Work.TRANSACTIONS, claiming);
            return Step.DONE;
        }
        long round = pos.round();
        switch (pos.phase()) {
            case REGISTRATION -> {
                if (!clock.passed(pos.deadline())) {
                    return idle(pos);
                }
                long joined = client.participantCount();
                if (joined >= settings.awaitParticipants()) {
                    return advance(pos);
                }
                // the deadline passed: what moves now is the number of participants (or the phase)
                return Step.idle(block -> later(client.position(block), pos)
                        || client.participantCount(block) > joined, 0);
            }
            case COMMIT -> {
                if (me.activeIn(round) && me.commitRound() < round && !isRefused(pos, "commit")
                        && conduct.commits(round) && withinPrivacyBudget(pos, me)) {
                    return commit(pos);
                }
            }
            case REVEAL -> {
                if (me.commitRound() == round && me.revealRound() < round && !isRefused(pos, "reveal")
                        && conduct.reveals(round)) {
                    return reveal(pos);
                }
            }
            case VOTE -> {
                if (me.revealRound() == round && me.voteRound() < round && !isRefused(pos, "vote")) {
                    return vote(pos);
                }
            }
            default -> throw new ParticipantException("task " + client.address() + " is not running (phase "
                    + pos.phase() + ")");
        }
        if (clock.passed(pos.deadline()) && !isRefused(pos, "advance")) {
            return advance(pos);
        }
        return idle(pos);
    }

    // ----- actions -----

    private Step join(RoundPosition pos) throws ChainException, ParticipantException {
        if (pos.phase() == TaskPhase.COMPLETED || pos.phase() == TaskPhase.NONE) {
            throw new ParticipantException("task " + client.address() + " is " + pos.phase().name().toLowerCase()
                    + ": it can no longer be joined");
        }
        BigInteger stake = settings.stake() != null ? settings.stake()
                : terms.minStake().max(terms.stakePerSample().multiply(BigInteger.valueOf(numSamples())));
        long joining = System.nanoTime();
        try {
            client.join(stake);
            spent(Work.TRANSACTIONS, joining);
        } catch (ContractRevertException e) {
            if (client.participantInfo(account).joined()) {
                // a join sent again after its first attempt landed unseen (a timeout on a busy
                // node): the first one counts
                listener.joined(stake, client.participantInfo(account).joinRound());
                return Step.PROGRESS;
            }
            throw new ParticipantException("cannot join task " + client.address() + ": " + e.getMessage()
                    + " (does " + account + " hold and approve " + stake + " of the stake token?)", e);
        }
        listener.joined(stake, client.participantInfo(account).joinRound());
        return Step.PROGRESS;
    }

    private Step commit(RoundPosition pos) throws ChainException, ModelStoreException, ParticipantException {
        long round = pos.round();
        RoundEntry entry = state.round(round);
        if (entry == null) {
            float[] global = globalWeightsBefore(round);
            long started = System.nanoTime();
            float[] weights = trainer.train(spec, global, data, round);
            if (privacy != null) {
                weights = privatize(global, weights);
            }
            listener.trained(round, (int) numSamples(), (System.nanoTime() - started) / 1e9);
            spent(Work.TRAINING, started);
            long publishing = System.nanoTime();
            Cid update = conduct.publish(sealing.forUpdate(round), new WeightFile(spec.digest(), weights));
            spent(Work.IPFS_PUT, publishing);
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            entry = RoundEntry.of(update, numSamples(), salt);
            state.put(round, entry);
        }
        // commit() commits to the chain's current round: if the round moved on while this
        // participant trained (a slow trainer past the deadline), this commitment is for a round
        // that is over and could never be revealed, so it is not sent
        long reading = System.nanoTime();
        RoundPosition now = client.position();
        spent(Work.CHAIN_READS, reading);
        if (now.round() != round || now.phase() != TaskPhase.COMMIT) {
            listener.skipped(round, "commit", "round " + round + "'s commit phase ended while training");
            return Step.PROGRESS;
        }
        byte[] commitment = TaskClient.commitment(entry.updateCid().digest(), entry.numSamples(), entry.saltBytes(),
                account, client.address(), round);
        if (!attempt(pos, "commit", () -> client.commit(commitment))) {
            return Step.PROGRESS;
        }
        listener.committed(round, entry.updateCid());
        if (privacy != null && privacy.spentWith(state.rounds().keySet(), round) && round < terms.numRounds()) {
            leaveForPrivacy(pos, round + 1);
        }
        return Step.PROGRESS;
    }

    private float[] privatize(float[] global, float[] trained) throws ParticipantException {
        try {
            return privacy.privatize(global, trained);
        } catch (IllegalArgumentException e) {
            throw new ParticipantException("cannot privatize the trained model: " + e.getMessage(), e);
        }
    }

    /**
     * Whether this participant may publish an update in {@code pos}'s round under the task's
     * privacy budget. Once the budget is spent it leaves the task (so that the rounds it can no
     * longer take part in are not held against it) and says so; it then finishes the rounds it
     * is still active in, claims, and stops.
     */
    private boolean withinPrivacyBudget(RoundPosition pos, ParticipantInfo me) throws ChainException {
        if (privacy == null || privacy.allows(state.rounds().keySet(), pos.round())) {
            return true;
        }
        if (me.exitRound() == 0 && !isRefused(pos, "leave")) {
            leaveForPrivacy(pos, pos.round());
        }
        return false;
    }

    private void leaveForPrivacy(RoundPosition pos, long firstRoundOver) throws ChainException {
        long updates = PrivacyBudget.producedBefore(state.rounds().keySet(), firstRoundOver);
        if (attempt(pos, "leave", client::requestLeave)) {
            listener.privacyBudgetSpent(firstRoundOver, privacy.spent(updates));
        }
    }

    private Step reveal(RoundPosition pos) throws ChainException, ParticipantException {
        long round = pos.round();
        RoundEntry entry = state.round(round);
        if (entry == null) {
            refused.add(key(pos, "reveal"));
            throw new ParticipantException("committed in round " + round + " but the state file " + state.path()
                    + " has no salt for it: the commitment cannot be revealed (restore the state file)");
        }
        if (attempt(pos, "reveal", () -> client.reveal(entry.updateCid(), entry.numSamples(), entry.saltBytes()))) {
            listener.revealed(round);
        }
        return Step.PROGRESS;
    }

    private Step vote(RoundPosition pos) throws ChainException, ModelStoreException, ParticipantException,
            InterruptedException {
        long round = pos.round();
        RoundEntry.Outcome outcome = conduct.vote(round, () -> outcome(round));
        WeightsTree tree = outcome.tree();
        if (attempt(pos, "vote", () -> client.vote(outcome.aggregateCid(), tree.root(), tree.totalWeight()))) {
            listener.voted(round, outcome.aggregateCid(), tree.leaves());
        }
        return Step.PROGRESS;
    }

    private Step advance(RoundPosition pos) throws ChainException {
        attempt(pos, "advance", client::advance);
        return Step.PROGRESS;
    }

    /** A chain action. */
    private interface Action {
        Object run() throws ChainException;
    }

    /**
     * Runs an action; if the contract refuses it (the state moved on, say a vote after the
     * round finalized), remembers that for this round and phase and returns false.
     */
    private boolean attempt(RoundPosition pos, String name, Action action) throws ChainException {
        long sending = System.nanoTime();
        try {
            action.run();
            return true;
        } catch (ContractRevertException e) {
            refused.add(key(pos, name));
            listener.skipped(pos.round(), name, e.description().orElse(e.getMessage()));
            return false;
        } finally {
            spent(Work.TRANSACTIONS, sending);
        }
    }

    /** Tells the listener that the time since {@code since} (System.nanoTime) went to {@code work}. */
    private void spent(Work work, long since) {
        listener.spent(positionRound, work, System.nanoTime() - since);
    }

    private boolean isRefused(RoundPosition pos, String action) {
        return refused.contains(key(pos, action));
    }

    private static String key(RoundPosition pos, String action) {
        return pos.round() + ":" + pos.phase() + ":" + action;
    }

    private long numSamples() {
        return Math.min(data.size(), terms.sampleCap());
    }

    // ----- the global model and the round's outcome -----

    /** The weights of the global model that round {@code round} starts from: the latest finalized before it. */
    private float[] globalWeightsBefore(long round) throws ChainException, ModelStoreException {
        long reading = System.nanoTime();
        Cid cid = content.initialModel();
        for (TaskEvents.Finalized f : events.finalized()) {
            if (f.round() < round) {
                cid = f.aggregate();
            }
        }
        spent(Work.CHAIN_READS, reading);
        if (!cid.equals(globalCid)) {
            long fetching = System.nanoTime();
            globalWeights = sealing.forReading().getWeights(cid, spec).values();
            globalCid = cid;
            spent(Work.IPFS_GET, fetching);
        }
        return globalWeights;
    }

    /**
     * The outcome of {@code round} as this participant computes it, from the state file if it
     * did so before, else by fetching and aggregating every revealed update (then uploading the
     * aggregate and saving the outcome before it is used).
     */
    private RoundEntry.Outcome outcome(long round) throws ChainException, ModelStoreException, ParticipantException,
            InterruptedException {
        RoundEntry entry = state.round(round);
        if (entry != null && entry.outcome() != null) {
            return entry.outcome();
        }
        long reading = System.nanoTime();
        List<TaskEvents.Revealed> revealed = events.revealed(round);
        spent(Work.CHAIN_READS, reading);
        float[] global = globalWeightsBefore(round);
        Aggregate aggregate;
        long queueing = System.nanoTime();
        AGGREGATING.acquire();
        spent(Work.WAITING, queueing);
        try (UpdateFetcher fetcher = new UpdateFetcher(sealing.forReading(), settings.fetchPatience())) {
            long fetching = System.nanoTime();
            UpdateFetcher.Fetched fetched = fetcher.fetch(revealed, spec);
            spent(Work.IPFS_GET, fetching);
            long aggregating = System.nanoTime();
            aggregate = rule.aggregate(global, fetched.updates(), fetched.failures());
            spent(Work.AGGREGATION, aggregating);
        } finally {
            AGGREGATING.release();
        }
        long publishing = System.nanoTime();
        Cid aggregateCid = sealing.forAggregate(round, revealed).putWeights(new WeightFile(spec.digest(),
                aggregate.newWeights()));
        spent(Work.IPFS_PUT, publishing);
        RoundEntry.Outcome outcome = RoundEntry.Outcome.of(aggregateCid, aggregate.contributions());
        if (entry != null) {
            state.put(round, entry.withOutcome(outcome));
        }
        return outcome;
    }

    // ----- after a round: outcome check, reports, claims -----

    /** Checks, reports and records the rounds that ended since the last pass; returns whether there were any. */
    private boolean settleEndedRounds(long lastEnded, ParticipantInfo me) throws ChainException, ModelStoreException,
            ParticipantException, InterruptedException {
        boolean any = false;
        for (long round = state.reportedThrough() + 1; round <= lastEnded; round++) {
            long checking = System.nanoTime();
            RoundRecord result = client.roundRecord(round);
            spent(Work.CHECKS, checking);
            boolean agreed = false;
            RoundEntry entry = state.round(round);
            if (result.finalized() && entry != null && me.revealRound() >= round) {
                RoundEntry.Outcome outcome = entry.outcome() != null ? entry.outcome() : outcome(round);
                agreed = Arrays.equals(outcome.tree().root(), result.weightsRoot());
                if (!agreed) {
                    listener.problem("round " + round + " finalized a weights root other than the one computed "
                            + "here: its rewards cannot be claimed by this participant");
                }
            }
            listener.roundEnded(round, result, agreed);
            if (settings.report()) {
                checking = System.nanoTime();
                report(round, result);
                spent(Work.CHECKS, checking);
            }
            state.reportedThrough(round);
            any = true;
        }
        return any;
    }

    /** Reports the slashable faults of round {@code round}, checking each candidate first. */
    private void report(long round, RoundRecord result) throws ChainException {
        Set<String> committers = new LinkedHashSet<>(events.committers(round));
        Set<String> revealers = new LinkedHashSet<>();
        for (TaskEvents.Revealed r : events.revealed(round)) {
            revealers.add(r.participant());
        }
        for (String p : committers) {
            if (!revealers.contains(p)) {
                reportIfSlashable(p, SlashKind.NO_REVEAL, round);
            }
        }
        if (result.finalized()) {
            for (TaskEvents.Vote v : events.votes(round)) {
                if (v.ordinal() != result.winningOrdinal()) {
                    reportIfSlashable(v.voter(), SlashKind.WRONG_VOTE, round);
                }
            }
            RoundEntry entry = state.round(round);
            if (entry != null && entry.outcome() != null) {
                WeightsTree tree = entry.outcome().tree();
                if (Arrays.equals(tree.root(), result.weightsRoot())) {
                    for (Contribution c : tree.leaves()) {
                        if (!c.accepted() && !c.participant().equals(account)
                                && !client.isRejectionSlashed(c.participant(), round)) {
                            tryReport(c.participant(), SlashKind.REJECTED_UPDATE, round, () -> client
                                    .slashRejectedUpdate(c.participant(), round, c.weight(), tree.proof(c.participant())));
                        }
                    }
                }
            }
        }
        for (String p : client.participants()) {
            if (!committers.contains(p) && !p.equals(account)) {
                reportIfSlashable(p, SlashKind.MISSED_ROUNDS, round);
            }
        }
    }

    private void reportIfSlashable(String offender, SlashKind kind, long round) throws ChainException {
        if (offender.equals(account) || !client.slashable(offender, kind)) {
            return;
        }
        tryReport(offender, kind, round, switch (kind) {
            case NO_REVEAL -> () -> client.slashNoReveal(offender);
            case WRONG_VOTE -> () -> client.slashWrongVote(offender);
            case MISSED_ROUNDS -> () -> client.slashMissedRounds(offender);
            case REJECTED_UPDATE -> throw new IllegalArgumentException("rejections need a proof");
        });
    }

    private void tryReport(String offender, SlashKind kind, long round, Action report) throws ChainException {
        try {
            report.run();
            listener.reported(offender, kind, round);
        } catch (ContractRevertException e) {
            // another reporter was first, or the offender settled it: nothing to do
        }
    }

    /** Claims the rounds this participant agreed on and earned in, in batches; {@code all}: even a short batch. */
    private void claim(boolean all) throws ChainException {
        RewardClaims.Scan scan = RewardClaims.scan(client, state.rounds(), account,
                round -> round <= state.reportedThrough() && !claimed.contains(round));
        claimed.addAll(scan.settled());
        List<RewardClaim> claims = scan.claims();
        if (claims.isEmpty() || (!all && claims.size() < settings.claimBatch())) {
            return;
        }
        try {
            RewardClaims.claim(client, claims, batch -> {
                claimed.addAll(batch.rounds());
                listener.claimed(batch.rounds(), batch.amount());
            });
        } catch (ContractRevertException e) {
            listener.problem("claim refused: " + e.getMessage());
        }
    }

    private Summary summary() throws ParticipantException {
        try {
            ParticipantInfo me = client.participantInfo(account);
            int committed = 0;
            int accepted = 0;
            for (Map.Entry<Long, RoundEntry> e : state.rounds().entrySet()) {
                committed++;
                RoundEntry.Outcome o = e.getValue().outcome();
                if (o != null && o.leaves().stream().anyMatch(l -> l.participant().equals(account) && l.accepted()
                        && new BigInteger(l.weight()).signum() > 0)) {
                    accepted++;
                }
            }
            return new Summary(account, committed, accepted, me.stake(), me.rewards());
        } catch (ChainException e) {
            throw new ParticipantException("finished, but cannot read the result: " + e.getMessage(), e);
        }
    }
}
