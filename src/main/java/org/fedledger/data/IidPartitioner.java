package org.fedledger.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * IID partition: a seeded shuffle of all samples, cut into consecutive near-equal parts
 * (participant p gets shuffled positions {@code p*n/P} up to {@code (p+1)*n/P}), so sizes differ
 * by at most one and every participant sees roughly the overall class mix.
 */
record IidPartitioner(long seed) implements Partitioner {
    @Override
    public List<int[]> partition(Dataset data, int participants) {
        Partitioners.check(data, participants);
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Sampling.shuffle(order, new SplittableRandom(seed));
        int[] owner = new int[n];
        for (int p = 0; p < participants; p++) {
            for (int k = cut(p, n, participants); k < cut(p + 1, n, participants); k++) {
                owner[order[k]] = p;
            }
        }
        return Partitioners.byOwner(owner, participants);
    }

    /** Returns where part {@code p} of {@code parts} near-equal parts of {@code n} items starts. */
    static int cut(int p, int n, int parts) {
        return (int) ((long) p * n / parts);
    }

    @Override
    public String toString() {
        return "iid";
    }
}
