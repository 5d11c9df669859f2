package org.fedledger.adversary;

import java.util.HashMap;
import java.util.Map;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.ContentStore;
import org.fedledger.storage.StorageException;

/** A {@link ContentStore} in memory with IPFS's CIDs, for what the attacks publish. */
final class InMemoryContentStore implements ContentStore {
    private final Map<Cid, byte[]> contents = new HashMap<>();

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
}
