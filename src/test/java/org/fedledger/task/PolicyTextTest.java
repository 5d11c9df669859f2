package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.fedledger.privacy.DpPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy text a task stores in its aggregationParams: the rule's parameters, then key=value lines. */
class PolicyTextTest {
    private static final DpPolicy POLICY = new DpPolicy(1, 1.18421773, 1e-5, 10);
    private static final String TEXT = "f=1,m=3\ndp=clip:1,noise:1.18421773,delta:0.00001,epsilon:10";

    @Test
    void aPolicyRoundTripsThroughItsCanonicalText() {
        PolicyText policy = new PolicyText("f=1,m=3", Optional.of(POLICY), false);

        assertThat(policy.encode()).isEqualTo(TEXT);
        assertThat(PolicyText.decode(TEXT)).isEqualTo(policy);
        assertThat(PolicyText.decode(TEXT + "\n")).isEqualTo(policy);
        assertThat(new PolicyText("", Optional.of(new DpPolicy(0.25, 3, 1e-12, 1000)), false).encode())
                .isEqualTo("\ndp=clip:0.25,noise:3,delta:0.000000000001,epsilon:1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "f=1,m=3", " 5.0 ", "k=2\n", "0.2\n\n  \n", "f=1\rm=2"})
    void aTextWithoutFurtherLinesIsTheRulesParametersAsBefore(String text) {
        PolicyText policy = PolicyText.decode(text);

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
        assertThatThrownBy(() -> new PolicyText("", Optional.of(computed), false))
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
        assertThatThrownBy(() -> PolicyText.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void anUnknownKeyAsksForAnUpgrade() {
        assertThatThrownBy(() -> PolicyText.decode("fedavg\nsecure-aggregation=yes"))
                .hasMessage("unknown task policy key 'secure-aggregation' (this version knows dp, encrypt): upgrade "
                        + "FedLedger to take part in this task");
    }

    @Test
    void encryptionIsOneMoreLineAfterThePrivacyPolicy() {
        PolicyText both = new PolicyText("f=1,m=3", Optional.of(POLICY), true);
        PolicyText alone = new PolicyText("", Optional.empty(), true);

        assertThat(both.encode()).isEqualTo(TEXT + "\nencrypt=aes-256-gcm");
        assertThat(PolicyText.decode(both.encode())).isEqualTo(both);
        assertThat(PolicyText.decode("f=1,m=3\nencrypt=aes-256-gcm\n" + TEXT.substring(8))).isEqualTo(both);
        assertThat(alone.encode()).isEqualTo("\nencrypt=aes-256-gcm");
        assertThat(PolicyText.decode(alone.encode())).isEqualTo(alone);
    }

    @Test
    void anotherEncryptionAsksForAnUpgradeAndTwoLinesAreRefused() {
        assertThatThrownBy(() -> PolicyText.decode("\nencrypt=chacha20-poly1305"))
                .hasMessage("task policy line 'encrypt=chacha20-poly1305' names an encryption this version does not "
                        + "know (it knows aes-256-gcm): upgrade FedLedger to take part in this task");
        assertThatThrownBy(() -> PolicyText.decode("\nencrypt=aes-256-gcm\nencrypt=aes-256-gcm"))
                .hasMessage("task policy has two encrypt lines");
    }

    @Test
    void aBadValueNamesItsField() {
        assertThatThrownBy(() -> PolicyText.decode("\ndp=clip:1,noise:1,delta:1e-5,epsilon:10"))
                .hasMessage("task policy line 'dp=clip:1,noise:1,delta:1e-5,epsilon:10': delta '1e-5' is not a plain "
                        + "decimal without leading or trailing zeros, such as 0.00001 or 10");
        assertThatThrownBy(() -> PolicyText.decode("\ndp=clip:1,noise:1,delta:0.5,epsilon:10,x:1"))
                .hasMessageStartingWith("task policy line 'dp=clip:1,noise:1,delta:0.5,epsilon:10,x:1' is malformed: "
                        + "expected dp=clip:C,noise:Z,delta:D,epsilon:E");
    }
}
