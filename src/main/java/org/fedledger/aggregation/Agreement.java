package org.fedledger.aggregation;

/**
 * The quality half of a contribution score: how far an update's step agrees with the round's
 * step. The step of an update is {@code u - g} (its weights minus the global weights), the
 * round's step {@code a - g} (the rule's new weights minus the global ones); the score is their
 * cosine in basis points, floored, and 0 below {@link #MIN_COSINE_BPS}.
 *
 * <p>Why the cosine with the robust aggregate: it is 0 for an update that carries no learning
 * (random noise is orthogonal to any direction in this many dimensions), negative for one that
 * pulls the other way (sign flips, label flips once the crowd outweighs them), and close to 1
 * for an update that moved the way the rule's aggregate moved. It ignores the length of the
 * step, so scaling an update up earns nothing; the rule's own selection handles lengths.
 * Non-IID data makes honest cosines lower (0.3 to 0.8 in our runs), which is why the score
 * is proportional rather than a threshold on similarity to the crowd.
 *
 * <p>Each dot product and norm is a double sum over the coordinates in index order, so every
 * honest participant gets the same integer.
 */
final class Agreement {
    /** Full agreement: the update moved exactly the way the aggregate did. */
    static final int FULL_BPS = 10_000;
    /**
     * Cosines under 0.05 score 0. A random step has a cosine of about {@code 1/sqrt(d)} with any
     * given direction (0.003 for the 100k-weight MLP), far below this floor.
     */
    static final int MIN_COSINE_BPS = 500;

    private Agreement() {}

    /**
     * The agreement of {@code update} with {@code aggregate}, both relative to {@code global}, in
     * basis points [0, 10000]. If the aggregate did not move, every update that did scores full
     * (there is nothing to disagree with); an update that did not move scores 0.
     */
    static int bps(float[] global, float[] update, float[] aggregate) {
        return bps(global, update, aggregate, 0);
    }

    /**
     * The agreement of {@code update} with the aggregate's step less {@code ownShare} of the
     * update's own step: the direction the others moved, for an update that is itself averaged
     * into the aggregate with that share (otherwise any update would agree with itself a little,
     * enough for a noise update to score).
     */
    static int bps(float[] global, float[] update, float[] aggregate, double ownShare) {
        double dot = 0;
        double updateNorm = 0;
        double aggregateNorm = 0;
        for (int i = 0; i < global.length; i++) {
            double u = (double) update[i] - global[i];
            double a = (double) aggregate[i] - global[i] - ownShare * u;
            dot += u * a;
            updateNorm += u * u;
            aggregateNorm += a * a;
        }
        return bps(dot, updateNorm, aggregateNorm);
    }

    /**
     * The agreement of {@code update}'s step with {@code direction} (a step, not weights), in
     * basis points as above; a zero direction agrees with every update that moved.
     */
    static int bps(float[] global, float[] update, double[] direction) {
        double dot = 0;
        double updateNorm = 0;
        double directionNorm = 0;
        for (int i = 0; i < global.length; i++) {
            double u = (double) update[i] - global[i];
            dot += u * direction[i];
            updateNorm += u * u;
            directionNorm += direction[i] * direction[i];
        }
        return bps(dot, updateNorm, directionNorm);
    }

    private static int bps(double dot, double updateNorm, double otherNorm) {
        if (updateNorm == 0) {
            return 0;
        }
        if (otherNorm == 0) {
            return FULL_BPS;
        }
        double cosine = dot / (Math.sqrt(updateNorm) * Math.sqrt(otherNorm));
        int bps = (int) Math.floor(Math.min(1.0, cosine) * FULL_BPS);
        return bps < MIN_COSINE_BPS ? 0 : bps;
    }
}
