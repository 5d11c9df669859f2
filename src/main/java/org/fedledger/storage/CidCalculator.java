package org.fedledger.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;

/**
 * Computes, without a node, the CID that Kubo and js-ipfs assign to a file added with
 * {@code cid-version=1&raw-leaves=true&chunker=size-262144} and the default balanced layout:
 * 262144-byte raw leaves, at most 174 links per dag-pb UnixFS File node. A file of one chunk
 * (also the empty file) is its own raw leaf. Participants use it to check what a node stored
 * and returned, so a dishonest or broken node cannot substitute content.
 */
public final class CidCalculator {
    /** Bytes per leaf: {@code chunker=size-262144}. */
    static final int CHUNK_SIZE = 262_144;
    /** Links per dag-pb node in the balanced layout of Kubo and js-ipfs. */
    static final int MAX_LINKS = 174;

    private CidCalculator() {}

    /** Returns the CID of {@code content}. */
    public static Cid of(byte[] content) {
        requireNonNull(content, "content == null");
        BalancedFileDag dag = new BalancedFileDag(MAX_LINKS);
        int offset = 0;
        do {
            int length = Math.min(CHUNK_SIZE, content.length - offset);
            dag.addChunk(content, offset, length);
            offset += length;
        } while (offset < content.length);
        return dag.finish().cid();
    }

    /**
     * Returns the CID of everything {@code in} yields until its end, holding one chunk at a
     * time. The stream is not closed.
     */
    public static Cid of(InputStream in) throws IOException {
        requireNonNull(in, "in == null");
        return of(in, CHUNK_SIZE, MAX_LINKS).cid();
    }

    /** The root link of the DAG with other parameters: for tests against small trees. */
    static BalancedFileDag.Link of(InputStream in, int chunkSize, int maxLinks) throws IOException {
        BalancedFileDag dag = new BalancedFileDag(maxLinks);
        byte[] chunk = new byte[chunkSize];
        boolean first = true;
        int length;
        do {
            length = in.readNBytes(chunk, 0, chunkSize);
            if (length > 0 || first) {
                dag.addChunk(chunk, 0, length);
            }
            first = false;
        } while (length == chunkSize);
        return dag.finish();
    }
}
