package org.fedledger.federation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the participants of a local federation keep their state files: in a directory of one
 * task, {@code participant-I.json}; or in a directory that many tasks share, {@code TASK-I.json},
 * with every participant's steps logged to {@code TASK.log} beside them.
 */
public record StateFiles(Path dir, boolean shared) {
    public StateFiles {
        Objects.requireNonNull(dir, "dir == null");
    }

    /** State files {@code participant-I.json} in {@code dir}, the directory of one task; no log. */
    public static StateFiles of(Path dir) {
        return new StateFiles(dir, false);
    }

    /** State files {@code TASK-I.json} and a log {@code TASK.log} in {@code dir}, which many tasks share. */
    public static StateFiles sharedDir(Path dir) {
        return new StateFiles(dir, true);
    }

    /** The state file of participant {@code index} (1-based) in {@code task}. */
    public Path stateFile(String task, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("index < 1: " + index);
        }
        return dir.resolve((shared ? task : "participant") + "-" + index + ".json");
    }

    /** The log of {@code task}'s participants, or null: none. */
    public Path log(String task) {
        return shared ? dir.resolve(task + ".log") : null;
    }
}
