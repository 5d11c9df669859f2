package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fedledger.adversary.Deviation;
import org.fedledger.adversary.Attack;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.encryption.EncryptedFiles;
import org.fedledger.encryption.SealedUpdate;
import org.fedledger.encryption.UpdateCipher;
import org.fedledger.encryption.UpdateCipherException.Reason;
import org.fedledger.encryption.UpdateCipherException;
import org.fedledger.encryption.WrappedKey;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * A task with encrypted files on the devnet and IPFS node: 2 rounds, 3 honest participants and
 * one that publishes a tampered ciphertext (its honest encrypted update with one ciphertext bit
 * flipped). Every update and aggregate on IPFS is a container that participants and the creator
 * open and an outsider cannot; the honest participants, computing the aggregate independently,
 * publish the same encrypted bytes and finalize both rounds; the tampered updates are rejected
 * and slashed, and nobody else is.
 */
@LocalServices
class EncryptedTaskIT {
    private static final int HONEST = 3;
    private static final int TAMPERER = 4;
    private static final int ROUNDS = 2;

    /** Encrypts its update as an honest participant would, then flips one bit of the ciphertext. */
    private static final Conduct TAMPERED_CIPHERTEXT = new Deviation() {
        @Override
        public Cid publish(ModelStore models, WeightFile update) throws ModelStoreException {
            byte[] sealed = models.encode(update);
            sealed[sealed.length - 100] ^= 1;
            return models.putRaw(sealed);
        }
    };

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void encryptedUpdatesReachOnlyParticipantsAndATamperedOneIsRejectedWhileRoundsFinalize(TestDevnet devnet,
            TestIpfs ipfs, @TempDir Path dir) throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, TAMPERER, ROUNDS, "fedavg", null, true)) {
            List<Participant> participants = new ArrayList<>();
            Map<String, Cid> computed = new ConcurrentHashMap<>(); // "account round" -> the aggregate it computed
            for (int i = 1; i <= HONEST; i++) {
                String account = TaskFixture.address(i);
                Conduct recording = new Deviation() {
                    @Override
                    public RoundEntry.Outcome vote(long round, Computation computation) throws ChainException,
                            ModelStoreException, ParticipantException, InterruptedException {
                        RoundEntry.Outcome outcome = computation.outcome();
                        computed.put(account + " " + round, outcome.aggregateCid());
                        return outcome;
                    }
                };
                participants.add(fixture.participant(i, dir, new Attack.Behaviour(fixture.honest(i).trainer(), recording),
                        ParticipantSettings.defaults(TAMPERER), ParticipantListener.NONE));
            }
            participants.add(fixture.participant(TAMPERER, dir,
                    new Attack.Behaviour(fixture.honest(TAMPERER).trainer(), TAMPERED_CIPHERTEXT),
                    ParticipantSettings.defaults(TAMPERER).withReport(false).withStake(TaskFixture.ATTACKER_STAKE),
                    ParticipantListener.NONE));
            ExecutorService pool = Executors.newFixedThreadPool(participants.size());
            try {
                List<Future<Participant.Summary>> running = new ArrayList<>();
                for (Participant p : participants) {
                    running.add(pool.submit(p::run));
                }
                for (Future<Participant.Summary> f : running) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            TaskEvents events = fixture.events();
            TaskClient observer = fixture.observer();
            String tamperer = TaskFixture.address(TAMPERER);
            assertThat(events.finalized()).extracting(TaskEvents.Finalized::round).containsExactly(1L, 2L);

            IpfsRpcClient node = new IpfsRpcClient(ipfs.apiUrl());
            ModelStore plain = new ModelStore(node);
            Cid initial = observer.metadata().initialModel();
            ModelSpec spec = plain.getSpec(observer.metadata().modelSpec());
            ModelStore participant1 = reader(plain, DevAccounts.account(1).getEcKeyPair(), initial);
            ModelStore creator = reader(plain, DevAccounts.account(0).getEcKeyPair(), initial);
            ECKeyPair outsider = DevAccounts.account(9).getEcKeyPair();
            Set<String> everyone = Set.of(TaskFixture.address(0), TaskFixture.address(1), TaskFixture.address(2),
                    TaskFixture.address(3), tamperer);

            for (long round = 1; round <= ROUNDS; round++) {
                for (TaskEvents.Revealed r : events.revealed(round)) {
                    byte[] stored = node.cat(r.cid());
                    // what was committed and revealed is a container, not a weight file
                    assertThat(new String(stored, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FLEF");
                    assertThat(catchThrowableOfType(() -> plain.getWeights(r.cid(), spec), ModelStoreException.class)
                            .kind()).isEqualTo(ModelStoreException.Kind.INVALID);
                    assertThat(reason(stored, outsider)).isEqualTo(Reason.NOT_A_RECIPIENT);
                    assertThat(recipients(stored)).isEqualTo(everyone);
                    if (r.participant().equals(tamperer)) {
                        assertThat(reason(stored, DevAccounts.account(1).getEcKeyPair())).isEqualTo(Reason.TAMPERED);
                        assertThat(catchThrowableOfType(() -> participant1.getWeights(r.cid(), spec),
                                ModelStoreException.class)).hasMessageContaining("ciphertext tampered");
                    } else {
                        WeightFile update = participant1.getWeights(r.cid(), spec);
                        assertThat(creator.getWeights(r.cid(), spec).values()).isEqualTo(update.values());
                        assertThat(CidCalculator.of(update.encode())).isNotEqualTo(r.cid());
                    }
                }
                // the finalized aggregate: encrypted for the creator and every member, readable by them only
                Cid aggregate = events.finalized(round).aggregate();
                byte[] stored = node.cat(aggregate);
                assertThat(recipients(stored)).isEqualTo(everyone);
                assertThat(reason(stored, outsider)).isEqualTo(Reason.NOT_A_RECIPIENT);
                WeightFile global = participant1.getWeights(aggregate, spec);
                assertThat(creator.getWeights(aggregate, spec).values()).isEqualTo(global.values());
                assertThat(CidCalculator.of(global.encode())).isNotEqualTo(aggregate);
                // every honest participant computed these very bytes on its own (the round finalizes
                // on the first three votes, so not every vote lands), and all votes cast agree
                for (int i = 1; i <= HONEST; i++) {
                    assertThat(computed.get(TaskFixture.address(i) + " " + round)).as("participant %d, round %d", i, round)
                            .isEqualTo(aggregate);
                }
                List<TaskEvents.Vote> votes = events.votes(round);
                assertThat(votes).hasSizeGreaterThanOrEqualTo(3)
                        .extracting(TaskEvents.Vote::ordinal).containsOnly(votes.get(0).ordinal());
            }

            // the tampered updates were rejected and slashed in both rounds, by honest reporters; nobody else was slashed
            List<TaskEvents.Slash> slashes = events.slashes();
            assertThat(slashes).extracting(TaskEvents.Slash::offender, TaskEvents.Slash::kind, TaskEvents.Slash::round)
                    .containsExactlyInAnyOrder(tuple(tamperer, SlashKind.REJECTED_UPDATE, 1L),
                            tuple(tamperer, SlashKind.REJECTED_UPDATE, 2L));
            for (int i = 1; i <= HONEST; i++) {
                assertThat(observer.rewardsOf(TaskFixture.address(i))).as("participant %d", i).isPositive();
            }
        }
    }

    private static ModelStore reader(ModelStore plain, ECKeyPair keys, Cid initial) {
        return plain.sealedWith(EncryptedFiles.reader(keys, Set.of(initial), 16));
    }

    private static Reason reason(byte[] container, ECKeyPair keys) {
        return catchThrowableOfType(() -> UpdateCipher.open(container, keys), UpdateCipherException.class).reason();
    }

    private static Set<String> recipients(byte[] container) throws UpdateCipherException {
        return Set.copyOf(SealedUpdate.decode(container).keyWrap().keys().stream().map(WrappedKey::address).toList());
    }
}
