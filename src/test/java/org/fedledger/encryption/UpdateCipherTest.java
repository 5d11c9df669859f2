package org.fedledger.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fedledger.encryption.TestKeys.ALICE;
import static org.fedledger.encryption.TestKeys.BOB;
import static org.fedledger.encryption.TestKeys.CAROL;
import static org.fedledger.encryption.TestKeys.MALLORY;
import static org.fedledger.encryption.TestKeys.recipient;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.fedledger.encryption.TestKeys.SeededRandom;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

class UpdateCipherTest {
    private static final byte[] UPDATE = "the weights of one participant's update".getBytes(StandardCharsets.UTF_8);
    private static final List<Recipient> PARTICIPANTS = List.of(recipient(ALICE), recipient(BOB), recipient(CAROL));

    private final UpdateCipher cipher = new UpdateCipher(new SeededRandom(1));

    @Test
    void everyRecipientDecryptsTheUpdate() throws UpdateCipherException {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);

        for (ECKeyPair keys : List.of(ALICE, BOB, CAROL)) {
            assertThat(UpdateCipher.decrypt(sealed.envelope(), sealed.keyWrap(), keys)).isEqualTo(UPDATE);
        }
    }

    @Test
    void aNonRecipientCannotDecrypt() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);

        UpdateCipherException e = failure(sealed.envelope(), sealed.keyWrap(), MALLORY);

        assertThat(e.reason()).isEqualTo(Reason.NOT_A_RECIPIENT);
        assertThat(e).hasMessage("not a recipient of this update: 0x" + Keys.getAddress(MALLORY.getPublicKey())
                + " is not in its key wrap");
    }

    @Test
    void aNonRecipientCannotUseARecipientsEntryUnderItsOwnAddress() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, List.of(recipient(ALICE)));
        WrappedKey alices = sealed.keyWrap().keys().get(0);
        WrappedKey stolen = new WrappedKey(recipient(MALLORY).address(), alices.ephemeralPublicKey(), alices.sealedKey());

        UpdateCipherException e = failure(sealed.envelope(), new KeyWrap(sealed.keyWrap().keyCommitment(), List.of(stolen)), MALLORY);

        assertThat(e.reason()).isEqualTo(Reason.WRAPPED_KEY_TAMPERED);
    }

    @Test
    void aTamperedCiphertextByteIsRejected() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);
        byte[] envelope = sealed.envelope().clone();
        envelope[UpdateCipher.HEADER_BYTES + 5] ^= 0x01;

        UpdateCipherException e = failure(envelope, sealed.keyWrap(), ALICE);

        assertThat(e.reason()).isEqualTo(Reason.TAMPERED);
        assertThat(e).hasMessage("ciphertext tampered or wrong key (GCM tag mismatch)");
    }

    @Test
    void aTamperedTagIsRejected() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);
        byte[] envelope = sealed.envelope().clone();
        envelope[envelope.length - 1] ^= (byte) 0x80;

        assertThat(failure(envelope, sealed.keyWrap(), BOB).reason()).isEqualTo(Reason.TAMPERED);
    }

    @Test
    void aTamperedHeaderIsRejectedForWhatItBreaks() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);

        assertThat(failure(flip(sealed.envelope(), 0), sealed.keyWrap(), ALICE))
                .hasMessage("not an encrypted FedLedger update (bad magic)");
        assertThat(failure(flip(sealed.envelope(), 4), sealed.keyWrap(), ALICE))
                .hasMessage("encrypted update format version 0 is not supported (this build reads 1): upgrade FedLedger");
        assertThat(failure(flip(sealed.envelope(), 10), sealed.keyWrap(), ALICE).reason()) // nonce
                .isEqualTo(Reason.TAMPERED);
        assertThat(failure(flip(sealed.envelope(), 30), sealed.keyWrap(), ALICE)) // key commitment
                .hasMessage("key wrap belongs to another encrypted update (key commitments differ)");
    }

    @Test
    void aTamperedWrappedKeyIsRejected() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);
        WrappedKey bobs = sealed.keyWrap().find(recipient(BOB).address()).orElseThrow();
        byte[] sealedKey = bobs.sealedKey();
        sealedKey[3] ^= 0x10;
        KeyWrap tampered = replace(sealed.keyWrap(), new WrappedKey(bobs.address(), bobs.ephemeralPublicKey(), sealedKey));

        UpdateCipherException e = failure(sealed.envelope(), tampered, BOB);

        assertThat(e.reason()).isEqualTo(Reason.WRAPPED_KEY_TAMPERED);
        assertThat(e).hasMessage("wrapped key for " + bobs.address() + " tampered or made for another file (GCM tag mismatch)");
    }

    @Test
    void aTamperedEphemeralKeyIsRejected() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);
        WrappedKey bobs = sealed.keyWrap().find(recipient(BOB).address()).orElseThrow();
        for (int i = 0; i < WrappedKey.EPHEMERAL_BYTES; i++) {
            KeyWrap tampered = replace(sealed.keyWrap(),
                    new WrappedKey(bobs.address(), flip(bobs.ephemeralPublicKey(), i), bobs.sealedKey()));

            assertThat(failure(sealed.envelope(), tampered, BOB).reason()).isEqualTo(Reason.WRAPPED_KEY_TAMPERED);
        }
    }

    @Test
    void flippingAnyBitOfTheEnvelopeNeverYieldsPlaintext() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);
        for (int bit = 0; bit < sealed.envelope().length * 8; bit++) {
            byte[] envelope = sealed.envelope().clone();
            envelope[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThat(failure(envelope, sealed.keyWrap(), CAROL)).as("bit %d", bit).isNotNull();
        }
    }

    @Test
    void flippingAnyBitOfTheKeyWrapHeaderOrTheRecipientsEntryNeverYieldsPlaintext() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, List.of(recipient(ALICE)));
        byte[] keyWrap = sealed.keyWrap().encode();
        for (int bit = 0; bit < keyWrap.length * 8; bit++) {
            byte[] tampered = keyWrap.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));

            Throwable thrown = catchThrowableOfType(UpdateCipherException.class,
                    () -> UpdateCipher.decrypt(sealed.envelope(), KeyWrap.decode(tampered), ALICE));
            assertThat(thrown).as("bit %d", bit).isNotNull();
        }
    }

    @Test
    void aTruncatedFileIsRejected() {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);
        for (int length : new int[] {0, 3, 4, 20, 51, 52, 67}) {
            byte[] truncated = Arrays.copyOf(sealed.envelope(), length);

            UpdateCipherException e = failure(truncated, sealed.keyWrap(), ALICE);

            assertThat(e.reason()).as("length %d", length).isEqualTo(Reason.TRUNCATED);
            assertThat(e).hasMessage("encrypted update is truncated: " + length + " bytes, at least 68 needed");
        }
        byte[] cutInTheCiphertext = Arrays.copyOf(sealed.envelope(), sealed.envelope().length - 1);
        assertThat(failure(cutInTheCiphertext, sealed.keyWrap(), ALICE).reason()).isEqualTo(Reason.TAMPERED);
    }

    @Test
    void someOtherFileIsNotAnEncryptedUpdate() {
        byte[] weightFile = "FLWF\1\0\0\0 and the rest of a plain weight file".getBytes(StandardCharsets.US_ASCII);

        UpdateCipherException e = failure(weightFile, cipher.encrypt(UPDATE, PARTICIPANTS).keyWrap(), ALICE);

        assertThat(e.reason()).isEqualTo(Reason.BAD_MAGIC);
    }

    @Test
    void aKeyWrapOfAnotherUpdateIsRejected() {
        SealedUpdate first = cipher.encrypt(UPDATE, PARTICIPANTS);
        SealedUpdate second = cipher.encrypt(UPDATE, PARTICIPANTS);

        assertThat(failure(first.envelope(), second.keyWrap(), ALICE).reason()).isEqualTo(Reason.KEY_WRAP_MISMATCH);
    }

    @Test
    void aSenderThatWrapsADifferentKeyForOneRecipientIsCaught() throws UpdateCipherException {
        SealedUpdate sealed = cipher.encrypt(UPDATE, List.of(recipient(ALICE), recipient(BOB)));
        byte[] commitment = sealed.keyWrap().keyCommitment();
        byte[] otherKey = new byte[32];
        new Random(9).nextBytes(otherKey);
        KeyWrap twoFaced = replace(sealed.keyWrap(), Ecies.wrap(otherKey, commitment, recipient(BOB), new SeededRandom(2)));

        assertThat(UpdateCipher.decrypt(sealed.envelope(), twoFaced, ALICE)).isEqualTo(UPDATE);
        assertThat(failure(sealed.envelope(), twoFaced, BOB).reason()).isEqualTo(Reason.KEY_COMMITMENT_MISMATCH);
    }

    @Test
    void anEmptyUpdateRoundTrips() throws UpdateCipherException {
        SealedUpdate sealed = cipher.encrypt(new byte[0], PARTICIPANTS);

        assertThat(sealed.envelope()).hasSize(68);
        assertThat(UpdateCipher.decrypt(sealed.envelope(), sealed.keyWrap(), BOB)).isEmpty();
    }

    @Test
    void aMultiMegabyteUpdateRoundTrips() throws UpdateCipherException {
        byte[] weights = new byte[5 * 1024 * 1024 + 3];
        new Random(5).nextBytes(weights);

        SealedUpdate sealed = new UpdateCipher().encrypt(weights, PARTICIPANTS);

        assertThat(sealed.envelope()).hasSize(weights.length + 68);
        assertThat(UpdateCipher.decrypt(sealed.envelope(), KeyWrap.decode(sealed.keyWrap().encode()), CAROL))
                .isEqualTo(weights);
    }

    @Test
    void theOutputDependsOnTheSetOfRecipientsNotTheirOrder() {
        SealedUpdate listed = new UpdateCipher(new SeededRandom(7)).encrypt(UPDATE, PARTICIPANTS);
        List<Recipient> reversed = new ArrayList<>(PARTICIPANTS);
        Collections.reverse(reversed);
        SealedUpdate reversedOrder = new UpdateCipher(new SeededRandom(7)).encrypt(UPDATE, reversed);

        assertThat(reversedOrder.envelope()).isEqualTo(listed.envelope());
        assertThat(reversedOrder.keyWrap().encode()).isEqualTo(listed.keyWrap().encode());
    }

    @Test
    void freshKeysAndNoncesMakeEveryEncryptionDifferent() {
        UpdateCipher secure = new UpdateCipher();

        assertThat(secure.encrypt(UPDATE, PARTICIPANTS).envelope()).isNotEqualTo(secure.encrypt(UPDATE, PARTICIPANTS).envelope());
    }

    @Test
    void theKeyCommitmentCanBeReadWithoutAKey() throws UpdateCipherException {
        SealedUpdate sealed = cipher.encrypt(UPDATE, PARTICIPANTS);

        assertThat(UpdateCipher.keyCommitment(sealed.envelope())).isEqualTo(sealed.keyWrap().keyCommitment());
    }

    @Test
    void recipientsAreCheckedBeforeAnythingIsEncrypted() {
        BigInteger alicesKey = ALICE.getPublicKey();
        String bobsAddress = recipient(BOB).address();

        assertThatThrownBy(() -> new Recipient(bobsAddress, alicesKey))
                .hasMessage("public key belongs to " + recipient(ALICE).address() + ", not to " + bobsAddress
                        + ": take the key the participant registered with this address");
        assertThatThrownBy(() -> Recipient.of(BigInteger.valueOf(12345))).hasMessageStartingWith("public key is not a point on secp256k1");
        assertThatThrownBy(() -> new Recipient("0x1234", alicesKey)).hasMessage("not an address (0x and 40 hex digits): 0x1234");
        assertThatThrownBy(() -> cipher.encrypt(UPDATE, List.of())).hasMessageStartingWith("no recipients");
        assertThatThrownBy(() -> cipher.encrypt(UPDATE, List.of(recipient(ALICE), recipient(ALICE))))
                .hasMessage("recipient " + recipient(ALICE).address() + " is listed twice");
    }

    @Test
    void addressesMatchWeb3jInAnyCase() {
        String upper = "0x" + Keys.getAddress(ALICE.getPublicKey()).toUpperCase(Locale.ROOT);

        assertThat(new Recipient(upper, ALICE.getPublicKey())).isEqualTo(recipient(ALICE));
    }

    private static UpdateCipherException failure(byte[] envelope, KeyWrap keyWrap, ECKeyPair keys) {
        return catchThrowableOfType(UpdateCipherException.class, () -> UpdateCipher.decrypt(envelope, keyWrap, keys));
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static KeyWrap replace(KeyWrap keyWrap, WrappedKey entry) {
        List<WrappedKey> keys = new ArrayList<>(keyWrap.keys());
        keys.removeIf(k -> k.address().equals(entry.address()));
        keys.add(entry);
        return new KeyWrap(keyWrap.keyCommitment(), keys);
    }
}
