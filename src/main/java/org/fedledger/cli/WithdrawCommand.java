package org.fedledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.keys.KeyException;
import org.fedledger.membership.Member;
import org.fedledger.membership.StakeWithdrawal;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl withdraw}: transfers the signing account's credited rewards ({@code withdrawRewards})
 * and, once it has left and the cooldown has passed, its stake ({@code withdrawStake}) to it.
 * Each transaction is simulated first, and a refusal is explained from the contract's error:
 * nothing credited, still a member, or when the stake unlocks.
 */
@Command(name = "withdraw", description = {
    "Transfer this account's credited rewards and/or (after `fl leave` and the cooldown) its stake to it.",
    "Without --rewards or --stake, withdraws whichever is available."})
final class WithdrawCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Option(names = "--rewards", description = "Withdraw the credited rewards (claims and bounties).")
    boolean rewards;

    @Option(names = "--stake", description = "Withdraw the stake (after leaving, once it unlocks).")
    boolean stake;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, KeyException {
        String address = Tasks.checkAddress(task);
        boolean both = rewards == stake;
        Credentials key = keys.credentials(null);
        String account = key.getAddress().toLowerCase();
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            Member member = new Member(Tasks.open(chain, address, key));
            List<String> refused = new ArrayList<>();
            boolean any = false;
            if (rewards || both) {
                Optional<BigInteger> amount = member.withdrawRewards();
                if (amount.isPresent()) {
                    out.println("withdrew " + Tasks.tokens(amount.get()) + " tokens of rewards to " + account);
                    any = true;
                } else {
                    refused.add("its rewards balance is 0 (claim finalized rounds first with `fl claim --task "
                            + address + "`)");
                }
            }
            if (stake || both) {
                StakeWithdrawal result = member.withdrawStake();
                if (result instanceof StakeWithdrawal.Withdrawn w) {
                    out.println("withdrew " + Tasks.tokens(w.amount()) + " tokens of stake to " + account
                            + "; it has left task " + address);
                    any = true;
                } else {
                    refused.add(refusal(result, both, chain, address));
                }
            }
            if (!any) {
                throw new Failures.UserException("nothing to withdraw for " + account + " in task " + address + ": "
                        + String.join("; ", refused));
            }
            refused.forEach(r -> out.println("not withdrawn: " + r));
        }
        return 0;
    }

    /** Why the stake stayed, in words; {@code both}: the user asked for whatever is available. */
    private static String refusal(StakeWithdrawal result, boolean both, Chain chain, String task)
            throws ChainException {
        if (result instanceof StakeWithdrawal.StakeLocked locked) {
            return locked.unlockKnown()
                    ? "its stake is locked until " + Tasks.when(locked.until(), chain.latestBlockTime()) + ": try again then"
                    : "its stake is locked until round " + locked.lastRound() + ", its last, has ended, and then for "
                            + "the cooldown of " + locked.cooldown().toSeconds() + " s (see `fl status --task " + task
                            + "`)";
        }
        StakeWithdrawal.NothingToWithdraw none = (StakeWithdrawal.NothingToWithdraw) result;
        if (none.stillAMember()) {
            return both ? "its stake stays in the task until it leaves (`fl leave --task " + task + "`)"
                    : "it is still a member (" + none.why().name().toLowerCase() + "): leave first with `fl leave "
                            + "--task " + task + "`, then withdraw once the stake unlocks";
        }
        return none.why() == ParticipantInfo.Status.LEFT ? "it has left the task and withdrew its stake already"
                : "it never joined the task, so it has no stake there (check --task and the signing key)";
    }
}
