package org.fedledger.storage;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming builder of the balanced UnixFS file DAG that Kubo and js-ipfs build with
 * {@code raw-leaves=true}: chunks become raw leaves, runs of {@code maxLinks} nodes of one layer
 * become a dag-pb parent in the layer above, until one root remains. It keeps at most
 * {@code maxLinks - 1} pending links per layer, never the chunks.
 *
 * <p>Layers are closed eagerly when full; at the end each partial layer below the top is
 * wrapped into one more parent, which yields the same tree as js-ipfs' layer-by-layer batching
 * ({@code ipfs-unixfs-importer} {@code balanced.js}) and Kubo's depth-first balanced builder:
 * every leaf at the same depth, every node full except along the right edge.
 */
final class BalancedFileDag {
    /** One child as its parent sees it. */
    record Link(Cid cid, long tsize, long fileSize) {
        Link {
            requireNonNull(cid, "cid == null");
            if (tsize < 0 || fileSize < 0) {
                throw new IllegalArgumentException("tsize/fileSize < 0");
            }
        }
    }

    private static final int UNIXFS_FILE = 2;

    private final int maxLinks;
    private final MessageDigest sha256 = newSha256();
    private final List<List<Link>> layers = new ArrayList<>();
    private boolean finished;

    BalancedFileDag(int maxLinks) {
        if (maxLinks < 2) {
            throw new IllegalArgumentException("maxLinks < 2: " + maxLinks);
        }
        this.maxLinks = maxLinks;
    }

    /** Adds the next chunk as a raw leaf. An empty file is one empty chunk. */
    void addChunk(byte[] buffer, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        sha256.update(buffer, offset, length);
        push(0, new Link(Cid.of(Cid.RAW, sha256.digest()), length, length));
    }

    /** Closes the DAG and returns its root; a single leaf is its own root. */
    Link finish() {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        finished = true;
        for (int i = 0; i < layers.size(); i++) {
            List<Link> layer = layers.get(i);
            if (layer.isEmpty()) {
                continue;
            }
            if (layer.size() == 1 && isTop(i)) {
                return layer.get(0);
            }
            Link parent = parentOf(layer);
            layer.clear();
            push(i + 1, parent);
        }
        throw new IllegalStateException("no chunk was added");
    }

    private boolean isTop(int layer) {
        for (int i = layer + 1; i < layers.size(); i++) {
            if (!layers.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void push(int layer, Link link) {
        while (layers.size() <= layer) {
            layers.add(new ArrayList<>(maxLinks));
        }
        List<Link> links = layers.get(layer);
        links.add(link);
        if (links.size() == maxLinks) {
            // A full layer needs a parent in any case (at the top, that parent is the root).
            Link parent = parentOf(links);
            links.clear();
            push(layer + 1, parent);
        }
    }

    private Link parentOf(List<Link> children) {
        byte[] block = encodeFileNode(children);
        long tsize = block.length;
        long fileSize = 0;
        for (Link child : children) {
            tsize += child.tsize();
            fileSize += child.fileSize();
        }
        return new Link(Cid.of(Cid.DAG_PB, sha256.digest(block)), tsize, fileSize);
    }

    /**
     * Encodes a dag-pb PBNode in canonical form: every PBLink (field 2) with Hash (1), an empty
     * but present Name (2) and Tsize (3), then Data (field 1), a UnixFS {@code Data} message
     * with Type (1) = File, filesize (3) and one unpacked blocksizes (4) per child.
     */
    static byte[] encodeFileNode(List<Link> children) {
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long fileSize = 0;
        for (Link child : children) {
            fileSize += child.fileSize();
        }
        tag(data, 1, 0);
        varint(data, UNIXFS_FILE);
        tag(data, 3, 0);
        varint(data, fileSize);
        for (Link child : children) {
            ByteArrayOutputStream link = new ByteArrayOutputStream();
            lengthDelimited(link, 1, child.cid().bytes());
            lengthDelimited(link, 2, new byte[0]);
            tag(link, 3, 0);
            varint(link, child.tsize());
            lengthDelimited(node, 2, link.toByteArray());
            tag(data, 4, 0);
            varint(data, child.fileSize());
        }
        lengthDelimited(node, 1, data.toByteArray());
        return node.toByteArray();
    }

    private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] value) {
        tag(out, field, 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        byte[] buffer = new byte[10];
        out.write(buffer, 0, Varint.write(buffer, 0, value));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
