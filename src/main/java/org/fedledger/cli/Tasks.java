package org.fedledger.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.NotATaskException;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskView;
import org.fedledger.deploy.TokenAmounts;
import org.web3j.crypto.Credentials;

/**
 * What the commands about one task and one account ({@code status}, {@code rewards},
 * {@code claim}, {@code withdraw}, {@code leave}) share: finding the task, the chain's clock,
 * and amounts and times as people read them.
 */
final class Tasks {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Tasks() {}

    /** Refuses anything but a 0x-prefixed 20-byte hex address, naming the option. */
    static String checkAddress(String address, String option) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new Failures.UserException(option + " '" + address + "' is not an address (0x and 40 hex digits)");
        }
        return address.toLowerCase();
    }

    static String checkAddress(String task) {
        return checkAddress(task, "--task");
    }

    /** A read-only view of the task at {@code task}, once a FedLedger task is known to live there. */
    static TaskView open(Chain chain, String task) throws ChainException {
        String address = checkAddress(task);
        try {
            return TaskView.open(chain, address);
        } catch (NotATaskException e) {
            throw noTask(chain, address, e);
        }
    }

    /**
     * A client of the task at {@code task} signing with {@code signer}, once a FedLedger task
     * is known to live there ({@link TaskClient#open}).
     */
    static TaskClient open(Chain chain, String task, Credentials signer) throws ChainException {
        String address = checkAddress(task);
        try {
            return TaskClient.open(chain, signer, address);
        } catch (NotATaskException e) {
            throw noTask(chain, address, e);
        }
    }

    private static ChainException noTask(Chain chain, String address, NotATaskException e) {
        return new ChainException("no FedLedger task at " + address + " on chain " + chain.chainId()
                + ": check --task and --rpc-url"
                + (e.contractThere() ? " (the contract there has no rules() view)" : ""), e);
    }

    /** Where a participant's state file is unless {@code --state-file} says otherwise (as {@code fl participant run}). */
    static Path stateFile(ConnectionOptions connection, Path explicit, long chainId, String task, String account) {
        return explicit != null ? explicit : connection.dataDir().resolve("participants")
                .resolve(chainId + "-" + task.toLowerCase() + "-" + account.toLowerCase() + ".json");
    }

    /** An amount in the token's base units as tokens of 18 decimals, e.g. {@code 1500.25}. */
    static String tokens(BigInteger amount) {
        return TokenAmounts.format(amount, 18);
    }

    /** A unix time as {@code 2025-01-31 12:00:00 UTC}. */
    static String utc(long unixSeconds) {
        return UTC.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** A unix time and how far it is from the chain's clock {@code now}, e.g. {@code ... UTC (in 600 s)}. */
    static String when(long unixSeconds, long now) {
        long left = unixSeconds - now;
        return utc(unixSeconds) + (left > 0 ? " (in " + left + " s by the chain's clock)" : " (now)");
    }
}
