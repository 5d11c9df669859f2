package org.fedledger.storage;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link ContentStore} that keeps, in memory, the content another store has already verified,
 * so that many readers in one JVM (the participants of {@code fl bench scale} or the demo, each
 * reading every update of a round) fetch and hash each file once instead of once per reader.
 * Content never changes under its CID, so held bytes are never stale; and only bytes the inner
 * store verified against their CID are held (what its {@link #cat} returned, or what its
 * {@link #add} confirmed), so every byte read from IPFS is still verified against its CID.
 *
 * <p>What it holds is bounded by a byte budget, the least recently used content going first;
 * content larger than the whole budget is not held. Concurrent {@code cat}s of one CID share one
 * fetch from the inner store and get its result, or its failure (the same exception instance);
 * failures are not held, so the next {@code cat} fetches again. {@link #pin} and
 * {@link #version} go straight to the inner store. Safe to share between threads.
 *
 * <p>{@code cat} hands every reader of a CID the same array, without copying it, as
 * {@link ContentStore#cat} allows: callers must not modify it. {@code ModelStore}, the one
 * caller, only decodes it (into a {@code String}, a weight file's floats, or a decrypted copy).
 * {@code add} holds a copy, because its caller owns the array it passed in.
 */
public final class CachingContentStore implements ContentStore {
    /**
     * A budget for a store shared by many participants in one JVM: 256 MiB. A round of 100
     * participants reads 100 updates of up to 400 KB and a global model, about 40 MB, and every
     * participant reads them in the same order; least-recently-used eviction over a working set
     * larger than its budget evicts each file just before its next reader wants it and hits
     * nothing, so the budget leaves a wide margin, and costs heap only for content actually read.
     * A single {@code fl participant run} process reads each file about once, so there the cache
     * hits only on what that participant added itself (its aggregate, the next global model): a
     * budget of a few files (say 16 MiB) serves it, and leaves the heap to training.
     */
    public static final long DEFAULT_BUDGET_BYTES = 256L << 20;

    private final ContentStore inner;
    private final long budgetBytes;
    /** Verified content by CID, least recently used first; guarded by itself. */
    private final LinkedHashMap<Cid, byte[]> held = new LinkedHashMap<>(16, 0.75f, true);
    /** The total length of what {@link #held} holds; guarded by {@link #held}. */
    private long bytesHeld;
    /** The fetches from the inner store under way, by CID, which other readers of it wait for. */
    private final ConcurrentHashMap<Cid, Fetch> fetches = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param inner       the store that fetches and verifies
     * @param budgetBytes the most content to hold, in bytes; 0 holds nothing but still
     *                    shares concurrent fetches
     */
    public CachingContentStore(ContentStore inner, long budgetBytes) {
        this.inner = requireNonNull(inner, "inner == null");
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("budgetBytes < 0: " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /** Adds through the inner store, then holds a copy of {@code content} under the CID it confirmed. */
    @Override
    public Cid add(byte[] content) throws StorageException {
        Cid cid = inner.add(content);
        if (content.length <= budgetBytes) {
            hold(cid, content.clone());
        }
        return cid;
    }

    @Override
    public byte[] cat(Cid cid) throws StorageException {
        return cat(cid, Long.MAX_VALUE);
    }

    /** As {@link ContentStore#cat(Cid, long)}; held content over {@code maxBytes} is refused the same way. */
    @Override
    public byte[] cat(Cid cid, long maxBytes) throws StorageException {
        requireNonNull(cid, "cid == null");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        }
        while (true) {
            byte[] content = held(cid);
            if (content != null) {
                hits.increment();
                return within(cid, content, maxBytes);
            }
            Fetch mine = new Fetch(maxBytes, new CompletableFuture<>());
            Fetch running = fetches.putIfAbsent(cid, mine);
            if (running == null) {
                return fetch(cid, mine);
            }
            coalesced.increment();
            try {
                return within(cid, running.await(cid), maxBytes);
            } catch (ContentTooLargeException e) {
                if (running.limit() >= maxBytes) {
                    throw e;
                }
                // That reader allowed less than this one does: fetch again with this one's limit.
            }
        }
    }

    @Override
    public void pin(Cid cid) throws StorageException {
        inner.pin(cid);
    }

    @Override
    public String version() throws StorageException {
        return inner.version();
    }

    /** How often the cache served reads, and what it holds now. */
    public Stats stats() {
        synchronized (held) {
            return new Stats(hits.sum(), coalesced.sum(), misses.sum(), bytesHeld);
        }
    }

    /**
     * How a {@link CachingContentStore} has done so far.
     *
     * @param hits      {@code cat}s answered from held content
     * @param coalesced {@code cat}s that waited for a fetch another reader had started
     * @param misses    fetches from the inner store, failed ones included
     * @param bytesHeld the total length of the content held now
     */
    public record Stats(long hits, long coalesced, long misses, long bytesHeld) {
        public Stats {
            if (hits < 0 || coalesced < 0 || misses < 0 || bytesHeld < 0) {
                throw new IllegalArgumentException("negative stats: " + hits + ", " + coalesced + ", " + misses
                        + ", " + bytesHeld);
            }
        }
    }

    /**
     * Fetches {@code cid} for every reader waiting on {@code mine}, which this thread claimed.
     * The fetch leaves {@link #fetches} before it completes, so a woken reader that must fetch
     * again never finds it there.
     */
    private byte[] fetch(Cid cid, Fetch mine) throws StorageException {
        byte[] content;
        try {
            content = held(cid); // a fetch may have ended between this reader's look and its claim
            if (content != null) {
                hits.increment();
            } else {
                misses.increment();
                content = mine.limit() == Long.MAX_VALUE ? inner.cat(cid) : inner.cat(cid, mine.limit());
                hold(cid, content);
            }
        } catch (StorageException | RuntimeException | Error e) {
            fetches.remove(cid, mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
        fetches.remove(cid, mine);
        mine.result().complete(content);
        return within(cid, content, mine.limit());
    }

    private byte[] held(Cid cid) {
        synchronized (held) {
            return held.get(cid);
        }
    }

    private void hold(Cid cid, byte[] content) {
        if (content.length > budgetBytes) {
            return;
        }
        synchronized (held) {
            if (held.putIfAbsent(cid, content) != null) {
                return;
            }
            bytesHeld += content.length;
            Iterator<Map.Entry<Cid, byte[]>> eldestFirst = held.entrySet().iterator();
            while (bytesHeld > budgetBytes) {
                bytesHeld -= eldestFirst.next().getValue().length;
                eldestFirst.remove();
            }
        }
    }

    private static byte[] within(Cid cid, byte[] content, long maxBytes) throws ContentTooLargeException {
        if (content.length > maxBytes) {
            throw new ContentTooLargeException(cid + " has " + content.length + " bytes, over the limit of "
                    + maxBytes, maxBytes, null);
        }
        return content;
    }

    /** One fetch from the inner store, made with the limit of the reader that started it. */
    private record Fetch(long limit, CompletableFuture<byte[]> result) {
        byte[] await(Cid cid) throws StorageException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting for another reader's fetch of " + cid, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof StorageException s) {
                    throw s;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) cause; // fetch completes exceptionally with nothing else
            }
        }
    }
}
