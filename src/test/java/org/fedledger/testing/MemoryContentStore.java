package org.fedledger.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.ContentStore;
import org.fedledger.storage.StorageException;

/**
 * IPFS in memory, with IPFS's CIDs, for unit tests: thread-safe, and one shared map of contents
 * can stand behind several views, each counting the reads made through it (one view per
 * participant, to see what it fetched).
 */
public final class MemoryContentStore implements ContentStore {
    private final Map<Cid, byte[]> contents;
    private final Map<Cid, AtomicInteger> reads = new ConcurrentHashMap<>();

    public MemoryContentStore() {
        this(new ConcurrentHashMap<>());
    }

    private MemoryContentStore(Map<Cid, byte[]> contents) {
        this.contents = contents;
    }

    /** Another view of the same contents, with its own read counts. */
    public MemoryContentStore view() {
        return new MemoryContentStore(contents);
    }

    @Override
    public Cid add(byte[] content) {
        Cid cid = CidCalculator.of(content);
        contents.put(cid, content.clone());
        return cid;
    }

    @Override
    public byte[] cat(Cid cid) throws StorageException {
        byte[] content = contents.get(cid);
        if (content == null) {
            throw new StorageException("memory has no " + cid);
        }
        reads.computeIfAbsent(cid, c -> new AtomicInteger()).incrementAndGet();
        return content.clone();
    }

    @Override
    public void pin(Cid cid) throws StorageException {
        if (!contents.containsKey(cid)) {
            throw new StorageException("memory has no " + cid + " to pin");
        }
    }

    @Override
    public String version() {
        return "in-memory";
    }

    /** How many times {@code cid} was read through this view. */
    public int reads(Cid cid) {
        AtomicInteger n = reads.get(cid);
        return n == null ? 0 : n.get();
    }
}
