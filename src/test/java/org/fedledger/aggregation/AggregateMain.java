package org.fedledger.aggregation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fedledger.weights.WeightFile;

/**
 * Run in separate JVMs by {@link CrossJvmDeterminismTest}: makes a seeded round (8 updates of
 * 100k parameters, one scaled by 1000, one with a NaN, one failure), runs every rule, and writes
 * each new model as a weight file plus the contributions root, so that the files of two JVMs
 * can be compared byte for byte.
 */
public final class AggregateMain {
    static final List<String> SPECS = List.of("fedavg", "clipped-fedavg:0.5", "median", "trimmed-mean:0.25",
            "trimmed-mean:k=1", "multi-krum:f=1,m=4", "multi-krum-agree:f=1,m=4");
    static final int PARAMS = 100_000;

    private AggregateMain() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
    }

    /** Writes {@code <i>.flw} and {@code <i>.root} for the i-th spec into {@code directory}. */
    static void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        float[] global = Rounds.global(2024, PARAMS);
        List<Update> updates = new ArrayList<>(Rounds.updates(2025, global, 8, 5));
        float[] broken = global.clone();
        broken[77_777] = Float.NaN;
        updates.add(Rounds.update(8, 500, broken));
        List<Failure> failures = List.of(new Failure(Rounds.address(9), "no reveal"));
        byte[] specDigest = WeightFile.specDigestOf("{\"test\":\"cross-jvm\"}");
        for (int i = 0; i < SPECS.size(); i++) {
            Aggregate aggregate = AggregationRules.parse(SPECS.get(i)).aggregate(global, updates, failures);
            Files.write(directory.resolve(i + ".flw"), new WeightFile(specDigest, aggregate.newWeights()).encode());
            Files.writeString(directory.resolve(i + ".root"), HexFormat.of().formatHex(aggregate.weightsTree().root())
                    + " " + aggregate.totalWeight() + " " + aggregate.accepted() + "\n");
        }
    }
}
