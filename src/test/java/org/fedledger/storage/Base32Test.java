package org.fedledger.storage;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base32Test {
    @Test
    void encodesTheRfc4648VectorsInLowerCaseWithoutPadding() {
        String[][] vectors = {
            {"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
            {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"},
        };
        for (String[] vector : vectors) {
            assertThat(Base32.encode(vector[0].getBytes(US_ASCII))).isEqualTo(vector[1]);
            assertThat(Base32.decode(vector[1])).isEqualTo(vector[0].getBytes(US_ASCII));
        }
    }

    @Test
    void decodeRejectsNonCanonicalText() {
        assertThatThrownBy(() -> Base32.decode("mz")).hasMessageContaining("padding bits");
        assertThatThrownBy(() -> Base32.decode("m")).hasMessageContaining("length");
        assertThatThrownBy(() -> Base32.decode("MY")).hasMessageContaining("'M'");
        assertThatThrownBy(() -> Base32.decode("my==")).hasMessageContaining("'='");
    }
}
