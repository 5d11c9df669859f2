package org.fedledger.aggregation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-Krum with an agreement pass: of the {@code m} updates Multi-Krum selects, those whose
 * step does not agree with the others' ({@link Agreement} 0: cosine under 0.05 with the
 * selection's average step less their own share) are taken out of the round, and Multi-Krum
 * selects again from the updates that remain, until every selected update agrees. Taking them
 * out before selecting again matters: they had taken places in the selection that honest
 * updates get back, so the round learns from as many honest updates as without them.
 *
 * <p>Why: Krum looks at distances only. An update that carries no learning, such as random
 * noise about as long as an honest step, sits at an ordinary distance from everyone and is
 * selected; at 30% such updates cost plain Multi-Krum 15 accuracy points in our runs
 * (docs/robustness.md). Its step is orthogonal to the others', so the agreement pass removes
 * it, as it removes a sign flip that got through the distance test. An
 * honest step agrees with the others' well above the floor (cosines 0.3 to 0.8 under
 * non-IID data), so honest updates stay. Updates left out are accepted with weight 0, as with
 * Multi-Krum; nothing here is slashable.
 *
 * <p>A colluding group sends near-identical updates: its members are each other's nearest
 * neighbours, so Krum selects them, and judged against a selection that holds the group's own
 * shared step they would agree with it. So a member of a group of at most {@code f} twins
 * ({@link #TWIN_COSINE}) is judged by the updates outside its group only (measured: without
 * this, 3 colluders of 10 kept 9% of the rewards in one seed, docs/robustness.md).
 *
 * <p>If no selected update agrees (the selection's steps cancel), that selection stands. Each
 * pass removes at least one update, so there are at most {@code n} passes. Parameters as
 * Multi-Krum's: {@code multi-krum-agree:f=3,m=7}.
 */
final class AgreeingMultiKrum implements Combiner {
    /**
     * Steps at least this close in direction are twins: near-identical updates, which honest
     * participants training on their own data do not send (their steps' cosines were 0.3 to 0.8
     * in our runs), but a colluding group does.
     */
    static final double TWIN_COSINE = 0.99;

    private final MultiKrum krum;

    AgreeingMultiKrum(MultiKrum krum) {
        this.krum = krum;
    }

    static AgreeingMultiKrum of(String params) {
        return new AgreeingMultiKrum(MultiKrum.of(params));
    }

    @Override
    public Combined combine(float[] global, List<Update> updates) {
        List<Update> pool = updates;
        Combined selection = krum.combine(global, pool);
        while (true) {
            Set<String> disagreeing = disagreeing(global, pool, selection);
            if (disagreeing.isEmpty()) {
                break;
            }
            pool = pool.stream().filter(u -> !disagreeing.contains(u.participant())).toList();
            selection = krum.combine(global, pool);
        }
        if (pool.size() == updates.size()) {
            return selection;
        }
        Set<String> kept = new HashSet<>(pool.stream().map(Update::participant).toList());
        kept.removeAll(selection.leftOut());
        List<String> leftOut = new ArrayList<>();
        for (Update u : updates) {
            if (!kept.contains(u.participant())) {
                leftOut.add(u.participant());
            }
        }
        return new Combined(selection.weights(), List.of(), leftOut);
    }

    /**
     * The selected updates whose step does not agree with the rest of the selection's, or none if
     * all or none of them do (a selection whose steps cancel out leaves nothing to go by).
     *
     * <p>Each update is judged by the steps of the other selected updates, weighted by samples,
     * less those of its twins if it belongs to a group of at most {@code f} twins: such a group
     * may be one attacker's, and must not vouch for itself. A larger group cannot be all
     * Byzantine, so it stays in its members' reference. Disagreeing group members are taken out
     * first, on their own: while they are selected, their shared step weighs on everyone
     * else's reference and could make an honest update look like the odd one out.
     */
    private Set<String> disagreeing(float[] global, List<Update> pool, Combined selection) {
        Set<String> leftOut = new HashSet<>(selection.leftOut());
        List<Update> selected = pool.stream().filter(u -> !leftOut.contains(u.participant())).toList();
        int k = selected.size();
        if (k < 2) {
            return Set.of();
        }
        double[][] steps = new double[k][];
        for (int i = 0; i < k; i++) {
            steps[i] = step(global, selected.get(i).weights());
        }
        boolean[][] twins = twins(steps);
        int[] groupSize = new int[k];
        for (int i = 0; i < k; i++) {
            groupSize[i] = 1;
            for (int j = 0; j < k; j++) {
                groupSize[i] += twins[i][j] ? 1 : 0;
            }
        }
        Set<String> disagreeing = new HashSet<>();
        Set<String> disagreeingInGroups = new HashSet<>();
        for (int i = 0; i < k; i++) {
            boolean smallGroup = groupSize[i] > 1 && groupSize[i] <= krum.f();
            double[] reference = new double[global.length];
            for (int j = 0; j < k; j++) {
                if (j == i || (smallGroup && twins[i][j])) {
                    continue;
                }
                double samples = selected.get(j).numSamples();
                double[] step = steps[j];
                for (int c = 0; c < reference.length; c++) {
                    reference[c] += samples * step[c];
                }
            }
            if (Agreement.bps(global, selected.get(i).weights(), reference) == 0) {
                disagreeing.add(selected.get(i).participant());
                if (smallGroup) {
                    disagreeingInGroups.add(selected.get(i).participant());
                }
            }
        }
        if (!disagreeingInGroups.isEmpty() && disagreeingInGroups.size() < k) {
            return disagreeingInGroups;
        }
        return disagreeing.size() == k ? Set.of() : disagreeing;
    }

    /** {@code weights - global}, in doubles. */
    private static double[] step(float[] global, float[] weights) {
        double[] step = new double[global.length];
        for (int c = 0; c < step.length; c++) {
            step[c] = (double) weights[c] - global[c];
        }
        return step;
    }

    /** Which pairs of steps are near-identical: a cosine of at least {@link #TWIN_COSINE}. */
    private static boolean[][] twins(double[][] steps) {
        int k = steps.length;
        double[] norms = new double[k];
        for (int i = 0; i < k; i++) {
            norms[i] = Math.sqrt(dot(steps[i], steps[i]));
        }
        boolean[][] twins = new boolean[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                boolean twin = norms[i] > 0 && norms[j] > 0
                        && dot(steps[i], steps[j]) / (norms[i] * norms[j]) >= TWIN_COSINE;
                twins[i][j] = twin;
                twins[j][i] = twin;
            }
        }
        return twins;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
            sum += a[c] * b[c];
        }
        return sum;
    }

    @Override
    public String params() {
        return krum.params();
    }
}
