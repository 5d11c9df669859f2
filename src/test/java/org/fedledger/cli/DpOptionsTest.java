package org.fedledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.task.TaskPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fl task create --dp-*}: from a budget to the policy a task stores, and the mistakes, before any chain. */
class DpOptionsTest {
    @TempDir
    Path dir;

    private static DpOptions options(String epsilon, String delta, String clip, String noise) {
        DpOptions o = new DpOptions();
        o.epsilon = epsilon;
        o.delta = delta;
        o.clip = clip;
        o.noise = noise;
        return o;
    }

    @Test
    void noOptionIsNoPolicy() {
        assertThat(options(null, null, null, null).policy(5)).isEmpty();
    }

    @Test
    void aBudgetBecomesTheLeastNoiseForTheRoundsRoundedUpToNineDigits() {
        DpPolicy policy = options("10", "1e-5", "1", null).policy(5).orElseThrow();

        assertThat(policy).isEqualTo(TaskPolicy.canonical(DpPolicy.forBudget(1, 10, 1e-5, 5)));
        assertThat(policy.noiseMultiplier()).isEqualTo(1.18421773);
        assertThat(policy.roundsWithinBudget()).isEqualTo(5);
        assertThat(policy.spentAfter(5).epsilon()).isLessThanOrEqualTo(10);
    }

    @Test
    void anExplicitNoiseIsKeptIfTheBudgetCoversTheRounds() {
        assertThat(options("10", "0.00001", "0.5", "2").policy(5)).contains(new DpPolicy(0.5, 2, 1e-5, 10));
        assertThatThrownBy(() -> options("10", "1e-5", "1", "1").policy(5))
                .isInstanceOf(Failures.UserException.class)
                .hasMessageStartingWith("--dp-noise 1 spends epsilon ")
                .hasMessageEndingWith(" in 5 rounds, over --dp-epsilon 10, which covers 3: raise --dp-noise to "
                        + "1.18421773 or more, raise --dp-epsilon, or lower --rounds to 3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "10  | -      | 1   | -   | differential privacy needs --dp-epsilon, --dp-delta and --dp-clip together",
        "-   | -      | -   | 2   | differential privacy needs --dp-epsilon, --dp-delta and --dp-clip together",
        "ten | 1e-5   | 1   | -   | --dp-epsilon 'ten' is not a number",
        "0   | 1e-5   | 1   | -   | --dp-epsilon must be positive",
        "10  | 0.01   | 1   | -   | --dp-delta 0.01 is too large to protect anyone",
        "10  | 1e-5   | -1  | -   | --dp-clip must be positive",
        "10  | 1e-5   | 1   | 1.2345678912 | --dp-noise 1.2345678912 has more than 9 significant digits"})
    void mistakesSayWhatToPass(String epsilon, String delta, String clip, String noise, String message) {
        assertThatThrownBy(() -> options(epsilon, delta, clip, noise).policy(5))
                .isInstanceOf(Failures.UserException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void taskCreateRefusesABadPolicyOnOneLineBeforeConnecting() {
        StringWriter err = new StringWriter();
        int code = Fl.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("task", "create", "--data-dir", dir.toString(), "--rpc-url", "http://127.0.0.1:1",
                        "--rounds", "5", "--dp-epsilon", "10", "--dp-delta", "1e-5");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fl: differential privacy needs --dp-epsilon, --dp-delta and --dp-clip "
                + "together, e.g. --dp-epsilon 10 --dp-delta 1e-5 --dp-clip 1\n");
    }
}
