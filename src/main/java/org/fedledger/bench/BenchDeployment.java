package org.fedledger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.federation.Contracts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * What a benchmark's tasks share on one devnet: a stake token and a task factory deployed by dev
 * account 0 (which then creates and funds the tasks), and a directory for the participants' state
 * files and logs, which it names in the progress output.
 */
record BenchDeployment(Contracts contracts, Path stateDir) {
    static BenchDeployment deploy(Chain chain, String benchmark, PrintWriter progress)
            throws ChainException, IOException {
        Contracts contracts = Contracts.deploy(chain, "FedLedger Bench", "FLB");
        Path stateDir = Files.createTempDirectory("fl-bench-" + benchmark + "-");
        progress.printf("  participant logs and state files: %s%n", stateDir);
        progress.flush();
        return new BenchDeployment(contracts, stateDir);
    }

    /** The stake token's address. */
    String token() {
        return contracts.token();
    }

    /** {@code train} split {@code split} ways ({@link Partitioners}) into {@code n} parts, one per participant. */
    static List<Dataset> parts(Dataset train, String split, long seed, int n) {
        List<Dataset> parts = new ArrayList<>();
        for (int[] part : Partitioners.parse(split, seed).partition(train, n)) {
            parts.add(train.subset(part));
        }
        return parts;
    }

    /**
     * {@code n} fresh accounts, derived from {@code label} (the same label gives the same
     * accounts), each sent one ether by dev account 0 for gas: a devnet funds only a few dev
     * accounts ({@link DevAccounts#FUNDED}), and benchmarks need more. Their keys are test keys,
     * for the benchmark's own devnet.
     */
    static List<Credentials> freshAccounts(Chain chain, String label, int n) throws ChainException {
        List<Credentials> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = Hash.sha3((label + "/" + i).getBytes(StandardCharsets.UTF_8));
            Credentials account = Credentials.create(ECKeyPair.create(new BigInteger(1, key)));
            fundEther(chain, DevAccounts.account(0), account.getAddress());
            accounts.add(account);
        }
        return accounts;
    }

    /** Sends {@code address} one ether from {@code funder}, for gas. */
    static void fundEther(Chain chain, Credentials funder, String address) throws ChainException {
        try {
            new Transfer(chain.web3j(), chain.transactionManager(funder))
                    .sendFunds(address, BigDecimal.ONE, Convert.Unit.ETHER).send();
        } catch (Exception e) {
            throw new ChainException("funding " + address + " with ether failed: " + e.getMessage(), e);
        }
    }
}
