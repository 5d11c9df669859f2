package org.fedledger.participant;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.SignerKeys;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskEvents.JoinTransaction;
import org.fedledger.chain.TaskEvents.LogPosition;
import org.fedledger.chain.TaskEvents.Revealed;
import org.fedledger.chain.TaskPhase;
import org.fedledger.encryption.EncryptedFiles;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.encryption.Recipient;
import org.fedledger.storage.Cid;
import org.web3j.utils.Numeric;

/**
 * The sealed views of the model store for a task with {@code encrypt=aes-256-gcm}
 * (docs/privacy.md, "Encryption in a task"):
 * <ul>
 * <li>an update of round r is encrypted under a random key for every member active in r whose
 *     key is known, the task's creator if its key is known, and the sender itself;
 * <li>updates and finalized aggregates are decrypted with this participant's account key, and a
 *     file that does not open is malformed (the task's initial model alone is plaintext);
 * <li>round r's aggregate is encrypted deterministically ({@code AggregateCipher}), keyed by the
 *     file keys of the round's decrypted updates in sender order and bound to the task and round,
 *     for the creator and every member that is active in r or joined for r + 1 before r's vote
 *     phase opened: a set every participant reads alike from the chain whenever it computes it,
 *     so that honest participants publish the same bytes and vote for the same CID.
 * </ul>
 * A member's key is recovered from the signature on its own join transaction ({@link SignerKeys});
 * a member whose join someone else sent has no known key and receives nothing.
 */
final class TaskSealing implements Sealing {
    private final ModelStore models;
    private final TaskClient client;
    private final TaskEvents events;
    private final SignerKeys signers;
    /** The reader, which remembers the file keys of what it opened. */
    private final EncryptedFiles files;
    private final Map<String, Optional<BigInteger>> keys = new HashMap<>();
    private Optional<Recipient> creator;

    private TaskSealing(ModelStore models, TaskClient client, TaskEvents events, SignerKeys signers,
                        EncryptedFiles files) {
        this.models = models;
        this.client = client;
        this.events = events;
        this.signers = signers;
        this.files = files;
    }

    /** The views of a task with the given policy; {@code encrypted} false: the plain store everywhere. */
    static Sealing of(boolean encrypted, ModelStore models, TaskClient client, TaskEvents events,
                      SignerKeys signers, Cid initialModel) {
        if (!encrypted) {
            return Sealing.plain(models);
        }
        EncryptedFiles files = EncryptedFiles.reader(client.keyPair(), Set.of(initialModel), 1);
        return new TaskSealing(models, client, events, signers, files);
    }

    @Override
    public ModelStore forUpdate(long round) throws ChainException {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        Recipient self = Recipient.of(client.keyPair().getPublicKey());
        recipients.put(self.address(), self);
        creator().ifPresent(c -> recipients.put(c.address(), c));
        for (String member : client.participants()) {
            if (client.participantInfo(member).activeIn(round)) {
                recipientOf(member).ifPresent(r -> recipients.put(r.address(), r));
            }
        }
        return models.sealedWith(reader().sealingFor(recipients.values()));
    }

    @Override
    public ModelStore forReading() throws ChainException {
        return models.sealedWith(reader());
    }

    @Override
    public ModelStore forAggregate(long round, List<Revealed> revealed) throws ChainException {
        List<Revealed> bySender = new ArrayList<>(revealed);
        bySender.sort(Comparator.comparing(Revealed::participant));
        List<byte[]> secrets = new ArrayList<>();
        for (Revealed r : bySender) {
            files.fileKey(r.cid()).ifPresent(secrets::add);
        }
        byte[] context = ByteBuffer.allocate(20 + 8).put(Numeric.hexStringToByteArray(client.address()))
                .putLong(round).array();
        return models.sealedWith(reader().sealingDeterministically(aggregateRecipients(round), secrets, context));
    }

    /**
     * Who can read {@code round}'s aggregate: the creator and every member active in the round
     * or joined for the next one before the round's vote phase opened, each if its key is known.
     * The same set whenever it is computed once the vote phase has opened: activity in a round
     * never changes once the round runs, and later joins are left out by their log position.
     */
    List<Recipient> aggregateRecipients(long round) throws ChainException {
        LogPosition voteOpened = events.phaseOpened(round, TaskPhase.VOTE);
        if (voteOpened == null) {
            throw new ChainException("round " + round + "'s vote phase has not opened: its aggregate has no readers yet");
        }
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        creator().ifPresent(c -> recipients.put(c.address(), c));
        for (JoinTransaction join : events.joinTransactions()) {
            String member = join.join().account();
            boolean next = join.firstRound() == round + 1 && join.join().position().compareTo(voteOpened) < 0;
            if (next || (join.firstRound() <= round && client.participantInfo(member).activeIn(round))) {
                recipientOf(member).ifPresent(r -> recipients.put(r.address(), r));
            }
        }
        return List.copyOf(recipients.values());
    }

    private EncryptedFiles reader() throws ChainException {
        // an honest file has at most every member and the creator as recipients
        return files.withMaxRecipients((int) Math.min(Integer.MAX_VALUE / 2, client.participantCount() + 1));
    }

    private Optional<Recipient> creator() throws ChainException {
        if (creator == null) {
            TaskEvents.Signed created = events.initialized();
            creator = created == null ? Optional.empty()
                    : signers.publicKey(created.transactionHash(), created.account()).map(Recipient::of);
        }
        return creator;
    }

    private Optional<Recipient> recipientOf(String member) throws ChainException {
        if (!keys.containsKey(member)) {
            for (JoinTransaction join : events.joinTransactions()) {
                String account = join.join().account();
                if (!keys.containsKey(account)) {
                    keys.put(account, signers.publicKey(join.join().transactionHash(), account));
                }
            }
        }
        return keys.getOrDefault(member, Optional.empty()).map(Recipient::of);
    }
}
