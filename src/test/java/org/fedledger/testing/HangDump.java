package org.fedledger.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints every thread's stack to stderr when a test is still running after {@link #AFTER}, so
 * that a hang, which the default timeout (junit-platform.properties) then fails, shows where it
 * is stuck. Registered for every test through the ServiceLoader.
 */
public final class HangDump implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    static final Duration AFTER = Duration.ofMinutes(8);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hang-dump");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        String test = context.getDisplayName() + " in " + context.getRequiredTestClass().getName();
        ScheduledFuture<?> dump = TIMER.schedule(() -> System.err.print(dump(test)), AFTER.toSeconds(),
                TimeUnit.SECONDS);
        store(context).put(HangDump.class, dump);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        ScheduledFuture<?> dump = store(context).remove(HangDump.class, ScheduledFuture.class);
        if (dump != null) {
            dump.cancel(false);
        }
    }

    static String dump(String test) {
        StringBuilder out = new StringBuilder("HangDump: " + test + " still running after " + AFTER.toMinutes()
                + " min; threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            out.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        return out.toString();
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(HangDump.class, context.getUniqueId()));
    }
}
