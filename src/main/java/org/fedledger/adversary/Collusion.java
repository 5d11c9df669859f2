package org.fedledger.adversary;

import java.util.SplittableRandom;
import org.fedledger.data.Dataset;
import org.fedledger.model.ModelSpec;
import org.fedledger.participant.Trainer;

/**
 * A colluding group: every member submits nearly the same malicious update, so that under a
 * distance-based rule the members vouch for each other. The shared direction needs no messages:
 * it undoes the last round's progress, {@code global - scale x (global - previous global)}, which
 * every member computes alike from public data (in round 1, before there is a previous global,
 * a direction drawn from the group's shared seed); each member adds its own small noise so that
 * the files differ.
 */
public final class Collusion implements Trainer {
    /** Each member's own noise, relative to the size of the shared step. */
    private static final double JITTER = 0.01;

    private final long groupSeed;
    private final long memberSeed;
    private final float scale;
    private float[] previousGlobal;

    public Collusion(long groupSeed, long memberSeed, float scale) {
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite: " + scale);
        }
        this.groupSeed = groupSeed;
        this.memberSeed = memberSeed;
        this.scale = scale;
    }

    @Override
    public synchronized float[] train(ModelSpec spec, float[] global, Dataset data, long round) {
        float[] step = new float[global.length];
        if (previousGlobal != null && previousGlobal.length == global.length) {
            for (int i = 0; i < step.length; i++) {
                step[i] = -scale * (global[i] - previousGlobal[i]);
            }
        }
        double norm = norm(step);
        if (norm == 0) {
            SplittableRandom shared = new SplittableRandom(groupSeed * 1_000_003L + round);
            for (int i = 0; i < step.length; i++) {
                step[i] = (float) shared.nextGaussian(0, 0.01);
            }
            norm = norm(step);
        }
        previousGlobal = global.clone();
        SplittableRandom own = new SplittableRandom(memberSeed * 1_000_003L + round);
        double jitter = JITTER * norm / Math.sqrt(step.length);
        float[] update = new float[global.length];
        for (int i = 0; i < update.length; i++) {
            update[i] = global[i] + step[i] + (float) own.nextGaussian(0, jitter);
        }
        return update;
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public String toString() {
        return "Collusion[x" + scale + "]";
    }
}
