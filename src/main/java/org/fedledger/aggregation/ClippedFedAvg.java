package org.fedledger.aggregation;

import java.util.List;

/**
 * Federated averaging of norm-clipped updates: each update's delta from the global model,
 * {@code theta_i - global}, is scaled down to an L2 norm of at most the clip norm {@code C}, then
 * the deltas are averaged by sample count and added to the global model. One update can move
 * the model by at most its sample share times {@code C}. Accepts every usable update.
 * Parameter: the clip norm, a positive decimal ({@code clipped-fedavg:5.0}).
 */
final class ClippedFedAvg implements Combiner {
    private final double clipNorm;

    ClippedFedAvg(double clipNorm) {
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clip norm must be positive and finite: " + clipNorm);
        }
        this.clipNorm = clipNorm;
    }

    static ClippedFedAvg of(String params) {
        return new ClippedFedAvg(Params.decimal(params, "clip norm").doubleValue());
    }

    @Override
    public Combined combine(float[] global, List<Update> updates) {
        double[] coefficients = Sums.sampleShares(updates);
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] *= scale(Math.sqrt(Sums.squaredDistance(updates.get(i).weights(), global)));
        }
        return new Combined(Sums.averageOfDeltas(global, updates, coefficients), List.of());
    }

    /** The factor that brings a delta of L2 norm {@code norm} within the clip norm. */
    double scale(double norm) {
        return norm > clipNorm ? clipNorm / norm : 1.0;
    }

    @Override
    public String params() {
        return Double.toString(clipNorm);
    }
}
