package org.fedledger.aggregation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-Krum, then an agreement pass: of the {@code m} updates Multi-Krum selects, those whose
 * step does not agree with the others' ({@link Agreement} 0: cosine under 0.05 with the
 * selection's average step less their own share) are left out too, and the rest are averaged
 * again by sample count.
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
 * <p>If no selected update agrees (the selection's steps cancel), the Multi-Krum average
 * stands. Parameters as Multi-Krum's: {@code multi-krum-agree:f=3,m=7}.
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
        Combined selection = krum.combine(global, updates);
        Set<String> leftOut = new HashSet<>(selection.leftOut());
        List<Update> selected = updates.stream().filter(u -> !leftOut.contains(u.participant())).toList();
        if (selected.size() < 2) {
            return selection;
        }
        double samples = 0;
        for (Update u : selected) {
            samples += u.numSamples();
        }
        List<Update> agreeing = new ArrayList<>();
        Set<String> disagreeing = new HashSet<>();
        for (Update u : selected) {
            int bps = Agreement.bps(global, u.weights(), selection.weights(), u.numSamples() / samples);
            if (bps > 0) {
                agreeing.add(u);
            } else {
                disagreeing.add(u.participant());
            }
        }
        if (agreeing.isEmpty() || disagreeing.isEmpty()) {
            return selection;
        }
        List<String> allLeftOut = new ArrayList<>();
        for (Update u : updates) {
            if (leftOut.contains(u.participant()) || disagreeing.contains(u.participant())) {
                allLeftOut.add(u.participant());
            }
        }
        return new Combined(Sums.average(agreeing, Sums.sampleShares(agreeing)), List.of(), allLeftOut);
    }

    @Override
    public String params() {
        return krum.params();
    }
}
