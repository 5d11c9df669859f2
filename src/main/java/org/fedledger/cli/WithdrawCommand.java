package org.fedledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.keys.KeyException;
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
            TaskClient client = Tasks.open(chain, address, key);
            List<String> refused = new ArrayList<>();
            boolean any = false;
            if (rewards || both) {
                BigInteger amount = client.rewardsOf(account);
                try {
                    client.withdrawRewards();
                    out.println("withdrew " + Tasks.tokens(amount) + " tokens of rewards to " + account);
                    any = true;
                } catch (ContractRevertException e) {
                    refused.add(rewardsRefusal(e, address));
                }
            }
            if (stake || both) {
                ParticipantInfo me = client.participantInfo(account);
                if (both && (me.status() == ParticipantInfo.Status.ACTIVE || me.status() == ParticipantInfo.Status.SUSPENDED)) {
                    refused.add("its stake stays in the task until it leaves (`fl leave --task " + address + "`)");
                } else {
                    try {
                        client.withdrawStake();
                        out.println("withdrew " + Tasks.tokens(me.stake()) + " tokens of stake to " + account
                                + "; it has left task " + address);
                        any = true;
                    } catch (ContractRevertException e) {
                        refused.add(stakeRefusal(e, client, chain, account, address));
                    }
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

    private static String rewardsRefusal(ContractRevertException e, String task) {
        if (e.errorName().filter("RewardsNothingToWithdraw"::equals).isPresent()) {
            return "its rewards balance is 0 (claim finalized rounds first with `fl claim --task " + task + "`)";
        }
        throw e;
    }

    private static String stakeRefusal(ContractRevertException e, TaskClient client, Chain chain, String account,
                                       String task) throws ChainException {
        String error = e.errorName().orElse("");
        ParticipantInfo me = client.participantInfo(account);
        if (error.equals("MembershipStakeLocked")) {
            if (me.unlockTime() == 0) {
                return "its stake is locked until round " + (me.exitRound() - 1) + ", its last, has ended, and then for "
                        + "the cooldown of " + client.rules().leaveCooldown().toSeconds() + " s (see `fl status --task "
                        + task + "`)";
            }
            return "its stake is locked until " + Tasks.when(me.unlockTime(), chain.latestBlockTime())
                    + ": try again then";
        }
        if (error.equals("MembershipWrongStatus")) {
            return switch (me.status()) {
                case NONE -> "it never joined the task, so it has no stake there (check --task and the signing key)";
                case LEFT -> "it has left the task and withdrew its stake already";
                default -> "it is still a member (" + me.status().name().toLowerCase() + "): leave first with `fl leave "
                        + "--task " + task + "`, then withdraw once the stake unlocks";
            };
        }
        throw e;
    }
}
