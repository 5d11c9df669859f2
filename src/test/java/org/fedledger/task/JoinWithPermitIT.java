package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.contracts.generated.FedToken;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Joining in one transaction with an ERC-2612 permit instead of approve + join. */
@LocalServices
class JoinWithPermitIT {
    private static final byte[] PERMIT_TYPEHASH = Hash.sha3(
            "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)".getBytes());

    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void participantJoinsWithASignedPermitAndNoPriorApproval() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        Credentials joiner = DevAccounts.account(17);
        BigInteger stake = TaskHarness.TOKEN.multiply(BigInteger.valueOf(150));
        harness.fund(joiner.getAddress(), stake);
        FederatedTask asJoiner = task.contractAs(joiner);
        long deadline = harness.now() + 3_600;
        Sign.SignatureData sig = permit(joiner, task.address(), stake, deadline);

        TransactionReceipt receipt = asJoiner.joinWithPermit(stake, BigInteger.valueOf(deadline),
                BigInteger.valueOf(Byte.toUnsignedInt(sig.getV()[0])), sig.getR(), sig.getS()).send();

        assertThat(FederatedTask.getJoinedEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(stake));
        assertThat(task.contract().stakeOf(joiner.getAddress()).send()).isEqualTo(stake);
        assertThat(token().allowance(joiner.getAddress(), task.address()).send()).isZero();
        assertThat(token().nonces(joiner.getAddress()).send()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void permitSignedForAnotherAmountGivesNoAllowanceAndTheJoinFails() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        Credentials joiner = DevAccounts.account(18);
        BigInteger stake = TaskHarness.TOKEN.multiply(BigInteger.valueOf(150));
        harness.fund(joiner.getAddress(), stake);
        FederatedTask asJoiner = task.contractAs(joiner);
        long deadline = harness.now() + 3_600;
        Sign.SignatureData sig = permit(joiner, task.address(), stake.subtract(BigInteger.ONE), deadline);

        assertThatThrownBy(() -> asJoiner.joinWithPermit(stake, BigInteger.valueOf(deadline),
                BigInteger.valueOf(Byte.toUnsignedInt(sig.getV()[0])), sig.getR(), sig.getS()).send())
                .isInstanceOfSatisfying(ContractRevertException.class,
                        e -> assertThat(e.errorName()).hasValue("ERC20InsufficientAllowance"));
        assertThat(task.contract().stakeOf(joiner.getAddress()).send()).isZero();
    }

    private static FedToken token() {
        return FedToken.load(harness.token(), harness.chain().web3j(),
                harness.chain().transactionManager(harness.creator()), harness.chain().gasProvider());
    }

    /** The EIP-712 signature of an ERC-2612 permit, as a wallet would make it. */
    private static Sign.SignatureData permit(Credentials owner, String spender, BigInteger value, long deadline)
            throws Exception {
        FedToken token = token();
        byte[] domain = token.DOMAIN_SEPARATOR().send();
        BigInteger nonce = token.nonces(owner.getAddress()).send();
        byte[] struct = new byte[6 * 32];
        System.arraycopy(PERMIT_TYPEHASH, 0, struct, 0, 32);
        put(struct, 1, Numeric.toBigInt(owner.getAddress()));
        put(struct, 2, Numeric.toBigInt(spender));
        put(struct, 3, value);
        put(struct, 4, nonce);
        put(struct, 5, BigInteger.valueOf(deadline));
        byte[] message = new byte[2 + 32 + 32];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domain, 0, message, 2, 32);
        System.arraycopy(Hash.sha3(struct), 0, message, 34, 32);
        return Sign.signMessage(Hash.sha3(message), owner.getEcKeyPair(), false);
    }

    private static void put(byte[] out, int word, BigInteger value) {
        byte[] bytes = Numeric.toBytesPadded(value, 32);
        System.arraycopy(bytes, 0, out, word * 32, 32);
    }
}
