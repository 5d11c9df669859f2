package org.fedledger.bench;

import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.RoundPosition;
import org.fedledger.chain.TaskMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Measures the gas of a task's life per call and per participant-round: N participants run R
 * full rounds (commit, reveal, vote until the quorum finalizes) and then each claims all R
 * rounds in one transaction and withdraws. The headline figure is
 * (commits + reveals + votes + claims) / (N x R). Runs against any chain where the deployer
 * has ether; participants are fresh accounts funded by the deployer (funding is not counted).
 */
public final class GasBenchmark {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    /** What to measure. */
    public record Settings(List<Integer> participantCounts, int rounds, long seed) {
        public Settings {
            participantCounts = List.copyOf(participantCounts);
            if (participantCounts.isEmpty() || participantCounts.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("participant counts must be >= 1");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1");
            }
        }

        public static Settings defaults() {
            return new Settings(List.of(5, 10, 50), 5, 1);
        }
    }

    /** Mean gas per call at one participant count. */
    public record Row(int participants, int rounds, long commit, long reveal, long vote, long finalizingVote,
                      long votesPerRound, long claim, long withdraw, long perParticipantRound) {}

    /** All rows, with the N=50 vs N=10 ratio where both were measured. */
    public record Report(Settings settings, List<Row> rows) {
        public Report {
            rows = List.copyOf(rows);
        }

        public String toTable() {
            StringBuilder t = new StringBuilder();
            t.append("Gas per call (means) and per participant-round = (commit + reveal + vote + claim) / (N x R)\n\n");
            t.append("| N | rounds | commit | reveal | vote | finalizing vote | votes/round | claim (all rounds) "
                    + "| withdraw | per participant-round |\n");
            t.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                t.append(String.format("| %d | %d | %,d | %,d | %,d | %,d | %d | %,d | %,d | **%,d** |%n",
                        r.participants(), r.rounds(), r.commit(), r.reveal(), r.vote(), r.finalizingVote(),
                        r.votesPerRound(), r.claim(), r.withdraw(), r.perParticipantRound()));
            }
            Row ten = row(10);
            Row fifty = row(50);
            if (ten != null && fifty != null) {
                t.append(String.format("%nN=50 vs N=10: %+.2f%% per participant-round%n",
                        100.0 * (fifty.perParticipantRound() - ten.perParticipantRound()) / ten.perParticipantRound()));
            }
            return t.toString();
        }

        public String toJson() {
            return BenchJson.of(this);
        }

