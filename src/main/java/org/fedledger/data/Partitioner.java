package org.fedledger.data;

import java.util.List;

/**
 * Divides a data set among federated-learning participants, deterministically: the same data,
 * participant count and seed give the same partition on every JVM. {@link Partitioners} parses
 * the spec strings ({@code iid}, {@code label-skew:2}, {@code dirichlet:0.5}) and makes them.
 */
public interface Partitioner {
    /**
     * Returns one array of sample indices per participant, each sorted ascending and none empty;
     * the arrays are disjoint and together hold every index of {@code data} exactly once.
     *
     * @throws IllegalArgumentException if {@code participants} is below 1 or above
     *     {@code data.size()}, or this partitioner needs more samples than there are
     */
    List<int[]> partition(Dataset data, int participants);
}
