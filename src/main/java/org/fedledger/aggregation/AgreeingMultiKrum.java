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
 * it, as it removes a sign flip or a colluding group that got through the distance test. An
 * honest step agrees with the others' well above the floor (cosines 0.3 to 0.8 under
 * non-IID data), so honest updates stay. Updates left out are accepted with weight 0, as with
 * Multi-Krum; nothing here is slashable.
 *
 * <p>If no selected update agrees (the selection's steps cancel), that selection stands. Each
 * pass removes at least one update, so there are at most {@code n} passes. Parameters as
 * Multi-Krum's: {@code multi-krum-agree:f=3,m=7}.
 */
final class AgreeingMultiKrum implements Combiner {
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
     */
    private static Set<String> disagreeing(float[] global, List<Update> pool, Combined selection) {
        Set<String> leftOut = new HashSet<>(selection.leftOut());
        List<Update> selected = pool.stream().filter(u -> !leftOut.contains(u.participant())).toList();
        Set<String> disagreeing = new HashSet<>();
        if (selected.size() < 2) {
            return disagreeing;
        }
        double samples = 0;
        for (Update u : selected) {
            samples += u.numSamples();
        }
        for (Update u : selected) {
            if (Agreement.bps(global, u.weights(), selection.weights(), u.numSamples() / samples) == 0) {
                disagreeing.add(u.participant());
            }
        }
        return disagreeing.size() == selected.size() ? Set.of() : disagreeing;
    }

    @Override
    public String params() {
        return krum.params();
    }
}
