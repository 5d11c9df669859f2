package org.fedledger.encryption;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.web3j.crypto.ECKeyPair;

/** Fixed participant keys and a reproducible random source for the cipher tests. */
final class TestKeys {
    static final ECKeyPair ALICE = ECKeyPair.create(BigInteger.valueOf(1234));
    static final ECKeyPair BOB = ECKeyPair.create(BigInteger.valueOf(5678));
    static final ECKeyPair CAROL = ECKeyPair.create(BigInteger.valueOf(9012));
    static final ECKeyPair MALLORY = ECKeyPair.create(BigInteger.valueOf(3456));

    private TestKeys() {}

    static Recipient recipient(ECKeyPair keys) {
        return Recipient.of(keys.getPublicKey());
    }

    /** A SecureRandom whose bytes come from a seeded {@link Random}: the same seed, the same output. */
    static final class SeededRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final Random random;

        SeededRandom(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            random.nextBytes(bytes);
        }
    }
}
