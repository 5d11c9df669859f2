package org.fedledger.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fedledger.encryption.TestKeys.ALICE;
import static org.fedledger.encryption.TestKeys.BOB;
import static org.fedledger.encryption.TestKeys.MALLORY;
import static org.fedledger.encryption.TestKeys.recipient;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fedledger.encryption.TestKeys.SeededRandom;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.junit.jupiter.api.Test;

class SealedUpdateTest {
    private static final byte[] UPDATE = "one weight file".getBytes(StandardCharsets.UTF_8);

    private final SealedUpdate sealed = new UpdateCipher(new SeededRandom(3)).encrypt(UPDATE,
            List.of(recipient(ALICE), recipient(BOB)));

    @Test
    void theContainerHoldsTheKeyWrapThenTheEnvelope() throws UpdateCipherException {
        byte[] bytes = sealed.encode();
        byte[] wrap = sealed.keyWrap().encode();
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("FLEF");
        assertThat(header.getInt(4)).isEqualTo(1);
        assertThat(header.getInt(8)).isEqualTo(wrap.length);
        assertThat(Arrays.copyOfRange(bytes, 12, 12 + wrap.length)).isEqualTo(wrap);
        assertThat(Arrays.copyOfRange(bytes, 12 + wrap.length, bytes.length)).isEqualTo(sealed.envelope());
        assertThat((long) bytes.length).isEqualTo(SealedUpdate.encodedLength(UPDATE.length, 2));
        SealedUpdate decoded = SealedUpdate.decode(bytes);
        assertThat(decoded.envelope()).isEqualTo(sealed.envelope());
        assertThat(decoded.keyWrap()).isEqualTo(sealed.keyWrap());
    }

    @Test
    void aRecipientOpensTheContainerAndLearnsTheFileKey() throws UpdateCipherException {
        UpdateCipher.Decrypted alice = UpdateCipher.open(sealed.encode(), ALICE);
        UpdateCipher.Decrypted bob = UpdateCipher.open(sealed.encode(), BOB);

        assertThat(alice.plaintext()).isEqualTo(UPDATE);
        assertThat(bob.plaintext()).isEqualTo(UPDATE);
        assertThat(alice.fileKey()).hasSize(32).isEqualTo(bob.fileKey());
    }

    @Test
    void aNonRecipientCannotOpenIt() {
        assertThat(failure(sealed.encode(), MALLORY).reason()).isEqualTo(Reason.NOT_A_RECIPIENT);
    }

    @Test
    void aPlainWeightFileIsNotAContainer() {
        assertThat(failure("FLWF-some weight file".getBytes(StandardCharsets.US_ASCII)).reason())
                .isEqualTo(Reason.BAD_MAGIC);
    }

    @Test
    void truncatedContainersAreRefused() {
        byte[] bytes = sealed.encode();
        assertThat(failure(Arrays.copyOf(bytes, 10)).reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(failure(Arrays.copyOf(bytes, 12 + 40)).reason()).isEqualTo(Reason.TRUNCATED);
        int wrapEnd = 12 + sealed.keyWrap().encode().length;
        assertThat(failure(Arrays.copyOf(bytes, wrapEnd + 60)).reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void aWrongKeyWrapLengthBreaksTheKeyWrapOrTheEnvelope() {
        byte[] longer = sealed.encode();
        ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putInt(8, sealed.keyWrap().encode().length + 1);
        assertThat(failure(longer).reason()).isEqualTo(Reason.KEY_WRAP_MALFORMED);
        byte[] huge = sealed.encode();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
        assertThat(failure(huge).reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void anotherVersionAsksForAnUpgrade() {
        byte[] bytes = sealed.encode();
        bytes[4] = 2;
        UpdateCipherException e = failure(bytes);
        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(e).hasMessageContaining("upgrade FedLedger");
    }

    @Test
    void aFlippedCiphertextBitIsTampering() {
        byte[] bytes = sealed.encode();
        bytes[bytes.length - 20] ^= 1;
        assertThat(failure(bytes).reason()).isEqualTo(Reason.TAMPERED);
    }

    /** Why Alice cannot open {@code container}. */
    private static UpdateCipherException failure(byte[] container) {
        return failure(container, ALICE);
    }

    private static UpdateCipherException failure(byte[] container, org.web3j.crypto.ECKeyPair keys) {
        return catchThrowableOfType(() -> UpdateCipher.open(container, keys), UpdateCipherException.class);
    }
}
