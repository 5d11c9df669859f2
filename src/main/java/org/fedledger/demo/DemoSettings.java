package org.fedledger.demo;

import java.util.Objects;

/**
 * What the demo runs: how many participants (the last {@code attackers} of them poison their
 * updates by sign flipping), rounds, data set and split, model, aggregation rule and local
 * epochs. A null model or rule is chosen by the demo: the MLP for 28x28 images (else a tabular
 * MLP), FedAvg without attackers and Multi-Krum against them.
 */
public record DemoSettings(int participants, int attackers, int rounds, String data, String split, String model,
                           String rule, int epochs, long seed) {
    /** Ganache's deterministic accounts: 0 deploys, 1..19 take part. */
    public static final int MAX_PARTICIPANTS = 19;

    public DemoSettings {
        Objects.requireNonNull(data, "data == null");
        Objects.requireNonNull(split, "split == null");
        if (participants < 1 || participants > MAX_PARTICIPANTS) {
            throw new IllegalArgumentException("--participants must be between 1 and " + MAX_PARTICIPANTS
                    + " (the devnet's accounts), not " + participants);
        }
        if (attackers < 0 || attackers >= participants) {
            throw new IllegalArgumentException("--attackers must be between 0 and " + (participants - 1)
                    + " (someone must be honest), not " + attackers);
        }
        if (rounds < 1 || rounds > 1_000) {
            throw new IllegalArgumentException("--rounds must be between 1 and 1000, not " + rounds);
        }
        if (epochs < 1 || epochs > 100) {
            throw new IllegalArgumentException("--epochs must be between 1 and 100, not " + epochs);
        }
    }

    /** Six participants, one of them malicious, five rounds, MNIST subset split by Dirichlet(0.5), the rule chosen for the attackers. */
    public static DemoSettings defaults() {
        return new DemoSettings(6, 1, 5, "mnist", "dirichlet:0.5", null, null, 1, 1);
    }

    public int honest() {
        return participants - attackers;
    }

    /** Whether participant {@code i} (1-based) is an attacker: the last {@code attackers} are. */
    public boolean isAttacker(int i) {
        return i > participants - attackers;
    }
}
