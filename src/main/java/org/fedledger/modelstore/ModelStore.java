package org.fedledger.modelstore;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStoreException.Kind;
import org.fedledger.storage.Cid;
import org.fedledger.storage.ContentStore;
import org.fedledger.storage.ContentTooLargeException;
import org.fedledger.storage.ContentVerificationException;
import org.fedledger.storage.StorageException;
import org.fedledger.weights.WeightFile;
import org.fedledger.weights.WeightFileException;

/**
 * Model specs and weight files in a {@link ContentStore}, the way participants exchange them.
 * What it stores it also pins (the store's add pins); what it reads it hands over only when the
 * bytes hash to the CID asked for (which every {@link ContentStore} checks, so this class does
 * not hash them again) and are a spec that builds and runs, or a weight file of the expected
 * spec with finite values. Weight files larger than the limit given at construction are
 * refused, and so are specs whose weight files would be. Instances are immutable and as
 * thread-safe as their store.
 */
public final class ModelStore {
    /** The largest weight file read unless told otherwise: 1 GiB, the IPFS client's own limit. */
    public static final long DEFAULT_MAX_WEIGHT_BYTES = 1L << 30;
    /** The largest spec read: DL4J's JSON for a network of a dozen layers is about 20 KB. */
    static final int MAX_SPEC_BYTES = 1 << 20;

    private final ContentStore store;
    private final long maxWeightBytes;
    /** What weight files are sealed with; null: stored as they are. */
    private final FileSeal seal;

    /** A model store over {@code store} that reads weight files of up to 1 GiB. */
    public ModelStore(ContentStore store) {
        this(store, DEFAULT_MAX_WEIGHT_BYTES);
    }

    /** A model store over {@code store} that reads weight files of up to {@code maxWeightBytes}. */
    public ModelStore(ContentStore store, long maxWeightBytes) {
        this(store, maxWeightBytes, null);
        if (maxWeightBytes < 1) {
            throw new IllegalArgumentException("maxWeightBytes < 1: " + maxWeightBytes);
        }
    }

    private ModelStore(ContentStore store, long maxWeightBytes, FileSeal seal) {
        this.store = requireNonNull(store, "store == null");
        this.maxWeightBytes = maxWeightBytes;
        this.seal = seal;
    }

    /**
     * This store with weight files sealed by {@code seal} on the way in and opened on the way out
     * (a task with encrypted files); the same node, limits and checks otherwise.
     */
    public ModelStore sealedWith(FileSeal seal) {
        return new ModelStore(store, maxWeightBytes, requireNonNull(seal, "seal == null"));
    }

    /** Stores and pins the spec's bytes and returns their CID, the one a task names. */
    public Cid putSpec(ModelSpec spec) throws ModelStoreException {
        requireNonNull(spec, "spec == null");
        return put("model spec " + spec.name(), spec.bytes());
    }

    /**
     * Reads the spec {@code cid} names, named after its CID, after checking that its network
     * builds and turns one row of features into one score per class.
     *
     * @throws ModelStoreException of kind {@link Kind#INVALID} for bytes that are not such a
     *     spec or that need weight files over this store's limit
     */
    public ModelSpec getSpec(Cid cid) throws ModelStoreException {
        String what = "model spec " + requireNonNull(cid, "cid == null");
        byte[] bytes = read(what, cid, MAX_SPEC_BYTES);
        ModelSpec spec;
        try {
            String json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            spec = new ModelSpec(cid.toString(), json);
        } catch (CharacterCodingException e) {
            throw invalid(what + " is malformed: not UTF-8 text", e);
        } catch (IllegalArgumentException e) {
            throw invalid(what + " is malformed: " + e.getMessage(), e);
        }
        long weightBytes = WeightFile.encodedLength(spec.parameterCount());
        if (weightBytes > maxWeightBytes) {
            throw invalid(what + " has " + spec.parameterCount() + " parameters, a weight file of " + weightBytes
                    + " bytes, over this participant's limit of " + maxWeightBytes, null);
        }
        try {
            spec.checkRuns();
        } catch (IllegalArgumentException e) {
            throw invalid(what + " " + e.getMessage(), e);
        }
        return spec;
    }

