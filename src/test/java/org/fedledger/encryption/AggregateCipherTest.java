package org.fedledger.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fedledger.encryption.TestKeys.ALICE;
import static org.fedledger.encryption.TestKeys.BOB;
import static org.fedledger.encryption.TestKeys.CAROL;
import static org.fedledger.encryption.TestKeys.MALLORY;
import static org.fedledger.encryption.TestKeys.recipient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

class AggregateCipherTest {
    private static final byte[] AGGREGATE = "the aggregate of round 3".getBytes(StandardCharsets.UTF_8);
    private static final List<Recipient> RECIPIENTS = List.of(recipient(ALICE), recipient(BOB), recipient(CAROL));
    private static final List<byte[]> UPDATE_KEYS = List.of(new byte[32], filled(7), filled(9));
    private static final byte[] ROUND_3 = "task 0x12..., round 3".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheRecipientsOrder() {
        byte[] first = AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, UPDATE_KEYS, ROUND_3).encode();
        byte[] again = AggregateCipher.encrypt(AGGREGATE.clone(), List.of(recipient(CAROL), recipient(ALICE),
                recipient(BOB)), List.of(new byte[32], filled(7), filled(9)), ROUND_3.clone()).encode();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void everyRecipientDecryptsItAndANonRecipientCannot() throws UpdateCipherException {
        byte[] sealed = AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, UPDATE_KEYS, ROUND_3).encode();

        for (ECKeyPair keys : List.of(ALICE, BOB, CAROL)) {
            assertThat(UpdateCipher.open(sealed, keys).plaintext()).isEqualTo(AGGREGATE);
        }
        assertThat(catchThrowableOfType(() -> UpdateCipher.open(sealed, MALLORY), UpdateCipherException.class).reason())
                .isEqualTo(Reason.NOT_A_RECIPIENT);
    }

    @Test
    void anotherRoundGivesAnotherKey() throws UpdateCipherException {
        byte[] round3 = AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, UPDATE_KEYS, ROUND_3).encode();
        byte[] round4 = AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, UPDATE_KEYS,
                "task 0x12..., round 4".getBytes(StandardCharsets.UTF_8)).encode();

        assertThat(UpdateCipher.open(round4, ALICE).fileKey()).isNotEqualTo(UpdateCipher.open(round3, ALICE).fileKey());
        assertThat(round4).isNotEqualTo(round3);
    }

    @Test
    void otherUpdateKeysOrAnotherPlaintextGiveAnotherKey() throws UpdateCipherException {
        byte[] key = UpdateCipher.open(AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, UPDATE_KEYS, ROUND_3).encode(),
                ALICE).fileKey();
        byte[] otherKeys = UpdateCipher.open(AggregateCipher.encrypt(AGGREGATE, RECIPIENTS,
                List.of(new byte[32], filled(7), filled(8)), ROUND_3).encode(), ALICE).fileKey();
        byte[] reordered = UpdateCipher.open(AggregateCipher.encrypt(AGGREGATE, RECIPIENTS,
                List.of(filled(7), new byte[32], filled(9)), ROUND_3).encode(), ALICE).fileKey();
        byte[] otherPlaintext = UpdateCipher.open(AggregateCipher.encrypt("another aggregate".getBytes(
                StandardCharsets.UTF_8), RECIPIENTS, UPDATE_KEYS, ROUND_3).encode(), ALICE).fileKey();

        assertThat(otherKeys).isNotEqualTo(key);
        assertThat(reordered).isNotEqualTo(key);
        assertThat(otherPlaintext).isNotEqualTo(key);
    }

    @Test
    void eachRecipientGetsItsOwnEphemeralKey() {
        KeyWrap wrap = AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, UPDATE_KEYS, ROUND_3).keyWrap();

        assertThat(wrap.keys()).extracting(w -> new String(w.ephemeralPublicKey(), StandardCharsets.ISO_8859_1))
                .doesNotHaveDuplicates();
    }

    @Test
    void withoutSecretsTheKeyStillDependsOnThePlaintext() throws UpdateCipherException {
        byte[] a = UpdateCipher.open(AggregateCipher.encrypt(AGGREGATE, RECIPIENTS, List.of(), ROUND_3).encode(), BOB)
                .fileKey();
        byte[] b = UpdateCipher.open(AggregateCipher.encrypt("x".getBytes(StandardCharsets.UTF_8), RECIPIENTS, List.of(),
                ROUND_3).encode(), BOB).fileKey();

        assertThat(a).isNotEqualTo(b);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
