package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fedledger.privacy.DpPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AggregationRulesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fedavg               | 1 | ''      | fedavg",
        "clipped-fedavg:5     | 2 | 5.0     | clipped-fedavg:5.0",
        "clipped-fedavg:0.25  | 2 | 0.25    | clipped-fedavg:0.25",
        "' median '           | 3 | ''      | median",
        "trimmed-mean:0.20    | 4 | 0.2     | trimmed-mean:0.2",
        "trimmed-mean:k=2     | 4 | k=2     | trimmed-mean:k=2",
        "multi-krum:m=3, f=1  | 5 | f=1,m=3 | multi-krum:f=1,m=3",
        "multi-krum-agree:f=3,m=7 | 6 | f=3,m=7 | multi-krum-agree:f=3,m=7"})
    void specsParseToACanonicalFormAndTheTaskContractsIdAndParams(String spec, int id, String params, String canonical)
            throws Exception {
        AggregationRule rule = AggregationRules.parse(spec);

        assertThat(rule.spec()).isEqualTo(canonical);
        assertThat(rule.toString()).isEqualTo(canonical);
        assertThat(rule.ruleId()).isEqualTo(id);
        assertThat(rule.params()).isEqualTo(params);
        assertThat(AggregationRules.create(id, rule.params())).isEqualTo(rule);
        assertThat(AggregationRules.parse(canonical)).isEqualTo(rule);
    }

    @Test
    void everyRuleHasANameInIdOrder() {
        assertThat(AggregationRules.names()).containsExactly("fedavg", "clipped-fedavg", "median", "trimmed-mean",
                "multi-krum", "multi-krum-agree");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedavg:1", "clipped-fedavg", "clipped-fedavg:0", "clipped-fedavg:-1",
        "clipped-fedavg:NaN", "clipped-fedavg:1e999", "median:x", "trimmed-mean:0.5", "trimmed-mean:k=-1",
        "trimmed-mean:k=1,f=2", "multi-krum:f=1", "multi-krum:f=1,m=0", "multi-krum:f=1,m=3,x=2",
        "multi-krum:f=1,f=2", "multi-krum-agree:f=1", "krum", ""})
    void badSpecsAreRejectedWithTheReason(String spec) {
        assertThatThrownBy(() -> AggregationRules.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aggregation rule '" + spec + "'");
    }

    @Test
    void unknownNamesAreAnsweredWithTheValidSpecs() {
        assertThatThrownBy(() -> AggregationRules.parse("krum"))
                .hasMessage("unknown aggregation rule 'krum': use " + AggregationRules.SPECS);
    }

    @Test
    void anUnknownRuleIdOnChainIsACheckedFailure() {
        assertThatThrownBy(() -> AggregationRules.create(0, ""))
                .isInstanceOf(AggregationException.class)
                .hasMessage("unknown aggregation rule id 0 (this participant knows 1..6); upgrade FedLedger");
        assertThatThrownBy(() -> AggregationRules.create(99, "")).isInstanceOf(AggregationException.class);
    }

    @Test
    void badParamsOnChainAreACheckedFailureOnOneLine() {
        assertThatThrownBy(() -> AggregationRules.create(4, "0.7"))
                .isInstanceOf(AggregationException.class)
                .hasMessage("rule trimmed-mean: bad parameters '0.7': trim fraction must be below 0.5: 0.7");
        assertThatThrownBy(() -> AggregationRules.create(5, "f=1\rm=2"))
                .hasMessageNotContaining("\r");
    }

    @Test
    void aRuleUnderAPrivacyPolicyAggregatesDifferentlyButHasTheSameSpec() {
        AggregationRule plain = AggregationRules.parse("multi-krum:f=1,m=3");
        AggregationRule screened = AggregationRules.underPrivacy(plain, new DpPolicy(0.5, 1.5, 1e-5, 10));

        assertThat(screened.spec()).isEqualTo(plain.spec());
        assertThat(screened.params()).isEqualTo(plain.params());
        assertThat(screened).isNotEqualTo(plain);
    }
}
