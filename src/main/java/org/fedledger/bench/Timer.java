package org.fedledger.bench;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/** Times a call: warm-ups, then timed calls, returning the median in milliseconds. */
final class Timer {
    /** Results of timed calls go here, so the JIT cannot drop the work as unused. */
    private static volatile double sink;

    private Timer() {}

    static double median(int warmups, int iterations, DoubleSupplier call) {
        for (int i = 0; i < warmups; i++) {
            sink = call.getAsDouble();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            sink = call.getAsDouble();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double median = iterations % 2 == 1
                ? nanos[iterations / 2]
                : (nanos[iterations / 2 - 1] + nanos[iterations / 2]) / 2.0;
        return median / 1e6;
    }
}
