package org.fedledger.cli;

import java.io.PrintWriter;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.data.DataSetException;
import org.fedledger.keys.KeyException;
import org.fedledger.localnet.LocalnetException;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.participant.ParticipantException;
import org.fedledger.storage.StorageException;
import picocli.CommandLine;

/**
 * Turns exceptions into what a user should see: one line, {@code fl: <what to do>}, and an
 * exit code by kind of failure; the stack trace only with {@code --verbose} (or
 * {@code FL_VERBOSE=1}). Picocli's own usage errors keep its message and exit code 2.
 */
final class Failures {
    /** Exit codes, one per kind of failure, for scripts. */
    static final int USER_ERROR = 2;
    static final int LOCAL_SERVICE = 3;
    static final int CHAIN = 4;
    static final int STORAGE = 5;
    static final int DATA = 6;
    static final int INTERNAL = 70;

    private Failures() {}

    static CommandLine install(CommandLine commandLine) {
        return commandLine
                .setExecutionExceptionHandler(Failures::handle)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.println("fl: " + message(e));
        err.flush();
        return exitCode(e);
    }

    static int exitCode(Throwable e) {
        if (e instanceof LocalnetException) {
            return LOCAL_SERVICE;
        }
        if (e instanceof ChainException || e instanceof ContractRevertException) {
            return CHAIN;
        }
        if (e instanceof StorageException) {
            return STORAGE;
        }
        if (e instanceof DataSetException) {
            return DATA;
        }
        if (e instanceof ModelStoreException) {
            return STORAGE;
        }
        if (e instanceof IllegalArgumentException || e instanceof UserException || e instanceof KeyException
                || e instanceof ParticipantException) {
            return USER_ERROR;
        }
        return INTERNAL;
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || exitCode(e) == INTERNAL) {
            return "internal error (" + e.getClass().getName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""))
                    + "): rerun with --verbose and report it";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        if ("1".equals(System.getenv("FL_VERBOSE"))) {
            return true;
        }
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** A mistake of the user's, reported as given with exit code 2. */
    static final class UserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserException(String message) {
            super(message);
        }
    }
}
