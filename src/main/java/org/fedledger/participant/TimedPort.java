package org.fedledger.participant;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link TaskPort} that tells its participant's {@link Timing} where the time went: actions
 * (the port's {@code void} methods, each a transaction) to {@link Work#TRANSACTIONS}, waiting for
 * the chain to {@link Work#WAITING}, every other view or history read to {@link Work#CHAIN_READS}.
 * Benchmarks read the breakdown from the listener; the phases stay free of timing calls, and a
 * method added to the port is timed by its kind without a line here.
 */
final class TimedPort {
    /** Not timed: names, and the clock (a cached block, read again at most once per block). */
    private static final Set<String> UNTIMED = Set.of("address", "account", "passed", "toString", "hashCode",
            "equals");

    private TimedPort() {}

    static TaskPort of(TaskPort port, Timing timing) {
        Objects.requireNonNull(port, "port == null");
        Objects.requireNonNull(timing, "timing == null");
        InvocationHandler handler = (proxy, method, args) -> {
            Work work = workOf(method);
            if (work == null) {
                return invoke(port, method, args);
            }
            try (Timing.Span s = timing.span(work)) {
                return invoke(port, method, args);
            }
        };
        return (TaskPort) Proxy.newProxyInstance(TaskPort.class.getClassLoader(), new Class<?>[] {TaskPort.class},
                handler);
    }

    static Work workOf(Method method) {
        if (UNTIMED.contains(method.getName())) {
            return null;
        }
        if (method.getName().equals("awaitChange")) {
            return Work.WAITING;
        }
        return method.getReturnType() == void.class ? Work.TRANSACTIONS : Work.CHAIN_READS;
    }

    private static Object invoke(TaskPort port, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(port, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
