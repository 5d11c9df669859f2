package org.fedledger.participant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.RewardLedger;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RewardClaim;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;

/**
 * Which rounds an account can still claim rewards for, and claiming them. A round is claimable
 * when it finalized the weights root of the outcome the account computed (from its
 * {@link StateFile}), that outcome gives the account an accepted leaf of positive weight, the
 * round allocated a reward, and the account has not claimed it yet. Claims go out in batches of
 * {@value #CLAIMS_PER_TRANSACTION} rounds per transaction. Used by a running {@link Participant}
 * and by {@code fl claim}.
 */
public final class RewardClaims {
    /** Rounds per claim transaction: keeps a claim well inside a block's gas limit. */
    public static final int CLAIMS_PER_TRANSACTION = 50;

    private RewardClaims() {}

    /**
     * What a look at the rounds found: the claims to make, and the rounds that ended with nothing
     * (more) to claim for the account (claimed already, another root finalized, no reward, failed).
     */
    record Scan(List<RewardClaim> claims, List<Long> settled) {
        Scan {
            claims = List.copyOf(claims);
            settled = List.copyOf(settled);
        }
    }

    /** One claim transaction: its rounds and what it credited to the account's rewards balance. */
    public record Credited(List<Long> rounds, BigInteger amount) {
        public Credited {
            rounds = List.copyOf(rounds);
            Objects.requireNonNull(amount, "amount == null");
        }
    }

    /** Told of each claim transaction as it lands. */
    public interface BatchListener {
        void claimed(Credited batch);
    }

    /** Sends one claim transaction for a batch of rounds. */
    interface Sender {
        void claim(List<RewardClaim> batch) throws ChainException;
    }

    /** Every round in {@code state} that {@code account} can claim now, in round order. */
    public static List<RewardClaim> claimable(RewardLedger client, StateFile state, String account)
            throws ChainException {
        return scan(client, state.rounds(), account, round -> true).claims();
    }

    /**
     * Looks at the rounds of {@code rounds} that {@code consider} accepts and that have an
     * outcome giving {@code account} an accepted leaf of positive weight.
     */
    static Scan scan(RewardLedger client, Map<Long, RoundEntry> rounds, String account, LongPredicate consider)
            throws ChainException {
        String me = account.toLowerCase();
        List<RewardClaim> claims = new ArrayList<>();
        List<Long> settled = new ArrayList<>();
        for (Map.Entry<Long, RoundEntry> e : rounds.entrySet()) {
            long round = e.getKey();
            RoundEntry.Outcome outcome = e.getValue().outcome();
            if (outcome == null || !consider.test(round)) {
                continue;
            }
            WeightsTree tree = outcome.tree();
            Contribution mine = tree.leaves().stream().filter(c -> c.participant().equals(me)).findFirst()
                    .orElse(null);
            if (mine == null || !mine.accepted() || mine.weight().signum() == 0) {
                continue;
            }
            RoundRecord result = client.roundRecord(round);
            if (result.finalized() && Arrays.equals(tree.root(), result.weightsRoot())
                    && result.reward().signum() > 0 && !client.isClaimed(me, round)) {
                claims.add(new RewardClaim(round, mine.weight(), tree.proof(me)));
            } else if (result.ended()) {
                settled.add(round);
            }
        }
        return new Scan(claims, settled);
    }

    /**
     * Claims {@code claims} for the client's account, {@value #CLAIMS_PER_TRANSACTION} rounds per
     * transaction, telling {@code listener} of each batch as it lands; returns the batches.
     *
     * @throws org.fedledger.chain.ContractRevertException if the task refuses a batch (the
     *     batches before it have landed and were reported)
     */
    public static List<Credited> claim(TaskClient client, List<RewardClaim> claims, BatchListener listener)
            throws ChainException {
        return claim(client, client::claim, client.account(), claims, listener);
    }

    /** As {@link #claim(TaskClient, List, BatchListener)}: for {@code claimant}, read from {@code client}, sent by {@code sender}. */
    static List<Credited> claim(RewardLedger client, Sender sender, String claimant, List<RewardClaim> claims,
                                BatchListener listener)
            throws ChainException {
        String account = claimant.toLowerCase();
        List<Credited> done = new ArrayList<>();
        for (int from = 0; from < claims.size(); from += CLAIMS_PER_TRANSACTION) {
            List<RewardClaim> batch = claims.subList(from, Math.min(claims.size(), from + CLAIMS_PER_TRANSACTION));
            BigInteger before = client.rewardsOf(account);
            sender.claim(batch);
            Credited credited = new Credited(batch.stream().map(RewardClaim::round).toList(),
                    client.rewardsOf(account).subtract(before));
            done.add(credited);
            listener.claimed(credited);
        }
        return done;
    }
}
