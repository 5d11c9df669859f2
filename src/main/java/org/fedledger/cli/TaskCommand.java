package org.fedledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskView;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskRules;
import org.fedledger.deploy.Deployment;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.deploy.TokenAmounts;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.task.TaskPolicy;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fl task ...}: create a funded task in a deployed factory, and list a factory's tasks. */
@Command(name = "task", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Create a task, or list the tasks of a factory.",
        subcommands = {TaskCommand.Create.class, TaskCommand.ListTasks.class})
final class TaskCommand {
    private static final TaskRules DEFAULTS = TaskRules.defaults("0x0000000000000000000000000000000000000000", 1);
    private static final int DEFAULT_POOL_PER_ROUND = 1_000;

    /** The factory a task command works with: its flag, else the deployment file that {@code fl deploy} wrote. */
    static final class Factory {
        @Option(names = "--factory", paramLabel = "ADDRESS",
                description = "The TaskFactory (default: the deployment file's).")
        String factory;

        @Option(names = "--deployment", paramLabel = "FILE", description = "The deployment file `fl deploy` wrote "
                + "(env FL_DEPLOYMENT, config deployment; default: DATA_DIR/deployment.json).")
        Path deployment;

        /** A factory and its token; {@code file} is the deployment file they came from, if any. */
        record Target(String factory, String token, Path file) {}

        /** The factory and (with {@code tokenFlag} or from the deployment file) the token, checked against the chain. */
        Target resolve(ConnectionOptions connection, TaskContracts contracts, long chainId, String tokenFlag,
                       boolean needToken) throws ChainException {
            String factoryAddress = address("--factory", factory);
            String tokenAddress = address("--token", tokenFlag);
            Path file = null;
            if (factoryAddress == null || (needToken && tokenAddress == null)) {
                file = connection.deployment(deployment);
                Deployment recorded = read(file, needToken);
                if (recorded.chainId() != chainId) {
                    throw new Failures.UserException("deployment file " + file + " is for chain " + recorded.chainId()
                            + ", the node is on chain " + chainId + ": check --rpc-url, or pass --deployment FILE");
                }
                factoryAddress = factoryAddress != null ? factoryAddress : recorded.factory();
                tokenAddress = tokenAddress != null ? tokenAddress : recorded.token();
            }
            String stale = file == null ? "check the address and --rpc-url"
                    : "the deployment file " + file + " is stale (was the chain reset?): run `fl deploy --force`";
            if (!contracts.hasCode(factoryAddress)) {
                throw new Failures.UserException("no contract at factory " + factoryAddress + " on chain " + chainId + ": " + stale);
            }
            if (needToken && !contracts.hasCode(tokenAddress)) {
                throw new Failures.UserException("no contract at token " + tokenAddress + " on chain " + chainId + ": " + stale);
            }
            return new Target(factoryAddress, tokenAddress, file);
        }

        private static Deployment read(Path file, boolean needToken) {
            try {
                return Deployment.read(file);
            } catch (NoSuchFileException e) {
                throw new Failures.UserException("no deployment file " + file + ": run `fl deploy` first or pass --factory "
                        + "ADDRESS" + (needToken ? " --token ADDRESS" : ""));
            } catch (IOException e) {
                throw new Failures.UserException("cannot read deployment file " + file + " (" + e.getClass().getSimpleName()
                        + "): check the path and the file's permissions");
            }
        }

        private static String address(String option, String value) {
            if (value != null && !WalletUtils.isValidAddress(value)) {
                throw new Failures.UserException(option + " " + value + " is not an address (0x and 40 hex digits)");
            }
            return value;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Create a funded task: publish the model spec and its initial weights to IPFS, approve the factory for the "
            + "reward pool and create the task with these rules. Prints the task's address and the block it was "
            + "created in, which participants pass as --from-block.",
        "Amounts are in tokens (decimals allowed), durations in seconds, fractions in basis points (1/10,000). "
            + "On the devnet (chain id " + DeployCommand.DEVNET_CHAIN_ID + ") it signs with dev account 0 unless told otherwise."})
    static final class Create implements Callable<Integer> {
        @Option(names = "--rounds", required = true, paramLabel = "R", description = "Rounds, 1..16777214.")
        int rounds;

