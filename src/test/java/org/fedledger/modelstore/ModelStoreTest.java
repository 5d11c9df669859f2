package org.fedledger.modelstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStoreException.Kind;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.StorageException;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;

/** Specs and weights through a fake store: what comes back, and what is refused and why. */
class ModelStoreTest {
    private static final ModelSpec SPEC = ModelSpecs.get("tabular-mlp:4:3");
    private static final int PARAMS = 515;

    private final InMemoryContentStore memory = new InMemoryContentStore();
    private final ModelStore store = new ModelStore(memory);

    @Test
    void specComesBackAsTheSameBytesNamedByItsCidAndIsPinned() throws Exception {
        Cid cid = store.putSpec(SPEC);

        ModelSpec read = store.getSpec(cid);

        assertThat(cid).isEqualTo(CidCalculator.of(SPEC.bytes()));
        assertThat(read.name()).isEqualTo(cid.toString());
        assertThat(read.bytes()).isEqualTo(SPEC.bytes());
        assertThat(read.digest()).isEqualTo(SPEC.digest());
        assertThat(memory.isPinned(cid)).isTrue();
    }

    @Test
    void weightsComeBackBitExactlyAndArePinned() throws Exception {
        float[] values = SPEC.initialWeights();
        values[3] = -0f;
        WeightFile weights = new WeightFile(SPEC.digest(), values);

        Cid cid = store.putWeights(weights);

        assertThat(cid).isEqualTo(CidCalculator.of(weights.encode()));
        assertThat(store.getWeights(cid, SPEC)).isEqualTo(weights);
        assertThat(Float.floatToRawIntBits(store.getWeights(cid, SPEC).values()[3])).isEqualTo(0x80000000);
        assertThat(memory.isPinned(cid)).isTrue();
    }

    @Test
    void eachPutIsOneAddThatPinsWithNoSecondPinCall() throws Exception {
        Cid spec = store.putSpec(SPEC);
        Cid weights = store.putWeights(new WeightFile(SPEC.digest(), SPEC.initialWeights()));
        Cid raw = store.putRaw(new byte[] {1, 2, 3});

        assertThat(memory.adds()).isEqualTo(3);
        assertThat(memory.pinCalls()).isZero();
        assertThat(List.of(spec, weights, raw)).allMatch(memory::isPinned);
    }

