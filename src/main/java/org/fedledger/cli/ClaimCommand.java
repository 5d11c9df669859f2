package org.fedledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.RewardClaim;
import org.fedledger.keys.KeyException;
import org.fedledger.participant.ParticipantException;
import org.fedledger.participant.RewardClaims;
import org.fedledger.participant.StateFile;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl claim}: claims the rewards of every finalized round the signing account can still
 * claim, from the outcomes its participant computed (its state file), up to 50 rounds per
 * transaction. A running participant claims by itself; this is for one that stopped early.
 */
@Command(name = "claim", description = {
    "Claim the rewards of every finalized round this account earned and has not claimed, using the outcomes "
        + "in its participant state file; they are credited to its rewards balance (then `fl withdraw`).",
    "Stop the account's participant first: the state file is locked while it runs."})
final class ClaimCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "ADDRESS", description = "The task contract.")
    String task;

    @Option(names = "--state-file", paramLabel = "FILE", description = "The account's participant state file "
            + "(default: DATA_DIR/participants/CHAIN-TASK-ACCOUNT.json).")
    Path stateFile;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ChainException, KeyException, ParticipantException {
        String address = Tasks.checkAddress(task);
        Credentials key = keys.credentials(null);
        String account = key.getAddress().toLowerCase();
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            TaskClient client = Tasks.open(chain, address, key);
            Path path = Tasks.stateFile(connection, stateFile, chain.chainId(), address, account);
            if (!Files.exists(path)) {
                throw new Failures.UserException("no state file at " + path + " for " + account + " in task " + address
                        + ": claims need the outcomes its participant computed; pass --state-file FILE");
            }
            try (StateFile state = StateFile.open(path, chain.chainId(), address, account)) {
                List<RewardClaim> claims = RewardClaims.claimable(client, state, account);
                if (claims.isEmpty()) {
                    throw new Failures.UserException("nothing to claim for " + account + " in task " + address + ": "
                            + whyNothing(state, client.rewardsOf(account), address));
                }
                for (RewardClaim c : claims) {
                    out.println("round " + c.round() + ": weight " + c.weight() + ", "
                            + Tasks.tokens(client.claimable(c.round(), c.weight())) + " tokens");
                }
                RewardClaims.claim(client, claims, batch -> {
                    out.println("claimed rounds " + rounds(batch.rounds()) + ": credited "
                            + Tasks.tokens(batch.amount()) + " tokens");
                    out.flush();
                });
            }
            out.println("rewards of " + account + ": " + Tasks.tokens(client.rewardsOf(account))
                    + " tokens; withdraw them with `fl withdraw --task " + address + " --rewards`");
        }
        return 0;
    }

    private static String whyNothing(StateFile state, BigInteger credited, String task) {
        boolean anyOutcome = state.rounds().values().stream().anyMatch(e -> e.outcome() != null);
        String why = anyOutcome
                ? "every round in " + state.path() + " is claimed already, not finalized yet, or earned it nothing"
                : "the state file " + state.path() + " records no round outcome (rewards follow the outcomes "
                        + "this account voted for)";
        return why + (credited.signum() > 0 ? "; its " + Tasks.tokens(credited) + " credited tokens can be "
                + "withdrawn with `fl withdraw --task " + task + " --rewards`" : "");
    }

    /** Rounds as people read them: {@code 1-3, 5}. */
    static String rounds(List<Long> rounds) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rounds.size(); ) {
            int j = i;
            while (j + 1 < rounds.size() && rounds.get(j + 1) == rounds.get(j) + 1) {
                j++;
            }
            parts.add(j == i ? String.valueOf(rounds.get(i)) : rounds.get(i) + "-" + rounds.get(j));
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
