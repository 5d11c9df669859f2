package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.OptionalDouble;
import java.util.Set;
import org.fedledger.encryption.EncryptedFiles;
import org.fedledger.keys.KeyException;
import org.fedledger.modelstore.FileSeal;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.report.AccuracyProbe;
import org.fedledger.report.TaskHistoryReader;
import org.fedledger.task.TaskPolicy;
import org.web3j.crypto.Credentials;

/**
 * How {@code fl report --accuracy} reads the global models of a task with encrypted files: with
 * the key of an account they were encrypted for (the task's creator, or a participant), given as
 * for any signing command ({@code --keystore FILE} or {@code --dev-account N}). Without one it
 * stops with one line saying so; a model that key cannot open is left unmeasured, with one line
 * naming it. {@code fl dashboard --accuracy}, a server that holds no key, refuses such a task in
 * one line.
 */
final class EncryptedModels {
    /** The most recipients a model read here may list: far above any task's membership. */
    private static final int MAX_RECIPIENTS = 1 << 16;

    private EncryptedModels() {}

    /**
     * The store to read {@code task}'s models through: {@code models} itself for a task whose
     * policy has no encryption (or cannot be read), else a decrypting view with the account
     * {@code keys} names.
     *
     * @param keys the key options of a command that can take a key; null: it cannot (the dashboard)
     * @throws Failures.UserException if the task is encrypted and no key was given
     */
    static ModelStore readable(ModelStore models, TaskHistoryReader task, KeyOptions keys) {
        if (!task.policy().map(TaskPolicy::encrypted).orElse(false)) {
            return models;
        }
        if (keys == null) {
            throw new Failures.UserException("the task's models are encrypted for its participants and creator: the "
                    + "dashboard cannot measure --accuracy (use fl report --accuracy --keystore FILE of one of them)");
        }
        Credentials reader;
        try {
            reader = keys.credentials(null);
        } catch (Failures.UserException | KeyException e) {
            throw new Failures.UserException("the task's models are encrypted for its participants and creator: "
                    + "pass --keystore FILE (or --dev-account N on a devnet) of one of them to measure --accuracy"
                    + (e instanceof KeyException ? " (" + e.getMessage() + ")" : ""));
        }
        return models.sealedWith(EncryptedFiles.reader(reader.getEcKeyPair(), Set.of(task.content().initialModel()),
                MAX_RECIPIENTS));
    }

    /** {@code probe}, answering empty (and saying so on {@code err}) for models the key cannot open. */
    static AccuracyProbe skippingUnreadable(AccuracyProbe probe, PrintWriter err) {
        return weights -> {
            try {
                return probe.accuracyOf(weights);
            } catch (ModelStoreException e) {
                if (e.kind() != ModelStoreException.Kind.INVALID || !(e.getCause() instanceof FileSeal.Unreadable)) {
                    throw e;
                }
                err.println("accuracy of " + weights + " not measured: " + e.getMessage());
                err.flush();
                return OptionalDouble.empty();
            }
        };
    }
}