        @Option(names = "--model", paramLabel = "NAME", description = "Model: " + ModelSpecs.NAMES + " (default: ${DEFAULT-VALUE}).")
        String model = "mlp";

        @Option(names = "--rule", paramLabel = "SPEC", description = "Aggregation rule: " + AggregationRules.SPECS
                + " (default: ${DEFAULT-VALUE}).")
        String rule = "fedavg";

        @Option(names = "--pool", paramLabel = "TOKENS", description = "Reward pool, paid by the creator (default: "
                + DEFAULT_POOL_PER_ROUND + " per round).")
        String pool;

        @Option(names = "--token", paramLabel = "ADDRESS", description = "Stake and reward token (default: the deployment file's).")
        String token;

        @Option(names = "--min-stake", paramLabel = "TOKENS", description = "Smallest stake to join (default: ${DEFAULT-VALUE}).")
        String minStake = TokenAmounts.format(DEFAULTS.minStake(), 18);

        @Option(names = "--stake-per-sample", paramLabel = "TOKENS",
                description = "Stake bonded per claimed training sample (default: ${DEFAULT-VALUE}).")
        String stakePerSample = TokenAmounts.format(DEFAULTS.stakePerSample(), 18);

        @Option(names = "--sample-cap", paramLabel = "N", description = "Largest sample count a participant may claim (default: ${DEFAULT-VALUE}).")
        long sampleCap = DEFAULTS.sampleCap();

        @Option(names = "--registration", paramLabel = "SECONDS", description = "Time from creation until round 1 may start (default: ${DEFAULT-VALUE}).")
        long registration = DEFAULTS.registration().toSeconds();

        @Option(names = "--commit", paramLabel = "SECONDS", description = "Commit phase length (default: ${DEFAULT-VALUE}).")
        long commit = DEFAULTS.commit().toSeconds();

        @Option(names = "--reveal", paramLabel = "SECONDS", description = "Reveal phase length (default: ${DEFAULT-VALUE}).")
        long reveal = DEFAULTS.reveal().toSeconds();

        @Option(names = "--vote", paramLabel = "SECONDS", description = "Vote phase length (default: ${DEFAULT-VALUE}).")
        long vote = DEFAULTS.vote().toSeconds();

        @Option(names = "--leave-cooldown", paramLabel = "SECONDS", description = "Reporting window after a leaver's last round (default: ${DEFAULT-VALUE}).")
        long leaveCooldown = DEFAULTS.leaveCooldown().toSeconds();

        @Option(names = "--quorum", paramLabel = "BPS", description = "Share of revealed stake that finalizes a round, 5001..10000 (default: ${DEFAULT-VALUE}).")
        int quorum = DEFAULTS.quorumBps();

        @Option(names = "--min-revealers", paramLabel = "N", description = "A round with fewer reveals fails (default: ${DEFAULT-VALUE}).")
        int minRevealers = DEFAULTS.minRevealers();

        @Option(names = "--miss-tolerance", paramLabel = "N", description = "Consecutive missed rounds tolerated (default: ${DEFAULT-VALUE}).")
        int missTolerance = DEFAULTS.missTolerance();

        @Option(names = "--slash-no-reveal", paramLabel = "BPS", description = "Slash for a commit never revealed (default: ${DEFAULT-VALUE}).")
        int slashNoReveal = DEFAULTS.noRevealSlashBps();

        @Option(names = "--slash-rejected", paramLabel = "BPS", description = "Slash for an update the outcome rejected (default: ${DEFAULT-VALUE}).")
        int slashRejected = DEFAULTS.rejectedSlashBps();

