package org.fedledger.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fedledger.encryption.TestKeys.ALICE;
import static org.fedledger.encryption.TestKeys.BOB;
import static org.fedledger.encryption.TestKeys.CAROL;
import static org.fedledger.encryption.TestKeys.recipient;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.fedledger.encryption.TestKeys.SeededRandom;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.junit.jupiter.api.Test;

class KeyWrapTest {
    private static final KeyWrap WRAP = new UpdateCipher(new SeededRandom(3))
            .encrypt(new byte[10], List.of(recipient(ALICE), recipient(BOB), recipient(CAROL))).keyWrap();

    @Test
    void encodeDecodeRoundTripsToTheSameBytes() throws UpdateCipherException {
        byte[] bytes = WRAP.encode();

        KeyWrap decoded = KeyWrap.decode(bytes);

        assertThat(decoded).isEqualTo(WRAP);
        assertThat(decoded.encode()).isEqualTo(bytes);
    }

    @Test
    void theBytesDoNotDependOnTheOrderEntriesAreListedIn() {
        List<WrappedKey> shuffled = new ArrayList<>(WRAP.keys());
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 0, 1);

        assertThat(new KeyWrap(WRAP.keyCommitment(), shuffled).encode()).isEqualTo(WRAP.encode());
    }

    @Test
    void layoutIsTheDocumentedOne() {
        byte[] bytes = WRAP.encode();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(bytes).hasSize(44 + 3 * 101);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("FLKW");
        assertThat(buffer.getInt(4)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(bytes, 8, 40)).isEqualTo(WRAP.keyCommitment());
        assertThat(buffer.getInt(40)).isEqualTo(3);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            addresses.add("0x" + HexFormat.of().formatHex(bytes, 44 + 101 * i, 64 + 101 * i));
            assertThat(bytes[64 + 101 * i]).isIn((byte) 2, (byte) 3); // compressed point prefix
        }
        assertThat(addresses).isSorted().containsExactlyInAnyOrder(
                recipient(ALICE).address(), recipient(BOB).address(), recipient(CAROL).address());
    }

    @Test
    void malformedDocumentsAreRejectedWithAReason() {
        byte[] bytes = WRAP.encode();

        assertThat(decodeFailure(Arrays.copyOf(bytes, 43))).hasMessage("key wrap is truncated: 43 bytes, the header alone has 44");
        assertThat(decodeFailure(Arrays.copyOf(bytes, bytes.length - 1)).reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(decodeFailure(Arrays.copyOf(bytes, bytes.length + 1)))
                .hasMessage("key wrap of 3 recipients must have 347 bytes, not 348");
        assertThat(decodeFailure(with(bytes, 0, (byte) 'X'))).hasMessage("not a FedLedger key wrap (bad magic)");
        assertThat(decodeFailure(with(bytes, 4, (byte) 2)).reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
        byte[] none = Arrays.copyOf(bytes, 44);
        none[40] = 0;
        assertThat(decodeFailure(none)).hasMessage("key wrap lists no recipients");
    }

    @Test
    void entriesOutOfOrderOrRepeatedAreNotCanonicalAndRejected() {
        byte[] bytes = WRAP.encode();
        byte[] swapped = bytes.clone();
        System.arraycopy(bytes, 44 + 101, swapped, 44, 101);
        System.arraycopy(bytes, 44, swapped, 44 + 101, 101);
        byte[] repeated = bytes.clone();
        System.arraycopy(bytes, 44, repeated, 44 + 101, 101);

        assertThat(decodeFailure(swapped))
                .hasMessage("key wrap recipients are not in strictly ascending address order at entry 1");
        assertThat(decodeFailure(repeated).reason()).isEqualTo(Reason.KEY_WRAP_MALFORMED);
    }

    @Test
    void findsARecipientInAnyCase() {
        String address = recipient(BOB).address();

        assertThat(WRAP.find(address.toUpperCase(java.util.Locale.ROOT).replace("0X", "0x"))).isPresent();
        assertThat(WRAP.find("0x" + "00".repeat(20))).isEmpty();
    }

    @Test
    void invalidDocumentsCannotBeBuilt() {
        assertThatThrownBy(() -> new KeyWrap(new byte[31], WRAP.keys())).hasMessage("key commitment must have 32 bytes, not 31");
        assertThatThrownBy(() -> new KeyWrap(new byte[32], List.of())).hasMessage("a key wrap needs at least one recipient");
        assertThatThrownBy(() -> new WrappedKey(recipient(ALICE).address(), new byte[32], new byte[48]))
                .hasMessage("ephemeral public key must have 33 bytes, not 32");
    }

    private static UpdateCipherException decodeFailure(byte[] bytes) {
        return catchThrowableOfType(UpdateCipherException.class, () -> KeyWrap.decode(bytes));
    }

    private static byte[] with(byte[] bytes, int index, byte value) {
        byte[] copy = bytes.clone();
        copy[index] = value;
        return copy;
    }
}
