package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fedledger.contracts.generated.FederatedTask;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;

/** Transactions are named by the FedLedger function they call, from the compiled ABIs. */
class ContractAbisTest {
    @Test
    void namesTheFunctionATransactionCalls() {
        String commit = FunctionEncoder.encode(new Function(FederatedTask.FUNC_COMMIT, List.of(new Bytes32(new byte[32])),
                List.of()));

        assertThat(ContractAbis.functionName(commit)).contains("commit");
        assertThat(ContractAbis.functionName(FunctionEncoder.encode(new Function(FederatedTask.FUNC_ADVANCE, List.of(),
                List.of())))).contains("advance");
    }

    @Test
    void inputThatCallsNoFedLedgerFunctionHasNoName() {
        assertThat(ContractAbis.functionName("0xdeadbeef00")).isEmpty();
        assertThat(ContractAbis.functionName("0x")).isEmpty();
        assertThat(ContractAbis.functionName(null)).isEmpty();
    }
}