    @Test
    void weightsOfAnotherModelAreRefused() throws Exception {
        ModelSpec other = ModelSpecs.get("tabular-mlp:3:3"); // smaller, so its header is read
        Cid cid = store.putWeights(new WeightFile(other.digest(), other.initialWeights()));

        ModelStoreException e = refusedWeights(cid);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e).hasMessageStartingWith("weight file " + cid
                + " is malformed: model spec digest mismatch: file has ");
        Cid larger = store.putWeights(new WeightFile(ModelSpecs.get("tabular-mlp:4:4").digest(),
                ModelSpecs.get("tabular-mlp:4:4").initialWeights()));
        assertThat(refusedWeights(larger)).hasMessage("weight file " + larger
                + " is malformed: over the 2108 bytes it can have");
    }

    @Test
    void weightFileWithTheWrongParameterCountIsRefused() throws Exception {
        Cid cid = store.putWeights(new WeightFile(SPEC.digest(), new float[PARAMS - 1]));

        assertThat(refusedWeights(cid))
                .hasMessage("weight file " + cid + " is malformed: expected 515 parameters, file has 514");
    }

    @Test
    void truncatedOrPaddedWeightFileIsRefusedForItsLength() throws Exception {
        byte[] file = new WeightFile(SPEC.digest(), SPEC.initialWeights()).encode();
        Cid truncated = memory.add(Arrays.copyOf(file, file.length - 1));
        Cid padded = memory.add(Arrays.copyOf(file, file.length + 4));

        assertThat(refusedWeights(truncated))
                .hasMessage("weight file " + truncated
                        + " is malformed: length 2107 does not match header (expected 2108)");
        assertThat(refusedWeights(padded))
                .hasMessage("weight file " + padded + " is malformed: over the 2108 bytes it can have");
        assertThat(refusedWeights(padded).kind()).as("slashable, not an outage").isEqualTo(Kind.INVALID);
    }

    @Test
    void weightFileWithANanIsRefusedNamingTheValueAndTheCid() throws Exception {
        byte[] file = new WeightFile(SPEC.digest(), SPEC.initialWeights()).encode();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putFloat(48 + 4 * 17, Float.NaN);
        Cid cid = memory.add(file);

        ModelStoreException e = refusedWeights(cid);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e).hasMessage("weight file " + cid + " is malformed: value 17 is NaN");
    }

    @Test
    void weightFileOverTheParticipantsLimitIsRefused() throws Exception {
        ModelStore small = new ModelStore(memory, 2048);
        Cid cid = small.putWeights(new WeightFile(SPEC.digest(), SPEC.initialWeights()));

        ModelStoreException e = catchThrowableOfType(ModelStoreException.class, () -> small.getWeights(cid, SPEC));

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e).hasMessage("weight file " + cid + " is malformed: file of 2.1 KiB exceeds the 2 KiB limit");
    }

    @Test
    void substitutedWeightBytesAreACidMismatch() throws Exception {
        WeightFile weights = new WeightFile(SPEC.digest(), SPEC.initialWeights());
        Cid cid = store.putWeights(weights);
        byte[] tampered = weights.encode();
        tampered[100] ^= 1;
        memory.substitute(cid, tampered);

        ModelStoreException e = refusedWeights(cid);

        assertThat(e.kind()).isEqualTo(Kind.CID_MISMATCH);
        assertThat(e).hasMessage("cannot read weight file " + cid + ": cat from memory: expected CID " + cid
                + " but got " + CidCalculator.of(tampered));
    }

    @Test
    void substitutedSpecBytesAreACidMismatchToo() throws Exception {
        Cid cid = store.putSpec(SPEC);
        memory.substitute(cid, SPEC.json().replace("\"nout\" : 3", "\"nout\" : 4").getBytes(UTF_8));

        ModelStoreException e = refusedSpec(cid);

        assertThat(e.kind()).isEqualTo(Kind.CID_MISMATCH);
        assertThat(e).hasMessageStartingWith("cannot read model spec " + cid + ": cat from memory: expected CID "
                + cid);
    }

    @Test
    void storageFailuresAreAnOutageNotABadFile() throws Exception {
        Cid cid = store.putSpec(SPEC);
        memory.failWith(new StorageException("IPFS node at http://127.0.0.1:5001 refused the connection"));

        ModelStoreException read = refusedWeights(cid);
        ModelStoreException write = catchThrowableOfType(ModelStoreException.class, () -> store.putSpec(SPEC));
        ModelStoreException pin = catchThrowableOfType(ModelStoreException.class, () -> store.pin(cid));

        assertThat(read.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(read).hasMessage("cannot read weight file " + cid
                + ": IPFS node at http://127.0.0.1:5001 refused the connection");
        assertThat(write.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(write).hasMessageStartingWith("cannot store model spec tabular-mlp:4:3: ");
        assertThat(pin.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(pin).hasMessageStartingWith("cannot pin " + cid + ": ");
    }

    @Test
    void contentThatIsNotASpecIsRefusedInOneLine() throws Exception {
        Cid text = memory.add("hello".getBytes(UTF_8));
        Cid binary = memory.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0});

        assertThat(refusedSpec(text)).hasMessageStartingWith("model spec " + text
                + " is malformed: not a usable DL4J MultiLayerConfiguration: ");
        assertThat(refusedSpec(text).getMessage()).doesNotContain("\n");
        assertThat(refusedSpec(binary)).hasMessage("model spec " + binary + " is malformed: not UTF-8 text");
    }

    @Test
    void specWhoseLayersDoNotFitTogetherIsRefusedForNotRunning() throws Exception {
        String json = SPEC.json().replace("\"nin\" : 64", "\"nin\" : 65"); // edited by hand: DL4J builds it
        Cid cid = memory.add(json.getBytes(UTF_8));

        ModelStoreException e = refusedSpec(cid);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e).hasMessageStartingWith("model spec " + cid + " does not run: ")
                .hasMessageContaining("does not match layer input size (layer # inputs = 65)");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void specNeedingWeightFilesOverTheLimitIsRefusedBeforeItIsBuilt() throws Exception {
        Cid cid = store.putSpec(SPEC);
        ModelStore small = new ModelStore(memory, 2048);

        ModelStoreException e = catchThrowableOfType(ModelStoreException.class, () -> small.getSpec(cid));

        assertThat(e).hasMessage("model spec " + cid + " has 515 parameters, a weight file of 2108 bytes, "
                + "over this participant's limit of 2048");
    }

    @Test
    void oversizedSpecIsRefusedUnread() throws Exception {
        byte[] huge = new byte[ModelStore.MAX_SPEC_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        Cid cid = memory.add(huge);

        assertThat(refusedSpec(cid)).hasMessage("model spec " + cid + " is malformed: over the 1048576 bytes it"
                + " can have");
    }

    private ModelStoreException refusedWeights(Cid cid) {
        return catchThrowableOfType(ModelStoreException.class, () -> store.getWeights(cid, SPEC));
    }

    private ModelStoreException refusedSpec(Cid cid) {
        return catchThrowableOfType(ModelStoreException.class, () -> store.getSpec(cid));
    }
}
