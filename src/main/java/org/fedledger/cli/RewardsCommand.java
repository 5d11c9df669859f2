package org.fedledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskView;
import org.fedledger.chain.RewardClaim;
import org.fedledger.participant.ParticipantException;
import org.fedledger.participant.RewardClaims;
import org.fedledger.participant.StateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl rewards}: the stake and the credited, not yet withdrawn rewards ({@code rewardsOf})
 * of one account, or of every participant with totals. For one account whose state file is at
 * hand it also lists the finalized rounds it could still claim.
 */
@Command(name = "rewards", description = {
    "Show stakes and credited rewards on-chain: of one account (--account), or of every participant with totals.",
    "For one account with a state file, also the rounds it can still claim with `fl claim`."})
final class RewardsCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Option(names = "--account", paramLabel = "ADDRESS", description = "Only this account (default: every participant).")
    String account;

    @Option(names = "--state-file", paramLabel = "FILE", description = "With --account: its participant state file "
            + "(default: DATA_DIR/participants/CHAIN-TASK-ACCOUNT.json), to list the rounds it can still claim.")
    Path stateFile;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, ParticipantException {
        String address = Tasks.checkAddress(task);
        String who = account == null ? null : Tasks.checkAddress(account, "--account");
        if (who == null && stateFile != null) {
            throw new Failures.UserException("--state-file needs --account: name the account the state file is of");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            TaskView client = Tasks.open(chain, address);
            if (who == null) {
                all(out, client);
            } else {
                one(out, chain, client, who);
            }
        }
        return 0;
    }

    private void all(PrintWriter out, TaskView client) throws ChainException {
        List<String> participants = client.participants();
        out.println("task " + client.address().toLowerCase() + ": " + participants.size() + " participants");
        if (participants.isEmpty()) {
            return;
        }
        String row = "  %-42s  %-9s  %16s  %16s%n";
        out.printf(row, "address", "status", "stake", "rewards");
        BigInteger stakes = BigInteger.ZERO;
        BigInteger rewards = BigInteger.ZERO;
        for (String p : participants) {
            ParticipantInfo m = client.participantInfo(p);
            BigInteger credited = client.rewardsOf(p);
            out.printf(row, p, m.status().name().toLowerCase(), Tasks.tokens(m.stake()), Tasks.tokens(credited));
            stakes = stakes.add(m.stake());
            rewards = rewards.add(credited);
        }
        out.printf(row, "total", "", Tasks.tokens(stakes), Tasks.tokens(rewards));
    }

    private void one(PrintWriter out, Chain chain, TaskView client, String who)
            throws ChainException, ParticipantException {
        ParticipantInfo m = client.participantInfo(who);
        BigInteger credited = client.rewardsOf(who);
        String task = client.address().toLowerCase();
        out.println(who + " in task " + task + ": " + (m.joined() ? m.status().name().toLowerCase() : "not a participant")
                + ", stake " + Tasks.tokens(m.stake()) + " tokens, rewards " + Tasks.tokens(credited) + " tokens"
                + (credited.signum() > 0 ? " (withdraw with `fl withdraw --task " + task + " --rewards`)" : ""));
        Path path = Tasks.stateFile(connection, stateFile, chain.chainId(), task, who);
        if (!Files.exists(path)) {
            if (stateFile != null) {
                throw new Failures.UserException("no state file at " + path + ": check --state-file");
            }
            out.println("no state file at " + path + ": cannot tell which rounds it can still claim "
                    + "(pass --state-file FILE)");
            return;
        }
        List<RewardClaim> claims;
        try (StateFile state = StateFile.open(path, chain.chainId(), task, who)) {
            claims = RewardClaims.claimable(client, state, who);
        } catch (ParticipantException e) {
            if (stateFile != null) {
                throw e;
            }
            out.println("cannot tell which rounds it can still claim: " + e.getMessage());
            return;
        }
        if (claims.isEmpty()) {
            out.println("nothing left to claim (state file " + path + ")");
            return;
        }
        BigInteger total = BigInteger.ZERO;
        for (RewardClaim c : claims) {
            total = total.add(client.claimable(c.round(), c.weight()));
        }
        out.println("claimable: rounds " + ClaimCommand.rounds(claims.stream().map(RewardClaim::round).toList())
                + ", " + Tasks.tokens(total) + " tokens (claim with `fl claim --task " + task + "`)");
    }
}
