package org.fedledger.dashboard;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One state of the dashboard, rendered once for every client: the last snapshot read (none
 * before the first read ends), the failure of the last read if it failed, and the texts served.
 *
 * @param sequence counts the updates from 0, the state before the first read
 * @param statusJson the status alone: where the task is and how fresh the read is
 * @param historyJson what {@code /api/history} answers
 * @param eventJson what {@code /api/update} answers and {@code /api/events} pushes: the status and the
 *     page's parts, on one line
 */
record Update(long sequence, Optional<Snapshot> snapshot, Optional<String> error, long readMillis,
              String statusJson, String historyJson, String eventJson) {
    Update {
        requireNonNull(snapshot, "snapshot == null");
        requireNonNull(error, "error == null");
        requireNonNull(statusJson, "statusJson == null");
        requireNonNull(historyJson, "historyJson == null");
        requireNonNull(eventJson, "eventJson == null");
    }

    /** Whether there is something to show: a snapshot, or at least why there is none. */
    boolean showable() {
        return snapshot.isPresent() || error.isPresent();
    }
}
