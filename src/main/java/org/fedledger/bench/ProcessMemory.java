package org.fedledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Memory figures for a benchmark: the resident set of a process and its children, read from
 * Linux's {@code /proc} (0 where there is none), and the peak heap this JVM used while a piece of
 * work ran, sampled.
 */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident and peak resident megabytes of {@code process} and its descendants (VmRSS, VmHWM). */
    record Resident(double megabytes, double peakMegabytes) {}

    static Resident resident(ProcessHandle process) {
        long rss = 0;
        long hwm = 0;
        for (ProcessHandle p : Stream.concat(Stream.of(process), process.descendants()).toList()) {
            rss += statusKilobytes(p.pid(), "VmRSS:");
            hwm += statusKilobytes(p.pid(), "VmHWM:");
        }
        return new Resident(rss / 1024.0, hwm / 1024.0);
    }

    private static long statusKilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone: no figure
        }
        return 0;
    }

    /**
     * This JVM's heap while a piece of work runs, until closed: the largest heap in use right
     * after a garbage collection (what the work kept alive, plus old garbage not yet collected)
     * and the largest heap in use sampled every 100 ms (which also counts young garbage, and so
     * mostly reflects how much heap the collector was allowed to fill).
     */
    static final class HeapPeak implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Thread sampler;
        private final NotificationListener afterGc = this::collected;
        private volatile long peak;
        private volatile long peakAfterGc;

        HeapPeak() {
            sample();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(afterGc, null, null);
                }
            }
            sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        sample();
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "heap-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        }

        private void collected(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (MemoryUsage pool : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                used += pool.getUsed();
            }
            synchronized (this) {
                peakAfterGc = Math.max(peakAfterGc, used);
            }
        }

        /** The largest sample of heap in use, in megabytes. */
        double peakMegabytes() {
            sample();
            return peak / (1024.0 * 1024.0);
        }

        /** The largest heap in use after a collection, in megabytes (0 if none ran). */
        double peakAfterGcMegabytes() {
            return peakAfterGc / (1024.0 * 1024.0);
        }

        @Override
        public void close() {
            sampler.interrupt();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    try {
                        emitter.removeNotificationListener(afterGc);
                    } catch (ListenerNotFoundException e) {
                        // not registered on this one
                    }
                }
            }
        }
    }
}