        private Row row(int n) {
            return rows.stream().filter(r -> r.participants() == n).findFirst().orElse(null);
        }
    }

    private final Chain chain;
    private final Credentials deployer;

    public GasBenchmark(Chain chain, Credentials deployer) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.deployer = Objects.requireNonNull(deployer, "deployer == null");
    }

    public Report run(Settings settings) throws ChainException {
        TaskContracts contracts = new TaskContracts(chain, deployer);
        String token = contracts.deployToken("FedLedger Bench", "FLB");
        String factory = contracts.deployFactory();
        List<Row> rows = new ArrayList<>();
        for (int n : settings.participantCounts()) {
            rows.add(measure(contracts, token, factory, n, settings.rounds(), new SplittableRandom(settings.seed() + n)));
        }
        return new Report(settings, rows);
    }

    private Row measure(TaskContracts contracts, String token, String factory, int n, int rounds, SplittableRandom random)
            throws ChainException {
        TaskRules terms = TaskRules.builder(token, rounds).registration(java.time.Duration.ZERO).build();
        BigInteger pool = TOKEN.multiply(BigInteger.valueOf(1_000L * rounds));
        contracts.mint(token, deployer.getAddress(), pool);
        String task = contracts.createTask(factory, terms, content(random), pool);
        List<TaskClient> clients = new ArrayList<>();
        BigInteger stake = terms.minStake().multiply(BigInteger.TEN);
        for (int i = 0; i < n; i++) {
            Credentials account = Credentials.create(ECKeyPair.create(new BigInteger(1, bytes(random, 32)).setBit(250)));
            fund(contracts, token, account, stake);
            TaskClient client = new TaskClient(chain, account, task);
            client.join(stake);
            clients.add(client);
        }
        new TaskClient(chain, deployer, task).advance(); // registration (0 s) -> round 1

        Totals totals = new Totals();
        List<List<RewardClaim>> claims = new ArrayList<>();
        clients.forEach(c -> claims.add(new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            playRound(clients, task, round, random, totals, claims);
        }
        long claimGas = 0;
        long withdrawGas = 0;
        for (int i = 0; i < n; i++) {
            claimGas += gas(clients.get(i).claim(claims.get(i)));
            withdrawGas += gas(clients.get(i).withdrawRewards());
        }
        long perParticipantRound = (totals.commit + totals.reveal + totals.vote + claimGas) / ((long) n * rounds);
        return new Row(n, rounds, totals.commit / ((long) n * rounds), totals.reveal / ((long) n * rounds),
                totals.votes == 0 ? 0 : totals.vote / totals.votes, totals.finalizingVote / rounds,
                totals.votes / rounds, claimGas / n, withdrawGas / n, perParticipantRound);
    }

    private static final class Totals {
        long commit;
        long reveal;
        long vote;
        long votes;
        long finalizingVote;
    }

    private void playRound(List<TaskClient> clients, String task, long round, SplittableRandom random, Totals totals,
                           List<List<RewardClaim>> claims) throws ChainException {
        List<Cid> updates = new ArrayList<>();
        List<byte[]> salts = new ArrayList<>();
        List<Contribution> contributions = new ArrayList<>();
        for (TaskClient c : clients) {
            Cid update = Cid.of(Cid.RAW, bytes(random, 32));
            byte[] salt = bytes(random, 32);
            long samples = samples(c);
            updates.add(update);
            salts.add(salt);
            contributions.add(new Contribution(c.account(), true, samples));
            totals.commit += gas(c.commit(TaskClient.commitment(update.digest(), samples, salt, c.account(), task, round)));
        }
        for (int i = 0; i < clients.size(); i++) {
            TaskClient c = clients.get(i);
            totals.reveal += gas(c.reveal(updates.get(i), samples(c), salts.get(i)));
        }
        WeightsTree tree = new WeightsTree(contributions);
        Cid aggregate = Cid.of(Cid.RAW, bytes(random, 32));
        for (TaskClient c : clients) {
            long gas = gas(c.vote(aggregate, tree.root(), tree.totalWeight()));
            totals.vote += gas;
            totals.votes++;
            RoundPosition now = c.position();
            if (now.round() != round || now.phase() == TaskPhase.COMPLETED) {
                totals.finalizingVote += gas;
                break;
            }
        }
        for (int i = 0; i < clients.size(); i++) {
            String account = clients.get(i).account();
            claims.get(i).add(new RewardClaim(round, tree.contributionOf(account).weight(), tree.proof(account)));
        }
    }

    /** A stable per-participant sample count, within the bond the stake allows. */
    private static long samples(TaskClient c) {
        return 500 + Math.floorMod(c.account().hashCode(), 500);
    }

    private void fund(TaskContracts contracts, String token, Credentials account, BigInteger stake) throws ChainException {
        BenchDeployment.fundEther(chain, deployer, account.getAddress());
        contracts.mint(token, account.getAddress(), stake);
    }

    private static TaskMetadata content(SplittableRandom random) {
        return new TaskMetadata(Cid.of(Cid.RAW, bytes(random, 32)), Cid.of(Cid.RAW, bytes(random, 32)),
                null, new byte[0]);
    }

    private static long gas(TransactionReceipt receipt) {
        return receipt.getGasUsed().longValueExact();
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }
}
