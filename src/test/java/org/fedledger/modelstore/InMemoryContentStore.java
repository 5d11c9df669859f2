package org.fedledger.modelstore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.ContentStore;
import org.fedledger.storage.ContentVerificationException;
import org.fedledger.storage.StorageException;

/**
 * A {@link ContentStore} in memory with IPFS's CIDs that keeps the contract as
 * {@code IpfsRpcClient} does (add pins; cat checks the bytes against the CID), counts the calls
 * that would be round trips to a node, and can be told to misbehave: to hold other bytes under
 * a CID, as a node with a corrupted block would, or to fail every call.
 */
final class InMemoryContentStore implements ContentStore {
    private final Map<Cid, byte[]> contents = new HashMap<>();
    private final Map<Cid, byte[]> substitutes = new HashMap<>();
    private final Set<Cid> pinned = new HashSet<>();
    private int adds;
    private int pinCalls;
    private StorageException outage;

    @Override
    public Cid add(byte[] content) throws StorageException {
        failIfOut();
        adds++;
        Cid cid = CidCalculator.of(content);
        contents.put(cid, content.clone());
        pinned.add(cid);
        return cid;
    }

    @Override
    public byte[] cat(Cid cid) throws StorageException {
        failIfOut();
        byte[] content = substitutes.getOrDefault(cid, contents.get(cid));
        if (content == null) {
            throw new StorageException("memory has no " + cid);
        }
        Cid actual = CidCalculator.of(content);
        if (!actual.equals(cid)) {
            throw new ContentVerificationException("cat from memory", cid, actual);
        }
        return content.clone();
    }

    @Override
    public void pin(Cid cid) throws StorageException {
        failIfOut();
        pinCalls++;
        if (!contents.containsKey(cid)) {
            throw new StorageException("memory has no " + cid + " to pin");
        }
        pinned.add(cid);
    }

    @Override
    public String version() {
        return "in-memory";
    }

    /** From now on, holds {@code content} under {@code cid}, as a node with a corrupted block would. */
    InMemoryContentStore substitute(Cid cid, byte[] content) {
        substitutes.put(cid, content.clone());
        return this;
    }

    /** From now on, fails every call with {@code e}. */
    InMemoryContentStore failWith(StorageException e) {
        outage = e;
        return this;
    }

    boolean isPinned(Cid cid) {
        return pinned.contains(cid);
    }

    /** How many times {@link #add} was called. */
    int adds() {
        return adds;
    }

    /** How many times {@link #pin} was called, apart from the pinning that {@link #add} does. */
    int pinCalls() {
        return pinCalls;
    }

    private void failIfOut() throws StorageException {
        if (outage != null) {
            throw outage;
        }
    }
}
