package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.aggregation.Failure;
import org.fedledger.aggregation.Update;
import org.fedledger.privacy.DpPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task's policy: decoded once from the rule id and the stored text, encoded back to the same bytes. */
class TaskPolicyTest {
    private static final DpPolicy POLICY = new DpPolicy(0.5, 1.5, 1e-5, 10);

    @ParameterizedTest
    @ValueSource(strings = {"fedavg", "clipped-fedavg:5.0", "median", "trimmed-mean:k=2", "multi-krum:f=1,m=3"})
    void aTaskWithoutPrivacyOrEncryptionStoresTheRulesParametersAlone(String spec) throws Exception {
        TaskPolicy policy = TaskPolicy.of(spec);

        assertThat(text(policy.aggregationParams())).isEqualTo(AggregationRules.parse(spec).params());
        assertThat(policy.ruleId()).isEqualTo(AggregationRules.parse(spec).ruleId());
        assertThat(policy.rule()).isEqualTo(AggregationRules.parse(spec));
        assertThat(TaskPolicy.decode(policy.ruleId(), policy.aggregationParams())).isEqualTo(policy);
    }

    @Test
    void thePrivacyPolicyTravelsInTheParamsAndComesBackFromTheChain() throws Exception {
        TaskPolicy policy = new TaskPolicy("multi-krum:m=3, f=1", Optional.of(POLICY), false);

        assertThat(policy.ruleSpec()).isEqualTo("multi-krum:f=1,m=3");
        assertThat(text(policy.aggregationParams())).isEqualTo("f=1,m=3\ndp=clip:0.5,noise:1.5,delta:0.00001,epsilon:10");
        assertThat(policy).hasToString("multi-krum:f=1,m=3 with dp=clip:0.5,noise:1.5,delta:0.00001,epsilon:10");
        TaskPolicy onChain = TaskPolicy.decode(5, policy.aggregationParams());
        assertThat(onChain).isEqualTo(policy).isNotEqualTo(TaskPolicy.of("multi-krum:f=1,m=3"));
        assertThat(onChain.privacy()).contains(POLICY);
        assertThat(onChain.encrypted()).isFalse();
    }

    @Test
    void underAPrivacyPolicyTheRuleRejectsAStepOverTheBound() {
        float[] global = new float[100];
        float[] unclipped = new float[100];
        java.util.Arrays.fill(unclipped, 10f);
        List<Update> updates = List.of(new Update("0x0000000000000000000000000000000000000001", 10, unclipped));

        List<Failure> plain = TaskPolicy.of("fedavg").rule().aggregate(global, updates, List.of()).rejections();
        List<Failure> screened = new TaskPolicy("fedavg", Optional.of(POLICY), false).rule()
                .aggregate(global, updates, List.of()).rejections();

        assertThat(plain).isEmpty();
        assertThat(screened).singleElement().extracting(Failure::reason).asString()
                .contains("exceeds the differential-privacy bound");
    }

    @Test
    void anEncryptedTaskStoresOneMoreLineAndReadsBackAsEncrypted() throws Exception {
        TaskPolicy encrypted = new TaskPolicy("multi-krum:f=1,m=3", Optional.empty(), true);

        assertThat(text(encrypted.aggregationParams())).isEqualTo("f=1,m=3\nencrypt=aes-256-gcm");
        TaskPolicy read = TaskPolicy.decode(encrypted.ruleId(), encrypted.aggregationParams());
        assertThat(read.encrypted()).isTrue();
        assertThat(read).isEqualTo(encrypted).isNotEqualTo(TaskPolicy.of("multi-krum:f=1,m=3"));
        assertThat(read.rule()).isEqualTo(AggregationRules.parse("multi-krum:f=1,m=3"));
    }

    @Test
    void aPrivacyPolicyIsMadeCanonical() {
        DpPolicy computed = DpPolicy.forBudget(1, 10, 1e-5, 5);

        assertThat(new TaskPolicy("fedavg", Optional.of(computed), false).privacy())
                .contains(TaskPolicy.canonical(computed));
    }

    @Test
    void whatThisVersionCannotApplyIsACheckedFailureOnOneLine() {
        assertThatThrownBy(() -> TaskPolicy.decode(1, bytes("\nmystery=on")))
                .isInstanceOf(TaskPolicyException.class)
                .hasMessage("unknown task policy key 'mystery' (this version knows dp, encrypt): upgrade "
                        + "FedLedger to take part in this task");
        assertThatThrownBy(() -> TaskPolicy.decode(0, new byte[0]))
                .isInstanceOf(TaskPolicyException.class)
                .hasMessage("unknown aggregation rule id 0 (this participant knows 1..6); upgrade FedLedger");
        assertThatThrownBy(() -> TaskPolicy.decode(4, bytes("0.7\nencrypt=aes-256-gcm")))
                .hasMessage("rule trimmed-mean: bad parameters '0.7': trim fraction must be below 0.5: 0.7");
        assertThatThrownBy(() -> TaskPolicy.decode(5, bytes("f=1\nm=2"))).hasMessageNotContaining("\n");
        assertThatThrownBy(() -> TaskPolicy.decode(2, new byte[] {(byte) 0xff, '1'}))
                .hasMessage("task policy is not UTF-8 text");
        assertThatThrownBy(() -> TaskPolicy.decode(2, new byte[300]))
                .hasMessage("task policy of 300 bytes exceeds 256");
    }

    @Test
    void anUnknownRuleSpecIsRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> TaskPolicy.of("mean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown aggregation rule 'mean': use " + AggregationRules.SPECS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
