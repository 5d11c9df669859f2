package org.fedledger.participant;

import java.util.Arrays;
import java.util.List;
import org.fedledger.chain.ContractRevertException;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * Reverts as a node reports them: the custom error ABI-encoded as revert data, so that the
 * participant decodes it through the project's contract ABIs just as it does on a chain.
 */
final class Reverts {
    private Reverts() {}

    /** The revert of the task's custom error {@code error} with these arguments (enums as {@code Uint8}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static ContractRevertException of(String error, Type<?>... args) {
        List<Type> inputs = Arrays.asList((Type[]) args);
        String data = FunctionEncoder.encode(new Function(error, inputs, List.of()));
        return new ContractRevertException("transaction to " + InMemoryTask.ADDRESS, data);
    }
}
