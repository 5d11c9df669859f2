package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.storage.Cid;

/**
 * An {@link AccuracyProbe} that measures each model once: the dashboard reads the history again
 * on every change, and measuring means fetching the weights from IPFS and running the test set.
 * A model that cannot be fetched is shown unmeasured, said once on {@code log}, and tried again
 * on the next read. Not thread-safe, like the probes it wraps.
 */
final class AccuracyCache implements AccuracyProbe {
    private final AccuracyProbe probe;
    private final PrintWriter log;
    private final Map<Cid, OptionalDouble> measured = new HashMap<>();
    private final Set<Cid> reported = new HashSet<>();

    AccuracyCache(AccuracyProbe probe, PrintWriter log) {
        this.probe = requireNonNull(probe, "probe == null");
        this.log = requireNonNull(log, "log == null");
    }

    @Override
    public OptionalDouble accuracyOf(Cid weights) {
        OptionalDouble known = measured.get(weights);
        if (known != null) {
            return known;
        }
        try {
            OptionalDouble accuracy = probe.accuracyOf(weights);
            measured.put(weights, accuracy);
            return accuracy;
        } catch (ModelStoreException e) {
            if (reported.add(weights)) {
                log.println("fl dashboard: cannot measure model " + weights + " (" + e.getMessage()
                        + "); shown unmeasured, tried again on the next change");
                log.flush();
            }
            return OptionalDouble.empty();
        }
    }
}
