package org.fedledger.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Dirichlet label skew (Hsu et al. 2019; Yurochkin et al. 2019): for each class in turn, a
 * seeded shuffle of its samples is cut among the participants in proportions drawn from a
 * symmetric Dirichlet(alpha): participant q gets the shuffled samples from
 * {@code floor(c(q-1) * m)} up to {@code floor(c(q) * m)}, where m is the class's size and c(q) the
 * sum of the first q+1 proportions (the last participant takes the rest). One
 * {@link SplittableRandom} drives every draw in that order.
 *
 * <p>Small alpha can leave a participant with nothing. Then, for each empty participant in
 * order, the participant with the most samples (the lowest-numbered on ties, always at least
 * two) gives it its highest-numbered sample, so every participant holds at least one.
 */
record DirichletPartitioner(double alpha, long seed) implements Partitioner {
    DirichletPartitioner {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number: " + alpha);
        }
    }

    @Override
    public List<int[]> partition(Dataset data, int participants) {
        Partitioners.check(data, participants);
        SplittableRandom random = new SplittableRandom(seed);
        int[] owner = new int[data.size()];
        for (int[] members : Sampling.byClass(data.labels(), data.numClasses())) {
            Sampling.shuffle(members, random);
            double[] proportions = Sampling.dirichlet(alpha, participants, random);
            double cumulative = 0;
            int start = 0;
            for (int q = 0; q < participants; q++) {
                cumulative += proportions[q];
                int end = q == participants - 1
                        ? members.length
                        : (int) Math.min(members.length, StrictMath.floor(cumulative * members.length));
                for (int k = start; k < end; k++) {
                    owner[members[k]] = q;
                }
                start = Math.max(start, end);
            }
        }
        fillEmpty(owner, participants);
        return Partitioners.byOwner(owner, participants);
    }

    private static void fillEmpty(int[] owner, int participants) {
        int[] counts = new int[participants];
        for (int p : owner) {
            counts[p]++;
        }
        for (int empty = 0; empty < participants; empty++) {
            if (counts[empty] > 0) {
                continue;
            }
            int donor = 0;
            for (int p = 1; p < participants; p++) {
                if (counts[p] > counts[donor]) {
                    donor = p;
                }
            }
            int sample = owner.length - 1;
            while (owner[sample] != donor) {
                sample--;
            }
            owner[sample] = empty;
            counts[donor]--;
            counts[empty]++;
        }
    }

    @Override
    public String toString() {
        return "dirichlet:" + alpha;
    }
}
