package org.fedledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

/** Recovering a signer's public key from transactions signed here, as a node returns them. */
class SignerKeysTest {
    private static final Credentials SIGNER = Credentials.create("0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
    private static final Credentials OTHER = Credentials.create("0x6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1");
    private static final String TASK = "0x5b1869d9a4c187f2eaa108f3062412ecf0526b24";
    private static final String JOIN_DATA = "0x049878f3" + "0".repeat(62) + "64";

    @Test
    void theKeyOfAnEip155LegacyTransactionsSignerIsRecovered() {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(7), BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(200_000), TASK, BigInteger.ZERO, JOIN_DATA);

        Transaction tx = asNodeReturnsIt(TransactionEncoder.signMessage(raw, 1337L, SIGNER), "0x0");

        assertThat(tx.getV()).isIn(1337L * 2 + 35, 1337L * 2 + 36);
        assertThat(SignerKeys.recover(tx, SIGNER.getAddress())).contains(SIGNER.getEcKeyPair().getPublicKey());
    }

    @Test
    void theKeyOfAPreEip155TransactionsSignerIsRecovered() {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(21_000),
                TASK, BigInteger.ONE, "0x");

        Transaction tx = asNodeReturnsIt(TransactionEncoder.signMessage(raw, SIGNER), null);

        assertThat(tx.getV()).isIn(27L, 28L);
        assertThat(SignerKeys.recover(tx, SIGNER.getAddress())).contains(SIGNER.getEcKeyPair().getPublicKey());
    }

    @Test
    void theKeyOfAnEip1559TransactionsSignerIsRecovered() {
        RawTransaction raw = RawTransaction.createTransaction(1337L, BigInteger.valueOf(3), BigInteger.valueOf(300_000),
                TASK, BigInteger.ZERO, JOIN_DATA, BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(30_000_000_000L));

        Transaction tx = asNodeReturnsIt(TransactionEncoder.signMessage(raw, SIGNER), "0x2");

        assertThat(tx.getV()).isIn(0L, 1L);
        assertThat(SignerKeys.recover(tx, SIGNER.getAddress())).contains(SIGNER.getEcKeyPair().getPublicKey());
    }

    @Test
    void aTransactionSentByAnotherAccountGivesNoKey() {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.ZERO, BigInteger.TEN, BigInteger.valueOf(90_000),
                TASK, BigInteger.ZERO, JOIN_DATA);

        Transaction relayed = asNodeReturnsIt(TransactionEncoder.signMessage(raw, 1337L, OTHER), "0x0");

        assertThat(SignerKeys.recover(relayed, SIGNER.getAddress())).isEmpty();
        assertThat(SignerKeys.recover(relayed, OTHER.getAddress())).contains(OTHER.getEcKeyPair().getPublicKey());
    }

    @Test
    void alteredFieldsGiveNoKeyRatherThanAWrongOne() {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(7), BigInteger.TEN,
                BigInteger.valueOf(90_000), TASK, BigInteger.ZERO, JOIN_DATA);
        Transaction tx = asNodeReturnsIt(TransactionEncoder.signMessage(raw, 1337L, SIGNER), "0x0");
        tx.setNonce("0x8");

        assertThat(SignerKeys.recover(tx, SIGNER.getAddress())).isEmpty();
        tx.setNonce("0x7");
        tx.setType("0x1"); // EIP-2930: not read here
        assertThat(SignerKeys.recover(tx, SIGNER.getAddress())).isEqualTo(Optional.empty());
    }

    /** The JSON-RPC view of a signed transaction: its fields and v, r, s as eth_getTransactionByHash gives them. */
    private static Transaction asNodeReturnsIt(byte[] signed, String type) {
        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(signed));
        Sign.SignatureData sig = decoded.getSignatureData();
        long v = Numeric.toBigInt(sig.getV()).longValueExact();
        Transaction tx = new Transaction();
        tx.setType(type);
        tx.setNonce(Numeric.encodeQuantity(decoded.getNonce()));
        tx.setGas(Numeric.encodeQuantity(decoded.getGasLimit()));
        tx.setTo(decoded.getTo());
        tx.setValue(Numeric.encodeQuantity(decoded.getValue()));
        tx.setInput(Numeric.prependHexPrefix(decoded.getData()));
        if ("0x2".equals(type)) {
            var t = (org.web3j.crypto.transaction.type.Transaction1559) decoded.getTransaction();
            tx.setChainId(Numeric.encodeQuantity(BigInteger.valueOf(t.getChainId())));
            tx.setMaxFeePerGas(Numeric.encodeQuantity(t.getMaxFeePerGas()));
            tx.setMaxPriorityFeePerGas(Numeric.encodeQuantity(t.getMaxPriorityFeePerGas()));
            v = v >= 27 ? v - 27 : v;
        } else {
            tx.setGasPrice(Numeric.encodeQuantity(decoded.getGasPrice()));
        }
        tx.setV(Numeric.encodeQuantity(BigInteger.valueOf(v)));
        tx.setR(Numeric.toHexString(sig.getR()));
        tx.setS(Numeric.toHexString(sig.getS()));
        return tx;
    }
}
