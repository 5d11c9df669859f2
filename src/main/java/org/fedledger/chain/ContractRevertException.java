package org.fedledger.chain;

import java.util.Optional;

/**
 * A contract call or transaction reverted. Carries the revert's decoded custom error (for
 * example {@code RoundNotInPhase(3, 1)}) so that callers can react to it by name and users see
 * it instead of a bare "revert". Unchecked: a revert means the call was wrong for the
 * contract's current state, which is the caller's to fix.
 */
public final class ContractRevertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String revertData;
    private final String description;

    public ContractRevertException(String action, String revertData) {
        super(action + " reverted: " + ContractErrors.describe(revertData).orElse(
                revertData == null || revertData.length() <= 2 ? "no reason given" : "unknown error " + revertData));
        this.revertData = revertData;
        this.description = ContractErrors.describe(revertData).orElse(null);
    }

    /** The custom error's name, e.g. {@code RoundNotInPhase}, if the revert data is a known error. */
    public Optional<String> errorName() {
        return Optional.ofNullable(description).map(d -> d.substring(0, d.indexOf('(')));
    }

    /** The decoded error with its arguments, e.g. {@code RoundNotInPhase(3, 1)}. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The raw revert data (hex), possibly empty. */
    public String revertData() {
        return revertData == null ? "0x" : revertData;
    }
}
