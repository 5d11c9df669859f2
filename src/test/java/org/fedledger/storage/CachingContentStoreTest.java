package org.fedledger.storage;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the cache answers itself, what it evicts, and how readers of one CID share a fetch. */
class CachingContentStoreTest {
    private static final int READERS = 8;

    private final Inner inner = new Inner();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void secondCatOfACidDoesNotReachTheInnerStore() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        Cid cid = inner.hold(file(1, 100));

        byte[] first = cache.cat(cid);
        byte[] second = cache.cat(cid);

        assertThat(second).isSameAs(first).isEqualTo(file(1, 100));
        assertThat(inner.cats(cid)).isEqualTo(1);
        assertThat(cache.stats()).isEqualTo(new CachingContentStore.Stats(1, 0, 1, 100));
    }

    @Test
    void contentAddedThroughTheCacheIsReadWithoutTheInnerStoreAndKeptAsAdded() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        byte[] content = file(2, 100);

        Cid cid = cache.add(content);
        content[0] ^= 1; // the caller's array is its own to change

        assertThat(cid).isEqualTo(CidCalculator.of(file(2, 100)));
        assertThat(cache.cat(cid)).isEqualTo(file(2, 100));
        assertThat(inner.cats(cid)).isZero();
        assertThat(inner.adds.get()).isEqualTo(1);
    }

    @Test
    void heldContentOverTheReadersLimitIsRefusedAsTheInnerStoreWould() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        Cid cid = cache.add(file(3, 100));

        ContentTooLargeException e = catchThrowableOfType(ContentTooLargeException.class, () -> cache.cat(cid, 99));

        assertThat(e.limit()).isEqualTo(99);
        assertThat(e).hasMessage(cid + " has 100 bytes, over the limit of 99");
        assertThat(cache.cat(cid, 100)).isEqualTo(file(3, 100));
        assertThat(inner.cats(cid)).isZero();
    }

    @Test
    void theLeastRecentlyUsedContentIsEvictedFirstWhenOverBudget() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 300);
        Cid a = inner.hold(file(10, 100));
        Cid b = inner.hold(file(11, 100));
        Cid c = inner.hold(file(12, 100));
        Cid d = inner.hold(file(13, 100));
        cache.cat(a);
        cache.cat(b);
        cache.cat(c);
        cache.cat(a); // b is now the least recently used

        cache.cat(d);

        assertThat(cache.stats().bytesHeld()).isEqualTo(300);
        cache.cat(a);
        cache.cat(c);
        cache.cat(d);
        assertThat(List.of(inner.cats(a), inner.cats(c), inner.cats(d))).containsOnly(1);
        cache.cat(b);
        assertThat(inner.cats(b)).isEqualTo(2);
    }

    @Test
    void contentLargerThanTheWholeBudgetIsNotHeld() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 100);
        Cid read = inner.hold(file(4, 101));
        Cid added = cache.add(file(5, 101));

        cache.cat(read);
        cache.cat(read);
        cache.cat(added);

        assertThat(inner.cats(read)).isEqualTo(2);
        assertThat(inner.cats(added)).isEqualTo(1);
        assertThat(cache.stats().bytesHeld()).isZero();
    }

    @Test
    void aFailedFetchIsNotHeldAndTheNextCatTriesAgain() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        Cid cid = inner.hold(file(6, 100));
        StorageException outage = new StorageException("IPFS node at http://127.0.0.1:5001 refused the connection");
        inner.failNext(outage);

        assertThatThrownBy(() -> cache.cat(cid)).isSameAs(outage);
        assertThat(cache.cat(cid)).isEqualTo(file(6, 100));
        assertThat(inner.cats(cid)).isEqualTo(2);
    }

    @Test
    void concurrentCatsOfOneCidShareOneFetch() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        Cid cid = inner.hold(file(7, 100));
        inner.blockNextFetch();

        List<Future<byte[]>> reads = startReaders(cache, () -> cache.cat(cid));
        inner.releaseWhenWaiting(() -> cache.stats().coalesced(), READERS - 1);

        for (Future<byte[]> read : reads) {
            assertThat(read.get(10, SECONDS)).isSameAs(reads.get(0).get()).isEqualTo(file(7, 100));
        }
        assertThat(inner.cats(cid)).isEqualTo(1);
        assertThat(cache.stats()).isEqualTo(new CachingContentStore.Stats(0, READERS - 1, 1, 100));
    }

    @Test
    void concurrentCatsShareTheFailureOfTheirFetchAndTheNextCatTriesAgain() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        Cid cid = inner.hold(file(8, 100));
        StorageException outage = new StorageException("IPFS node at http://127.0.0.1:5001 took too long");
        inner.failNext(outage);
        inner.blockNextFetch();

        List<Future<byte[]>> reads = startReaders(cache, () -> cache.cat(cid));
        inner.releaseWhenWaiting(() -> cache.stats().coalesced(), READERS - 1);

        for (Future<byte[]> read : reads) {
            assertThatThrownBy(() -> read.get(10, SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(outage);
        }
        assertThat(inner.cats(cid)).isEqualTo(1);
        assertThat(cache.cat(cid)).isEqualTo(file(8, 100));
        assertThat(inner.cats(cid)).isEqualTo(2);
    }

    @Test
    void aReaderAllowingMoreThanTheFetchItWaitedForFetchesAgain() throws Exception {
        CachingContentStore cache = new CachingContentStore(inner, 1_000);
        Cid cid = inner.hold(file(9, 100));
        inner.blockNextFetch();

        Future<byte[]> strict = threads.submit(() -> cache.cat(cid, 50));
        inner.awaitFetch();
        Future<byte[]> lenient = threads.submit(() -> cache.cat(cid, 100));
        inner.releaseWhenWaiting(() -> cache.stats().coalesced(), 1);

        assertThatThrownBy(() -> strict.get(10, SECONDS)).cause().isInstanceOf(ContentTooLargeException.class);
        assertThat(lenient.get(10, SECONDS)).isEqualTo(file(9, 100));
        assertThat(inner.cats(cid)).isEqualTo(2);
    }

    private List<Future<byte[]>> startReaders(CachingContentStore cache, Callable<byte[]> read) {
        List<Future<byte[]>> reads = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            reads.add(threads.submit(read));
        }
        return reads;
    }

    private static byte[] file(int seed, int length) {
        byte[] content = new byte[length];
        Arrays.fill(content, (byte) seed);
        return content;
    }

    /**
     * A verifying store in memory that counts fetches per CID, and can hold its next fetch until
     * released or fail it once.
     */
    private static final class Inner implements ContentStore {
        private final Map<Cid, byte[]> contents = new ConcurrentHashMap<>();
        private final Map<Cid, AtomicInteger> cats = new ConcurrentHashMap<>();
        private final AtomicInteger adds = new AtomicInteger();
        private final CountDownLatch fetching = new CountDownLatch(1);
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile StorageException nextFailure;

        Cid hold(byte[] content) {
            Cid cid = CidCalculator.of(content);
            contents.put(cid, content.clone());
            return cid;
        }

        int cats(Cid cid) {
            return cats.getOrDefault(cid, new AtomicInteger()).get();
        }

        void failNext(StorageException e) {
            nextFailure = e;
        }

        void blockNextFetch() {
            gate = new CountDownLatch(1);
        }

        void awaitFetch() throws InterruptedException {
            assertThat(fetching.await(10, SECONDS)).as("a fetch started").isTrue();
        }

        /**
         * Lets the blocked fetch go once it has started and {@code waiting} readers wait for it.
         * Readers reach the cache in their own time, so this watches the count they raise instead
         * of guessing how long they take; the deadline only turns a hang into a failure.
         */
        void releaseWhenWaiting(LongSupplier waiters, long waiting) throws InterruptedException {
            awaitFetch();
            long deadline = System.nanoTime() + SECONDS.toNanos(10);
            while (waiters.getAsLong() < waiting) {
                assertThat(System.nanoTime()).as("readers waiting for the fetch").isLessThan(deadline);
                Thread.onSpinWait();
            }
            gate.countDown();
        }

        @Override
        public Cid add(byte[] content) {
            adds.incrementAndGet();
            return hold(content);
        }

        @Override
        public byte[] cat(Cid cid) throws StorageException {
            return cat(cid, Long.MAX_VALUE);
        }

        @Override
        public byte[] cat(Cid cid, long maxBytes) throws StorageException {
            cats.computeIfAbsent(cid, c -> new AtomicInteger()).incrementAndGet();
            CountDownLatch held = gate;
            fetching.countDown();
            try {
                if (!held.await(10, SECONDS)) {
                    throw new StorageException("the test never released the fetch of " + cid);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted", e);
            }
            StorageException failure = nextFailure;
            if (failure != null) {
                nextFailure = null;
                throw failure;
            }
            byte[] content = contents.get(cid);
            if (content == null) {
                throw new StorageException("memory has no " + cid);
            }
            if (content.length > maxBytes) {
                throw new ContentTooLargeException(cid + " is over " + maxBytes + " bytes", maxBytes, null);
            }
            return content.clone();
        }

        @Override
        public void pin(Cid cid) {
        }

        @Override
        public String version() {
            return "in-memory";
        }
    }
}
