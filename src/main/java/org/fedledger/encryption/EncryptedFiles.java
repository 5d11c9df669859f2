package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.fedledger.modelstore.FileSeal;
import org.fedledger.storage.Cid;
import org.web3j.crypto.ECKeyPair;

/**
 * The {@link FileSeal} of a task with encrypted files: a weight file is stored as one
 * {@link SealedUpdate} container (key wrap and envelope), opened with this reader's account key.
 * A reader opens every weight file it is given except those listed as plaintext (the task's
 * initial model, which is public random initialisation), and remembers the file key of each one
 * it opened, which the deterministic encryption of an aggregate needs. Views made with
 * {@link #sealingFor} and {@link #sealingDeterministically} also seal, and share those keys.
 */
public final class EncryptedFiles implements FileSeal {
    private final ECKeyPair keys;
    private final Set<Cid> plaintext;
    private final int maxRecipients;
    private final Map<Cid, byte[]> fileKeys;
    /** Turns a weight file into a container; null: this view only reads. */
    private final UnaryOperator<byte[]> sealer;

    private EncryptedFiles(ECKeyPair keys, Set<Cid> plaintext, int maxRecipients, Map<Cid, byte[]> fileKeys,
                           UnaryOperator<byte[]> sealer) {
        this.keys = keys;
        this.plaintext = plaintext;
        this.maxRecipients = maxRecipients;
        this.fileKeys = fileKeys;
        this.sealer = sealer;
    }

    /**
     * A reader with {@code keys}; the files {@code plaintext} names are read as they are, and
     * containers with more than {@code maxRecipients} recipients are refused unread.
     */
    public static EncryptedFiles reader(ECKeyPair keys, Set<Cid> plaintext, int maxRecipients) {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients < 1: " + maxRecipients);
        }
        return new EncryptedFiles(requireNonNull(keys, "keys == null"), Set.copyOf(plaintext), maxRecipients,
                new ConcurrentHashMap<>(), null);
    }

    /** This reader, refusing containers with more than {@code maxRecipients} recipients (sharing the keys it learnt). */
    public EncryptedFiles withMaxRecipients(int maxRecipients) {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients < 1: " + maxRecipients);
        }
        return new EncryptedFiles(keys, plaintext, maxRecipients, fileKeys, sealer);
    }

    /** This reader, sealing each file under a fresh random key for {@code recipients}. */
    public EncryptedFiles sealingFor(Collection<Recipient> recipients) {
        List<Recipient> fixed = List.copyOf(recipients);
        UpdateCipher cipher = new UpdateCipher();
        return new EncryptedFiles(keys, plaintext, maxRecipients, fileKeys,
                file -> cipher.encrypt(file, fixed).encode());
    }

    /** This reader, sealing each file deterministically ({@link AggregateCipher}) for {@code recipients}. */
    public EncryptedFiles sealingDeterministically(Collection<Recipient> recipients, List<byte[]> secrets,
                                                   byte[] context) {
        List<Recipient> fixed = List.copyOf(recipients);
        List<byte[]> secretsCopy = List.copyOf(secrets);
        byte[] contextCopy = context.clone();
        return new EncryptedFiles(keys, plaintext, maxRecipients, fileKeys,
                file -> AggregateCipher.encrypt(file, fixed, secretsCopy, contextCopy).encode());
    }

    /** The key of the file {@code cid} if this reader (or a view of it) opened it. */
    public Optional<byte[]> fileKey(Cid cid) {
        return Optional.ofNullable(fileKeys.get(cid)).map(byte[]::clone);
    }

    @Override
    public byte[] seal(byte[] file) {
        if (sealer == null) {
            throw new IllegalStateException("this view of the encrypted files only reads");
        }
        return sealer.apply(file);
    }

    @Override
    public byte[] open(Cid cid, byte[] stored) throws Unreadable {
        if (plaintext.contains(cid)) {
            return stored;
        }
        try {
            UpdateCipher.Decrypted opened = UpdateCipher.open(stored, keys);
            fileKeys.put(cid, opened.fileKey());
            return opened.plaintext();
        } catch (UpdateCipherException e) {
            throw new Unreadable(e.getMessage(), e);
        }
    }

    @Override
    public long overhead() {
        return SealedUpdate.encodedLength(0, maxRecipients);
    }
}