    /** Stores and pins the weight file's canonical bytes and returns their CID. */
    public Cid putWeights(WeightFile weights) throws ModelStoreException {
        return put("weight file", encode(weights));
    }

    /** The bytes {@link #putWeights} stores for {@code weights}: its canonical bytes, sealed if this store seals. */
    public byte[] encode(WeightFile weights) {
        byte[] file = requireNonNull(weights, "weights == null").encode();
        return seal == null ? file : seal.seal(file);
    }

    /**
     * Stores and pins bytes that need not be a spec or a weight file and returns their CID: for
     * attack simulations and tests, which must publish files that honest code refuses to make.
     */
    public Cid putRaw(byte[] bytes) throws ModelStoreException {
        requireNonNull(bytes, "bytes == null");
        return put("file", bytes);
    }

    /**
     * Reads the weight file {@code cid} names and checks it against {@code expected}: its spec
     * digest, its parameter count and length, and that every value is finite.
     *
     * @throws ModelStoreException of kind {@link Kind#INVALID} naming the CID and the first
     *     problem, e.g. {@code "weight file bafk... is malformed: value 17 is NaN"}
     */
    public WeightFile getWeights(Cid cid, ModelSpec expected) throws ModelStoreException {
        String what = "weight file " + requireNonNull(cid, "cid == null");
        requireNonNull(expected, "expected == null");
        long length = WeightFile.encodedLength(expected.parameterCount());
        byte[] bytes = read(what, cid, seal == null ? length : length + seal.overhead());
        if (seal != null) {
            try {
                bytes = seal.open(cid, bytes);
            } catch (FileSeal.Unreadable e) {
                throw invalid(what + " is malformed: " + e.getMessage(), e);
            }
        }
        try {
            return WeightFile.decode(bytes, expected.digest(), expected.parameterCount(), maxWeightBytes);
        } catch (WeightFileException e) {
            throw invalid(what + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Keeps {@code cid} on the node, fetching it first if the node lacks it. */
    public void pin(Cid cid) throws ModelStoreException {
        requireNonNull(cid, "cid == null");
        try {
            store.pin(cid);
        } catch (StorageException e) {
            throw failed("cannot pin " + cid, e);
        }
    }

    private Cid put(String what, byte[] bytes) throws ModelStoreException {
        Cid cid;
        try {
            cid = store.add(bytes);
        } catch (StorageException e) {
            throw failed("cannot store " + what, e);
        }
        return cid;
    }

    /**
     * Reads at most {@code maxBytes} of the content {@code cid} names; longer content is
     * {@link Kind#INVALID} (the reader knows the size a valid file has), and is not read on.
     * The store has verified the bytes against {@code cid}; bytes that hash to another CID are
     * its {@link ContentVerificationException}, a {@link Kind#CID_MISMATCH}.
     */
    private byte[] read(String what, Cid cid, long maxBytes) throws ModelStoreException {
        byte[] bytes;
        try {
            bytes = store.cat(cid, maxBytes);
        } catch (ContentTooLargeException e) {
            throw invalid(what + " is malformed: over the " + maxBytes + " bytes it can have", e);
        } catch (StorageException e) {
            throw failed("cannot read " + what, e);
        }
        return bytes;
    }

    private static ModelStoreException failed(String what, StorageException e) {
        Kind kind = e instanceof ContentVerificationException ? Kind.CID_MISMATCH : Kind.UNAVAILABLE;
        return new ModelStoreException(kind, what + ": " + e.getMessage(), e);
    }

    private static ModelStoreException invalid(String message, Throwable cause) {
        return new ModelStoreException(Kind.INVALID, message, cause);
    }
}
