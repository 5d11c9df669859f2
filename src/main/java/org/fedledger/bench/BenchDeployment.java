package org.fedledger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskContracts;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;

/**
 * What a benchmark's tasks share on one devnet: a stake token and a task factory deployed by dev
 * account 0 (which then creates and funds the tasks), and a directory for the participants' state
 * files and logs, which it names in the progress output.
 */
record BenchDeployment(TaskContracts contracts, String token, String factory, Path stateDir) {
    static BenchDeployment deploy(Chain chain, String benchmark, PrintWriter progress)
            throws ChainException, IOException {
        TaskContracts contracts = new TaskContracts(chain, DevAccounts.account(0));
        String token = contracts.deployToken("FedLedger Bench", "FLB");
        String factory = contracts.deployFactory();
        Path stateDir = Files.createTempDirectory("fl-bench-" + benchmark + "-");
        progress.printf("  participant logs and state files: %s%n", stateDir);
        progress.flush();
        return new BenchDeployment(contracts, token, factory, stateDir);
    }

    /** {@code train} split {@code split} ways ({@link Partitioners}) into {@code n} parts, one per participant. */
    static List<Dataset> parts(Dataset train, String split, long seed, int n) {
        List<Dataset> parts = new ArrayList<>();
        for (int[] part : Partitioners.parse(split, seed).partition(train, n)) {
            parts.add(train.subset(part));
        }
        return parts;
    }
}