        @Option(names = "--slash-wrong-vote", paramLabel = "BPS", description = "Slash for a vote against the outcome (default: ${DEFAULT-VALUE}).")
        int slashWrongVote = DEFAULTS.wrongVoteSlashBps();

        @Option(names = "--slash-missed-rounds", paramLabel = "BPS", description = "Slash for missing more rounds than tolerated (default: ${DEFAULT-VALUE}).")
        int slashMissedRounds = DEFAULTS.missedRoundsSlashBps();

        @Option(names = "--reporter-bounty", paramLabel = "BPS", description = "Reporter's share of a reported slash (default: ${DEFAULT-VALUE}).")
        int reporterBounty = DEFAULTS.reporterBountyBps();

        @Mixin
        DpOptions dp = new DpOptions();

        @Option(names = "--encrypt", description = "Encrypt updates and aggregates on IPFS (AES-256-GCM) for the "
                + "task's participants and its creator; the initial model stays plaintext.")
        boolean encrypt;

        @Mixin
        Factory target = new Factory();

        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Mixin
        KeyOptions keys = new KeyOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModelSpec modelSpec = ModelSpecs.get(model);
            TaskPolicy policy = new TaskPolicy(rule, dp.policy(rounds), encrypt);
            PrintWriter out = spec.commandLine().getOut();
            try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
                Credentials creator = keys.credentials(DeployCommand.isDevnet(chain.chainId()) ? 0 : null);
                TaskContracts contracts = new TaskContracts(chain, creator);
                Factory.Target where = target.resolve(connection, contracts, chain.chainId(), token, true);
                TaskContracts.TokenInfo info = contracts.tokenInfo(where.token());
                TaskRules terms = terms(where.token(), info.decimals());
                BigInteger rewardPool = pool == null
                        ? BigInteger.TEN.pow(info.decimals()).multiply(BigInteger.valueOf((long) DEFAULT_POOL_PER_ROUND * rounds))
                        : TokenAmounts.parse("--pool", pool, info.decimals());
                BigInteger balance = contracts.balanceOf(where.token(), creator.getAddress());
                if (balance.compareTo(rewardPool) < 0) {
                    throw new Failures.UserException("creator " + creator.getAddress() + " holds "
                            + TokenAmounts.format(balance, info.decimals()) + " " + info.symbol() + ", the pool needs "
                            + TokenAmounts.format(rewardPool, info.decimals()) + " " + info.symbol()
                            + ": mint or transfer tokens to it, or lower --pool");
                }
                IpfsRpcClient ipfs = new IpfsRpcClient(connection.ipfsApi());
                ipfs.version(); // fails with one line if the node is unreachable, before any transaction
                BigInteger before = chain.blockNumber();
                TaskPublisher.Published task;
                try {
                    task = new TaskPublisher(contracts, new ModelStore(ipfs))
                            .publish(where.factory(), terms, modelSpec, policy, rewardPool);
                } catch (ContractRevertException e) {
                    throw FactoryRefusals.explained(e, terms);
                }
                BigInteger block = contracts.creationBlock(where.factory(), task.task(), before);
                out.printf("Task %s created in block %s on chain %d%n", task.task(), block, chain.chainId());
                out.printf("  factory %s, token %s (%s)%n", where.factory(), where.token(), info.symbol());
                out.printf("  model %s (spec %s, initial weights %s), rule %s, %d rounds%n", modelSpec.name(),
                        task.modelSpec(), task.initialModel(), policy.ruleSpec(), rounds);
                if (policy.privacy().isPresent()) {
                    DpPolicy p = policy.privacy().get();
                    out.printf("  differential privacy: clip norm %s, noise multiplier %s, delta %s; epsilon budget %s "
                                    + "(epsilon %s after all %d rounds; %d rounds fit)%n", TaskPolicy.format(p.clipNorm()),
                            TaskPolicy.format(p.noiseMultiplier()), TaskPolicy.format(p.delta()),
                            TaskPolicy.format(p.epsilonBudget()), TaskPolicy.format(p.spentAfter(rounds).epsilon()),
                            rounds, p.roundsWithinBudget());
                }
                if (encrypt) {
                    out.printf("  encrypted: updates and aggregates on IPFS are AES-256-GCM ciphertext for the "
                            + "participants and the creator %s%n", creator.getAddress());
                }
                out.printf("  pool %s %s; min stake %s, %s per sample; registration %d s, commit/reveal/vote %d/%d/%d s%n",
                        TokenAmounts.format(rewardPool, info.decimals()), info.symbol(),
                        TokenAmounts.format(terms.minStake(), info.decimals()),
                        TokenAmounts.format(terms.stakePerSample(), info.decimals()), registration, commit, reveal, vote);
                out.printf("Participants join with: fl participant run --task %s --from-block %s%n", task.task(), block);
                out.flush();
                return 0;
            }
        }

        private TaskRules terms(String stakeToken, int decimals) {
            TaskRules terms = TaskRules.builder(stakeToken, rounds)
                    .minStake(TokenAmounts.parse("--min-stake", minStake, decimals))
                    .stakePerSample(TokenAmounts.parse("--stake-per-sample", stakePerSample, decimals))
                    .sampleCap(sampleCap)
                    .registration(seconds(registration))
                    .phases(seconds(commit), seconds(reveal), seconds(vote))
                    .leaveCooldown(seconds(leaveCooldown))
                    .quorumBps(quorum)
                    .minRevealers(minRevealers)
                    .missTolerance(missTolerance)
                    .slashBps(slashNoReveal, slashRejected, slashWrongVote, slashMissedRounds)
                    .reporterBountyBps(reporterBounty)
                    .build();
            FactoryRefusals.checkEncodable(terms);
            return terms;
        }

        private static Duration seconds(long value) {
            return Duration.ofSeconds(value);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "List the factory's tasks, oldest first, with their round and phase.")
    static final class ListTasks implements Callable<Integer> {
        @Option(names = "--offset", paramLabel = "N", description = "Skip the first N tasks (default: ${DEFAULT-VALUE}).")
        long offset = 0;

        @Option(names = "--limit", paramLabel = "N", description = "Show at most N tasks (default: ${DEFAULT-VALUE}).")
        int limit = 20;

        @Mixin
        Factory target = new Factory();

        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (offset < 0 || limit < 1) {
                throw new Failures.UserException("--offset must be at least 0 and --limit at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Chain chain = Chain.connect(connection.rpcUrl(), connection.chainId())) {
                TaskContracts contracts = new TaskContracts(chain);
                Factory.Target where = target.resolve(connection, contracts, chain.chainId(), null, false);
                long count = contracts.taskCount(where.factory());
                List<String> page = contracts.tasks(where.factory(), offset, limit);
                if (page.isEmpty()) {
                    out.printf("Factory %s on chain %d has %d task%s%s%n", where.factory(), chain.chainId(), count,
                            count == 1 ? "" : "s", count == 0 ? ": create one with fl task create --rounds R" : " (none from --offset " + offset + ")");
                    out.flush();
                    return 0;
                }
                out.printf("Factory %s on chain %d: tasks %d-%d of %d%n", where.factory(), chain.chainId(), offset + 1,
                        offset + page.size(), count);
                out.printf("  %-5s %-42s %7s %6s  %-12s %12s%n", "#", "task", "rounds", "round", "phase", "participants");
                for (int i = 0; i < page.size(); i++) {
                    TaskView task = new TaskView(chain, page.get(i));
                    RoundPosition position = task.position();
                    out.printf("  %-5d %-42s %7d %6d  %-12s %12d%n", offset + i + 1, page.get(i), task.rules().numRounds(),
                            position.round(), position.phase().name().toLowerCase(), task.participantCount());
                }
                out.flush();
                return 0;
            }
        }
    }
}
