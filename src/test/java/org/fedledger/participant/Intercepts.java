package org.fedledger.participant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.TaskPhase;

/**
 * What a test arranges around the accounts' calls to an {@link InMemoryTask}: node failures and
 * reverts injected before a call reaches the task, scripts run just before a call (to let
 * another account act first: the race it loses) or once a phase opens, and crashes just after a
 * call landed (a participant killed at that point). Each arrangement is used up once it fired.
 */
final class Intercepts {
    /** The port's calls that can be intercepted. */
    enum Call {
        POSITION, PARTICIPANT_INFO, REVEALED, JOIN, COMMIT, REVEAL, VOTE, ADVANCE, REQUEST_LEAVE, CLAIM, SLASH,
        AWAIT_CHANGE
    }

    /** A test's action. */
    interface Script {
        void run() throws Exception;
    }

    /** A participant killed by a test, as a process dies: nothing after it runs. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }

    private final Map<String, Deque<Script>> before = new HashMap<>();
    private final Map<String, Deque<Script>> after = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Deque<Script>> onPhase = new HashMap<>();
    private final ThreadLocal<List<Script>> opened = ThreadLocal.withInitial(ArrayList::new);

    /** The next {@code times} calls of {@code call} by {@code account} throw what {@code failure} makes, before reaching the task. */
    synchronized void failNext(String account, Call call, int times, Supplier<? extends Exception> failure) {
        for (int i = 0; i < times; i++) {
            queue(before, account, call).add(() -> {
                throw failure.get();
            });
        }
    }

    /** The next {@code times} calls fail as a node that cannot be reached. */
    void nodeDown(String account, Call call, int times) {
        failNext(account, call, times, () -> new ChainException("node at http://fake:8545 unreachable"));
    }

    /**
     * Runs {@code script} just before {@code account}'s next {@code call} reaches the task, on the
     * caller's thread and outside the task's lock (so it may act as other accounts or wait).
     */
    synchronized void before(String account, Call call, Script script) {
        queue(before, account, call).add(script);
    }

    /** Kills {@code account}'s participant just after its next {@code call} landed. */
    synchronized void crashAfter(String account, Call call) {
        queue(after, account, call).add(() -> {
            throw new Crash(account + " killed after " + call);
        });
    }

    /** Kills {@code account}'s participant just before its next {@code call} would be sent. */
    synchronized void crashBefore(String account, Call call) {
        queue(before, account, call).add(() -> {
            throw new Crash(account + " killed before " + call);
        });
    }

    /** Runs {@code script} once {@code phase} of {@code round} opens, right after the transaction that opened it. */
    synchronized void onPhase(long round, TaskPhase phase, Script script) {
        onPhase.computeIfAbsent(round + " " + phase, k -> new ArrayDeque<>()).add(script);
    }

    /** How many times {@code account} made {@code call}. */
    synchronized int calls(String account, Call call) {
        return counts.getOrDefault(key(account, call), 0);
    }

    // ----- used by the port and the task -----

    void enter(String account, Call call) throws ChainException {
        Script script;
        synchronized (this) {
            counts.merge(key(account, call), 1, Integer::sum);
            script = next(before, account, call);
        }
        run(script);
    }

    void leave(String account, Call call) throws ChainException {
        List<Script> due = new ArrayList<>(opened.get());
        opened.get().clear();
        for (Script s : due) {
            run(s);
        }
        Script script;
        synchronized (this) {
            script = next(after, account, call);
        }
        run(script);
    }

    /** Called by the task, under its lock, when a phase opens: its scripts run once the transaction is done. */
    synchronized void phaseOpened(long round, TaskPhase phase) {
        Deque<Script> scripts = onPhase.remove(round + " " + phase);
        if (scripts != null) {
            opened.get().addAll(scripts);
        }
    }

    private static void run(Script script) throws ChainException {
        if (script == null) {
            return;
        }
        try {
            script.run();
        } catch (ChainException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("script interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("script failed: " + e, e);
        }
    }

    private Deque<Script> queue(Map<String, Deque<Script>> map, String account, Call call) {
        return map.computeIfAbsent(key(account, call), k -> new ArrayDeque<>());
    }

    private Script next(Map<String, Deque<Script>> map, String account, Call call) {
        Deque<Script> q = map.get(key(account, call));
        return q == null ? null : q.poll();
    }

    private static String key(String account, Call call) {
        return account.toLowerCase() + " " + call;
    }
}
