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
 * A {@link ContentStore} in memory with IPFS's CIDs that remembers what was pinned and can be
 * told to misbehave: to answer a CID with other bytes, with or without noticing as the real
 * client does, or to fail every call.
 */
final class InMemoryContentStore implements ContentStore {
    private final Map<Cid, byte[]> contents = new HashMap<>();
    private final Map<Cid, byte[]> substitutes = new HashMap<>();
    private final Set<Cid> pinned = new HashSet<>();
    private boolean verifies;
    private StorageException outage;

    @Override
    public Cid add(byte[] content) throws StorageException {
        failIfOut();
        Cid cid = CidCalculator.of(content);
        contents.put(cid, content.clone());
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
        if (verifies && !actual.equals(cid)) {
            throw new ContentVerificationException("cat from memory", cid, actual);
        }
        return content.clone();
    }

    @Override
    public void pin(Cid cid) throws StorageException {
        failIfOut();
        if (!contents.containsKey(cid)) {
            throw new StorageException("memory has no " + cid + " to pin");
        }
        pinned.add(cid);
    }

    @Override
    public String version() {
        return "in-memory";
    }

    /** From now on, answers {@code cat(cid)} with {@code content}, as a bad node would. */
    InMemoryContentStore substitute(Cid cid, byte[] content) {
        substitutes.put(cid, content.clone());
        return this;
    }

    /** From now on, checks what it returns against the CID, as {@code IpfsRpcClient} does. */
    InMemoryContentStore verifying() {
        verifies = true;
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

    private void failIfOut() throws StorageException {
        if (outage != null) {
            throw outage;
        }
    }
}
