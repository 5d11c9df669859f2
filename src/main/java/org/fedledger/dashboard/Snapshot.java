package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import org.fedledger.report.TaskHistory;

/**
 * What the dashboard shows at one moment: the task's history, plus what a report does not need
 * but a live page does, the running phase's deadline and the chain's time.
 *
 * @param deadline the Unix time from which the running phase may be advanced (0: none, e.g.
 *     once the task completed)
 * @param block the latest block when the history was read
 * @param chainTime that block's timestamp, Unix seconds, so the page counts down in chain time
 */
public record Snapshot(TaskHistory history, long deadline, long block, long chainTime) {
    public Snapshot {
        requireNonNull(history, "history == null");
        if (deadline < 0 || block < 0 || chainTime < 0) {
            throw new IllegalArgumentException("deadline, block and chainTime must be >= 0: " + deadline + ", "
                    + block + ", " + chainTime);
        }
    }
}
