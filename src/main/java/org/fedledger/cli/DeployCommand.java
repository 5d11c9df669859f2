package org.fedledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskContracts;
import org.fedledger.deploy.Deployment;
import org.fedledger.deploy.TokenAmounts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl deploy}: puts FedLedger's contracts on any EVM chain (a task factory and, unless an
 * existing ERC-20 is named, a new stake token) and records where they are in the deployment
 * file that {@code fl task create} reads.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
    "Deploy FedLedger's contracts: a TaskFactory and, unless --token names an existing ERC-20, a new FedToken "
        + "owned by the deployer. Writes the addresses, the chain id and the factory's block to the deployment file "
        + "that `fl task create` reads.",
    "Signs with --keystore (or the config file's keystore). On a devnet, a chain whose id is " + DeployCommand.DEVNET_CHAIN_ID
        + " (FL_DEVNET_CHAIN_ID if set) as `fl devnet up` runs it, it signs with dev account 0 unless told otherwise."})
final class DeployCommand implements Callable<Integer> {
    /** The chain id of the local devnet (test-chain/start.sh), unless FL_DEVNET_CHAIN_ID says otherwise. */
    static final long DEVNET_CHAIN_ID = 1337;
    private static final String DEFAULT_TOKEN = "FedLedger Token:FLT";
    private static final int NEW_TOKEN_DECIMALS = 18;

    @Option(names = "--token", paramLabel = "ADDRESS",
            description = "Use this existing ERC-20 as the stake and reward token instead of deploying one.")
    String token;

    @Option(names = "--new-token", paramLabel = "NAME:SYMBOL",
            description = "Name and symbol of the FedToken to deploy (default: " + DEFAULT_TOKEN + ").")
    String newToken;

    @Option(names = "--mint", paramLabel = "ACCOUNT:TOKENS", description = "Mint TOKENS to ACCOUNT: a 0x address, "
            + "`deployer`, or `dev:K` (devnet account K). Repeatable. Needs a token the deployer owns, as a new one is.")
    List<String> mints = new ArrayList<>();

    @Option(names = "--deployment", paramLabel = "FILE", description = "Where to write the deployment "
            + "(env FL_DEPLOYMENT, config deployment; default: DATA_DIR/deployment.json).")
    Path deployment;

    @Option(names = "--force", description = "Replace an existing deployment file.")
    boolean force;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Spec
    CommandSpec spec;

    /** A {@code --mint} request: the account as written, and the amount as written. */
    private record Mint(String account, String tokens) {}

    @Override
    public Integer call() throws Exception {
        if (token != null && newToken != null) {
            throw new Failures.UserException("pass either --token (an existing token) or --new-token (a new one), not both");
        }
        if (token != null && !WalletUtils.isValidAddress(token)) {
            throw new Failures.UserException("--token " + token + " is not an address (0x and 40 hex digits)");
        }
        String[] nameAndSymbol = split("--new-token", newToken == null ? DEFAULT_TOKEN : newToken, "NAME:SYMBOL");
        List<Mint> requested = new ArrayList<>();
        for (String m : mints) {
            String[] parts = split("--mint", m, "ACCOUNT:TOKENS");
            TokenAmounts.parse("--mint amount", parts[1], NEW_TOKEN_DECIMALS);
            requested.add(new Mint(parts[0], parts[1]));
        }
        Path file = connection.deployment(deployment);
        if (Files.exists(file) && !force) {
            throw new Failures.UserException("deployment file " + file + " already exists: pass --force to replace it, "
                    + "or --deployment FILE to write another");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
            boolean devnet = isDevnet(chain.chainId());
            Credentials deployer = keys.credentials(devnet ? 0 : null);
            TaskContracts contracts = new TaskContracts(chain, deployer);
            List<String> recipients = new ArrayList<>();
            for (Mint m : requested) {
                recipients.add(account(m.account(), deployer, devnet, chain.chainId()));
            }
            String stakeToken = token;
            if (stakeToken != null) {
                checkExistingToken(contracts, chain.chainId(), deployer, !requested.isEmpty());
            } else {
                stakeToken = contracts.deployToken(nameAndSymbol[0], nameAndSymbol[1]);
            }
            TaskContracts.TokenInfo info = contracts.tokenInfo(stakeToken);
            List<BigInteger> amounts = new ArrayList<>();
            for (Mint m : requested) {
                amounts.add(TokenAmounts.parse("--mint amount", m.tokens(), info.decimals()));
            }
            TaskContracts.Deployed factory = contracts.deployFactoryInBlock();
            for (int i = 0; i < requested.size(); i++) {
                contracts.mint(stakeToken, recipients.get(i), amounts.get(i));
            }
            Deployment record = new Deployment(chain.chainId(), chain.rpcUrl().toString(), factory.address(),
                    stakeToken, deployer.getAddress(), factory.block(), Instant.now(), version());
            write(record, file);
            out.printf("Deployed on chain %d by %s, in block %s:%n", chain.chainId(), deployer.getAddress(), factory.block());
            out.printf("  factory  %s%n", factory.address());
            out.printf("  token    %s  %s (%s)%n", stakeToken, info.symbol(), token == null ? "new FedToken" : "existing");
            for (int i = 0; i < requested.size(); i++) {
                out.printf("  minted   %s %s to %s%n", TokenAmounts.format(amounts.get(i), info.decimals()), info.symbol(),
                        recipients.get(i));
            }
            out.println("Deployment written to " + file + "; next: fl task create --rounds R");
            out.flush();
            return 0;
        }
    }

