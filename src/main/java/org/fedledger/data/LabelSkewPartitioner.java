package org.fedledger.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Label skew by shards, as in McMahan et al. (2017), "Communication-Efficient Learning of Deep
 * Networks from Decentralized Data": the samples are sorted by label (stable, so by index within
 * a class) and cut into {@code participants * shardsPerParticipant} runs of consecutive samples,
 * near-equal in size (they differ by at most one), and a seeded shuffle of the shards deals
 * {@code shardsPerParticipant} of them to each participant.
 *
 * <p>Exactly: a shard holds the classes between the labels of its first and last sample. When
 * every class has at least as many samples as a shard, a shard straddles at most one class
 * boundary, so it holds one or two classes and a participant holds at most
 * {@code 2 * shardsPerParticipant} classes; since most shards lie inside one class, a participant
 * typically holds {@code shardsPerParticipant} or one more. With balanced classes and a shard
 * count that is a multiple of the class count, shards never straddle and the bound is
 * {@code shardsPerParticipant}.
 */
record LabelSkewPartitioner(int shardsPerParticipant, long seed) implements Partitioner {
    LabelSkewPartitioner {
        if (shardsPerParticipant < 1) {
            throw new IllegalArgumentException("shardsPerParticipant < 1: " + shardsPerParticipant);
        }
    }

    @Override
    public List<int[]> partition(Dataset data, int participants) {
        Partitioners.check(data, participants);
        int n = data.size();
        long shards = (long) participants * shardsPerParticipant;
        if (shards > n) {
            throw new IllegalArgumentException(this + " among " + participants + " participants needs "
                    + shards + " shards of at least one sample, but there are " + n + " samples");
        }
        int[] sorted = new int[n];
        int at = 0;
        for (int[] members : Sampling.byClass(data.labels(), data.numClasses())) {
            System.arraycopy(members, 0, sorted, at, members.length);
            at += members.length;
        }
        int[] shardOrder = new int[(int) shards];
        for (int s = 0; s < shardOrder.length; s++) {
            shardOrder[s] = s;
        }
        Sampling.shuffle(shardOrder, new SplittableRandom(seed));
        int[] owner = new int[n];
        for (int k = 0; k < shardOrder.length; k++) {
            int shard = shardOrder[k];
            int participant = k / shardsPerParticipant;
            for (int i = IidPartitioner.cut(shard, n, shardOrder.length);
                    i < IidPartitioner.cut(shard + 1, n, shardOrder.length); i++) {
                owner[sorted[i]] = participant;
            }
        }
        return Partitioners.byOwner(owner, participants);
    }

    @Override
    public String toString() {
        return "label-skew:" + shardsPerParticipant;
    }
}
