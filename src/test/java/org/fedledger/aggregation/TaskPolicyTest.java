package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.fedledger.privacy.DpPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy text a task stores in its aggregationParams: the rule's parameters, then key=value lines. */
class TaskPolicyTest {
    private static final DpPolicy POLICY = new DpPolicy(1, 1.18421773, 1e-5, 10);
    private static final String TEXT = "f=1,m=3\ndp=clip:1,noise:1.18421773,delta:0.00001,epsilon:10";

    @Test
    void aPolicyRoundTripsThroughItsCanonicalText() {
        TaskPolicy policy = new TaskPolicy("f=1,m=3", Optional.of(POLICY));

        assertThat(policy.encode()).isEqualTo(TEXT);
        assertThat(TaskPolicy.decode(TEXT)).isEqualTo(policy);
        assertThat(TaskPolicy.decode(TEXT + "\n")).isEqualTo(policy);
        assertThat(new TaskPolicy("", Optional.of(new DpPolicy(0.25, 3, 1e-12, 1000))).encode())
                .isEqualTo("\ndp=clip:0.25,noise:3,delta:0.000000000001,epsilon:1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "f=1,m=3", " 5.0 ", "k=2\n", "0.2\n\n  \n", "f=1\rm=2"})
    void aTextWithoutFurtherLinesIsTheRulesParametersAsBefore(String text) {
        TaskPolicy policy = TaskPolicy.decode(text);

        assertThat(policy.ruleParams()).isEqualTo(text.strip());
        assertThat(policy.privacy()).isEmpty();
        assertThat(policy.encode()).isEqualTo(text.strip());
    }

    @Test
    void canonicalRoundsTheNoiseUpAndTheBudgetDownToNineDigits() {
        DpPolicy computed = DpPolicy.forBudget(1, 10, 1e-5, 5); // z = 1.18421772867...

        DpPolicy canonical = TaskPolicy.canonical(computed);

        assertThat(canonical.noiseMultiplier()).isEqualTo(1.18421773).isGreaterThanOrEqualTo(computed.noiseMultiplier());
        assertThat(canonical.spentAfter(5).epsilon()).isLessThanOrEqualTo(10);
        assertThat(TaskPolicy.canonical(new DpPolicy(0.3, 2, 1e-5, 0.1))).isEqualTo(new DpPolicy(0.3, 2, 1e-5, 0.1));
        assertThat(TaskPolicy.canonical(new DpPolicy(1, 2, 1e-5, 12.3456789123))
                .epsilonBudget()).isEqualTo(12.3456789);
        assertThatThrownBy(() -> new TaskPolicy("", Optional.of(computed)))
                .hasMessageContaining("more than 9 significant digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "fedavg\ndp=clip:1.0,noise:1,delta:0.00001,epsilon:10",
        "\ndp=clip:01,noise:1,delta:0.00001,epsilon:10",
        "\ndp=clip:1,noise:1,delta:1e-5,epsilon:10",
        "\ndp=clip:1,noise:-1,delta:0.00001,epsilon:10",
        "\ndp=clip:1,noise:0,delta:0.00001,epsilon:10",
        "\ndp=clip:1,noise:1,delta:1,epsilon:10",
        "\ndp=clip:1,noise:1.234567891,delta:0.00001,epsilon:10",
        "\ndp=noise:1,clip:1,delta:0.00001,epsilon:10",
        "\ndp=clip:1,noise:1,delta:0.00001",
        "\ndp=clip:1,noise:1,delta:0.00001,epsilon:10,extra:1",
        "\ndp=clip:1, noise:1,delta:0.00001,epsilon:10",
        "\ndp=clip:1,noise:1,delta:0.00001,epsilon:10\ndp=clip:1,noise:1,delta:0.00001,epsilon:10",
        "\ndp=clip:1,noise:1,delta:0.00001,epsilon:10\r",
        "\n\ndp=clip:1,noise:1,delta:0.00001,epsilon:10",
        "\nDP=clip:1,noise:1,delta:0.00001,epsilon:10",
        "\nno equals sign"})
    void aMalformedOrNonCanonicalPolicyIsRefusedOnOneLine(String text) {
        assertThatThrownBy(() -> TaskPolicy.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void anUnknownKeyAsksForAnUpgrade() {
        assertThatThrownBy(() -> TaskPolicy.decode("fedavg\nsecure-aggregation=yes"))
                .hasMessage("unknown task policy key 'secure-aggregation' (this version knows dp, encrypt): upgrade "
                        + "FedLedger to take part in this task");
    }

    @Test
    void encryptionIsOneMoreLineAfterThePrivacyPolicy() {
        TaskPolicy both = new TaskPolicy("f=1,m=3", Optional.of(POLICY), true);
        TaskPolicy alone = new TaskPolicy("", Optional.empty(), true);

        assertThat(both.encode()).isEqualTo(TEXT + "\nencrypt=aes-256-gcm");
        assertThat(TaskPolicy.decode(both.encode())).isEqualTo(both);
        assertThat(TaskPolicy.decode("f=1,m=3\nencrypt=aes-256-gcm\n" + TEXT.substring(8))).isEqualTo(both);
        assertThat(alone.encode()).isEqualTo("\nencrypt=aes-256-gcm");
        assertThat(TaskPolicy.decode(alone.encode())).isEqualTo(alone);
        assertThat(new TaskPolicy("f=1,m=3", Optional.of(POLICY))).isEqualTo(new TaskPolicy("f=1,m=3", Optional.of(POLICY), false));
    }

    @Test
    void anotherEncryptionAsksForAnUpgradeAndTwoLinesAreRefused() {
        assertThatThrownBy(() -> TaskPolicy.decode("\nencrypt=chacha20-poly1305"))
                .hasMessage("task policy line 'encrypt=chacha20-poly1305' names an encryption this version does not "
                        + "know (it knows aes-256-gcm): upgrade FedLedger to take part in this task");
        assertThatThrownBy(() -> TaskPolicy.decode("\nencrypt=aes-256-gcm\nencrypt=aes-256-gcm"))
                .hasMessage("task policy has two encrypt lines");
    }

    @Test
    void aBadValueNamesItsField() {
        assertThatThrownBy(() -> TaskPolicy.decode("\ndp=clip:1,noise:1,delta:1e-5,epsilon:10"))
                .hasMessage("task policy line 'dp=clip:1,noise:1,delta:1e-5,epsilon:10': delta '1e-5' is not a plain "
                        + "decimal without leading or trailing zeros, such as 0.00001 or 10");
        assertThatThrownBy(() -> TaskPolicy.decode("\ndp=clip:1,noise:1,delta:0.5,epsilon:10,x:1"))
                .hasMessageStartingWith("task policy line 'dp=clip:1,noise:1,delta:0.5,epsilon:10,x:1' is malformed: "
                        + "expected dp=clip:C,noise:Z,delta:D,epsilon:E");
    }
}
