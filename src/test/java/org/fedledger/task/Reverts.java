package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fedledger.chain.ContractRevertException;

/** Asserts that a contract call reverts with a given custom error, named as in the contracts' ABIs. */
final class Reverts {
    private Reverts() {}

    /** Runs {@code call}, asserts it reverted with {@code errorName}, and returns the revert for further checks. */
    static ContractRevertException assertReverts(String errorName, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a revert with %s", errorName).isInstanceOf(ContractRevertException.class);
        ContractRevertException revert = (ContractRevertException) thrown;
        assertThat(revert.errorName()).as(revert.getMessage()).hasValue(errorName);
        return revert;
    }
}