    /** Whether {@code chainId} is the local devnet's, on which the deterministic dev accounts hold ether. */
    static boolean isDevnet(long chainId) {
        long devnet = DataDirOption.env("FL_DEVNET_CHAIN_ID").map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new Failures.UserException("FL_DEVNET_CHAIN_ID=" + v + " is not a chain id: fix or unset it");
            }
        }).orElse(DEVNET_CHAIN_ID);
        return chainId == devnet;
    }

    private void checkExistingToken(TaskContracts contracts, long chainId, Credentials deployer, boolean minting)
            throws Exception {
        if (!contracts.hasCode(token)) {
            throw new Failures.UserException("no contract at --token " + token + " on chain " + chainId
                    + ": check the address and --rpc-url");
        }
        if (minting) {
            String owner = contracts.tokenOwner(token).orElseThrow(() -> new Failures.UserException(
                    "--mint needs a token the deployer owns, and token " + token + " has no owner(): drop --mint"));
            if (!owner.equalsIgnoreCase(deployer.getAddress())) {
                throw new Failures.UserException("--mint needs a token the deployer owns: token " + token + " is owned by "
                        + owner + ", not " + deployer.getAddress());
            }
        }
    }

    private static String account(String account, Credentials deployer, boolean devnet, long chainId) {
        if (account.equals("deployer")) {
            return deployer.getAddress();
        }
        if (account.startsWith("dev:")) {
            if (!devnet) {
                throw new Failures.UserException("--mint " + account + " names a devnet account, and chain " + chainId
                        + " is not the devnet: name an address");
            }
            try {
                return DevAccounts.account(Integer.parseInt(account.substring(4))).getAddress();
            } catch (IllegalArgumentException e) {
                throw new Failures.UserException("--mint " + account + ": K in dev:K must be an account number from 0");
            }
        }
        if (!WalletUtils.isValidAddress(account)) {
            throw new Failures.UserException("--mint " + account + ": the account must be a 0x address, `deployer` or dev:K");
        }
        return account;
    }

    /** Splits "A:B" at its last colon, both sides non-blank. */
    private static String[] split(String option, String value, String shape) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1 || value.substring(0, colon).isBlank()) {
            throw new Failures.UserException(option + " " + value + ": expected " + shape);
        }
        return new String[] {value.substring(0, colon).strip(), value.substring(colon + 1).strip()};
    }

    private static void write(Deployment record, Path file) {
        try {
            record.write(file);
        } catch (IOException e) {
            throw new Failures.UserException("cannot write deployment file " + file + " (" + e.getClass().getSimpleName()
                    + "): the contracts are deployed at factory " + record.factory() + ", token " + record.token()
                    + "; check the path's permissions and pass --deployment FILE");
        }
    }

    static String version() {
        String version = Fl.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
