package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.keys.KeyException;
import org.fedledger.membership.Leaving;
import org.fedledger.membership.Member;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl leave}: asks the task to let the signing account go ({@code requestLeave}). The
 * current round stays its last active round; its stake unlocks a cooldown after that round ends
 * (the window in which its faults can still be reported), and {@code fl withdraw --stake} then
 * returns it.
 */
@Command(name = "leave", description = {
    "Leave a task: this account is not active from the next round on (it must still finish the current one, "
        + "so keep its participant running), and its stake unlocks a cooldown after that round ends.",
    "Then `fl withdraw --stake` returns the stake."})
final class LeaveCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, KeyException {
        String address = Tasks.checkAddress(task);
        Credentials key = keys.credentials(null);
        String account = key.getAddress().toLowerCase();
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            Leaving result = new Member(Tasks.open(chain, address, key)).leave();
            if (!(result instanceof Leaving.LeaveRequested left)) {
                throw new Failures.UserException(account + " cannot leave task " + address + ": "
                        + whyNot(result, address));
            }
            out.println(account + " leaves task " + address + ": " + (!left.everActive()
                    ? "it was never active in a round"
                    : left.lastRoundEnded() ? "its last active round, " + left.lastRound() + ", has ended"
                    : "round " + left.lastRound() + " is its last active round (keep its participant running until "
                            + "that round ends), not active from round " + left.exitRound()));
            out.println("its stake of " + Tasks.tokens(left.stake()) + " tokens unlocks " + (left.unlockTime() != 0
                    ? "at " + Tasks.when(left.unlockTime(), chain.latestBlockTime())
                    : "once round " + left.lastRound() + " has ended, plus the cooldown of "
                            + left.cooldown().toSeconds() + " s")
                    + "; then run `fl withdraw --task " + address + " --stake`");
        }
        return 0;
    }

    private static String whyNot(Leaving refused, String task) {
        if (refused instanceof Leaving.AlreadyLeaving leaving) {
            return "it is leaving already; its stake unlocks "
                    + (leaving.unlockTime() != 0 ? "at " + Tasks.utc(leaving.unlockTime())
                            : "a cooldown after round " + leaving.lastRound() + " ends")
                    + " (then `fl withdraw --task " + task + " --stake`)";
        }
        return refused instanceof Leaving.AlreadyLeft ? "it has left already and withdrew its stake"
                : "it never joined (check --task and the signing key)";
    }
}
