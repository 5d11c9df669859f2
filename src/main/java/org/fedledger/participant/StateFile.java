package org.fedledger.participant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A participant's memory across crashes, one JSON file per participant and task: the salt and
 * update of every round it committed in, the outcome it voted for, and how far it has reported
 * others. Each change is written to a temporary file, forced to disk and renamed over the old
 * one, so a participant killed at any instant finds either the old or the new state, never a
 * torn one. The commitment's salt is written before the commitment is sent, so a commitment on
 * chain can always be revealed.
 *
 * <p>A lock file next to it keeps a second process from running the same participant (the OS
 * releases the lock when the process dies). Salts are secret until revealed: the file is
 * readable by its owner only, where the file system supports it.
 */
public final class StateFile implements AutoCloseable {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's content. */
    record Content(int version, long chainId, String task, String account, long reportedThrough,
                   Map<Long, RoundEntry> rounds) {
        Content {
            rounds = Collections.unmodifiableSortedMap(rounds == null ? new TreeMap<>() : new TreeMap<>(rounds));
        }
    }

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Content content;

    private StateFile(Path path, FileChannel lockChannel, FileLock lock, Content content) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.content = content;
    }

    /**
     * Opens (or starts) the state of {@code account} in {@code task} on chain {@code chainId} at
     * {@code path}, taking its lock.
     *
     * @throws ParticipantException if another process holds the lock, the file is damaged, or it
     *     belongs to another account, task or chain
     */
    public static StateFile open(Path path, long chainId, String task, String account) throws ParticipantException {
        Objects.requireNonNull(path, "path == null");
        String taskKey = task.toLowerCase();
        String accountKey = account.toLowerCase();
        FileChannel channel = null;
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path lockPath = parent.resolve(path.getFileName() + ".lock");
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new ParticipantException("state file " + path + " is in use by another participant process: "
                        + "stop it first, or give this one its own --state-file");
            }
            Content content = read(path);
            if (content == null) {
                content = new Content(VERSION, chainId, taskKey, accountKey, 0, new TreeMap<>());
            } else if (content.version() != VERSION) {
                throw new ParticipantException("state file " + path + " has format version " + content.version()
                        + ", this FedLedger reads version " + VERSION + ": use the FedLedger that wrote it");
            } else if (content.chainId() != chainId || !taskKey.equals(content.task())
                    || !accountKey.equals(content.account())) {
                throw new ParticipantException("state file " + path + " belongs to account " + content.account()
                        + " in task " + content.task() + " on chain " + content.chainId()
                        + ": give this participant its own --state-file");
            }
            StateFile file = new StateFile(path, channel, lock, content);
            file.write();
            return file;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ParticipantException("cannot use state file " + path + ": " + e.getMessage(), e);
        } catch (ParticipantException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Content read(Path path) throws ParticipantException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ParticipantException("cannot read state file " + path + ": " + e.getMessage(), e);
        }
        try {
            Content content = JSON.readValue(bytes, Content.class);
            if (content == null || content.task() == null || content.account() == null) {
                throw new IOException("task or account missing");
            }
            return content;
        } catch (IOException | RuntimeException e) {
            throw new ParticipantException("state file " + path + " is damaged (" + firstLine(e)
                    + "): restore it from a backup; without it, committed rounds cannot be revealed", e);
        }
    }

    public Path path() {
        return path;
    }

    /** What the participant remembers of {@code round}, or null. */
    public synchronized RoundEntry round(long round) {
        return content.rounds().get(round);
    }

    /** Every remembered round, in order. */
    public synchronized Map<Long, RoundEntry> rounds() {
        return new TreeMap<>(content.rounds());
    }

    /** The last round whose slashable facts this participant has reported (0: none). */
    public synchronized long reportedThrough() {
        return content.reportedThrough();
    }

    /** Records {@code entry} for {@code round} and writes the file before returning. */
    public synchronized void put(long round, RoundEntry entry) throws ParticipantException {
        Map<Long, RoundEntry> rounds = new TreeMap<>(content.rounds());
        rounds.put(round, Objects.requireNonNull(entry, "entry == null"));
        update(new Content(VERSION, content.chainId(), content.task(), content.account(), content.reportedThrough(),
                rounds));
    }

    /** Records that rounds up to {@code round} are reported, and writes the file. */
    public synchronized void reportedThrough(long round) throws ParticipantException {
        update(new Content(VERSION, content.chainId(), content.task(), content.account(), round, content.rounds()));
    }

    private void update(Content next) throws ParticipantException {
        Content previous = content;
        content = next;
        try {
            write();
        } catch (IOException e) {
            content = previous;
            throw new ParticipantException("cannot write state file " + path + ": " + e.getMessage(), e);
        }
    }

    private void write() throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(content);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ownerOnly(temp);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions protect it
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
