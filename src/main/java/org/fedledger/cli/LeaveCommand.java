package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskPhase;
import org.fedledger.keys.KeyException;
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
            TaskClient client = Tasks.open(chain, address, key);
            try {
                client.requestLeave();
            } catch (ContractRevertException e) {
                if (e.errorName().filter("MembershipWrongStatus"::equals).isEmpty()) {
                    throw e;
                }
                throw new Failures.UserException(account + " cannot leave task " + address + ": "
                        + whyNot(client.participantInfo(account), address));
            }
            ParticipantInfo me = client.participantInfo(account);
            TaskClient.RoundPosition pos = client.position();
            long last = me.exitRound() - 1;
            boolean ended = pos.phase() == TaskPhase.COMPLETED || pos.round() > last;
            out.println(account + " leaves task " + address + ": " + (last < me.joinRound()
                    ? "it was never active in a round"
                    : ended ? "its last active round, " + last + ", has ended"
                    : "round " + last + " is its last active round (keep its participant running until that round "
                            + "ends), not active from round " + me.exitRound()));
            long cooldown = client.rules().leaveCooldown().toSeconds();
            out.println("its stake of " + Tasks.tokens(me.stake()) + " tokens unlocks " + (me.unlockTime() != 0
                    ? "at " + Tasks.when(me.unlockTime(), chain.latestBlockTime())
                    : "once round " + last + " has ended, plus the cooldown of " + cooldown + " s")
                    + "; then run `fl withdraw --task " + address + " --stake`");
        }
        return 0;
    }

    private static String whyNot(ParticipantInfo me, String task) {
        return switch (me.status()) {
            case NONE -> "it never joined (check --task and the signing key)";
            case LEAVING -> "it is leaving already; its stake unlocks "
                    + (me.unlockTime() != 0 ? "at " + Tasks.utc(me.unlockTime())
                            : "a cooldown after round " + (me.exitRound() - 1) + " ends")
                    + " (then `fl withdraw --task " + task + " --stake`)";
            case LEFT -> "it has left already and withdrew its stake";
            default -> "its status is " + me.status().name().toLowerCase();
        };
    }
}
