package org.fedledger.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Multi-Krum (Blanchard et al. 2017): scores each update by the sum of its squared L2 distances
 * to its {@code n - f - 2} nearest other updates, selects the {@code m} with the lowest scores
 * (ties go to the lower address) and averages those by sample count. Updates far from the
 * crowd, such as a scaled or poisoned one, score high and are left out: they are accepted as
 * valid with contribution weight 0, so they earn nothing but are not slashed, because an honest
 * participant whose data differs from the others' may be far from the crowd too.
 *
 * <p>Parameters: {@code f}, the number of Byzantine updates assumed, and {@code m}, the number
 * selected ({@code multi-krum:f=1,m=3}). The guarantee needs {@code n > 2f + 2}; with fewer
 * usable updates the rule still runs, like Flower's Krum: it scores against
 * {@code max(1, n - f - 2)} neighbours (at most {@code n - 1}) and selects {@code min(m, n)}.
 * Distances and scores are doubles summed in a fixed order.
 */
final class MultiKrum implements Combiner {
    private final int f;
    private final int m;

    MultiKrum(int f, int m) {
        if (f < 0 || m < 1) {
            throw new IllegalArgumentException("need f >= 0 and m >= 1: f=" + f + ", m=" + m);
        }
        this.f = f;
        this.m = m;
    }

    /** The number of Byzantine updates assumed. */
    int f() {
        return f;
    }

    static MultiKrum of(String params) {
        Map<String, Integer> counts = Params.counts(params, "f", "m");
        return new MultiKrum(counts.get("f"), counts.get("m"));
    }

    @Override
    public Combined combine(float[] global, List<Update> updates) {
        int n = updates.size();
        double[] scores = scores(updates, Math.min(n - 1, Math.max(1, n - f - 2)));
        Integer[] ranking = new Integer[n];
        Arrays.setAll(ranking, i -> i);
        // updates are in address order, so the index breaks ties by address
        Arrays.sort(ranking, Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i));
        int selected = Math.min(m, n);
        List<Update> chosen = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        boolean[] keep = new boolean[n];
        for (int r = 0; r < selected; r++) {
            keep[ranking[r]] = true;
        }
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                chosen.add(updates.get(i));
            } else {
                leftOut.add(updates.get(i).participant());
            }
        }
        return new Combined(Sums.average(chosen, Sums.sampleShares(chosen)), List.of(), leftOut);
    }

    /** Each update's sum of squared distances to its {@code neighbours} nearest others, nearest first. */
    static double[] scores(List<Update> updates, int neighbours) {
        int n = updates.size();
        double[][] distances = Sums.pairwiseSquaredDistances(updates);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double[] others = new double[n - 1];
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    others[k++] = distances[i][j];
                }
            }
            Arrays.sort(others);
            double score = 0;
            for (int k = 0; k < Math.min(neighbours, others.length); k++) {
                score += others[k];
            }
            scores[i] = score;
        }
        return scores;
    }

    @Override
    public String params() {
        return "f=" + f + ",m=" + m;
    }
}
