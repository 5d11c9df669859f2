package org.fedledger.chain;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

/**
 * Recovers an account's secp256k1 public key from a transaction it signed, so that files can be
 * encrypted for participants without any key registry: every participant sent its join
 * transaction itself, and the signature on it gives its key. The signed payload is rebuilt from
 * the transaction's fields for its type (legacy, with or without EIP-155 replay protection, and
 * EIP-1559), and the key recovered from it counts only if it derives the expected address; so a
 * node that answers with made-up fields cannot substitute a key, and a transaction someone else
 * sent (a relayed join) gives no key rather than a wrong one.
 */
public final class SignerKeys {
    private final Chain chain;

    public SignerKeys(Chain chain) {
        this.chain = requireNonNull(chain, "chain == null");
    }

    /**
     * The public key (web3j's 64-byte form) of {@code address} from the transaction
     * {@code transactionHash}, or empty if that transaction is unknown, was not signed by
     * {@code address}, or is of a type not read here (EIP-2930, EIP-4844).
     */
    public Optional<BigInteger> publicKey(String transactionHash, String address) throws ChainException {
        requireNonNull(transactionHash, "transactionHash == null");
        requireNonNull(address, "address == null");
        EthTransaction answer;
        try {
            answer = chain.web3j().ethGetTransactionByHash(transactionHash).send();
        } catch (IOException e) {
            throw new ChainException("read transaction " + transactionHash + " failed: " + Chain.reason(e), e);
        }
        if (answer.hasError()) {
            throw new ChainException("read transaction " + transactionHash + " failed: " + answer.getError().getMessage());
        }
        return answer.getTransaction().flatMap(tx -> recover(tx, address));
    }

    /** The key that signed {@code tx}, if it derives {@code address}; see {@link #publicKey}. */
    static Optional<BigInteger> recover(Transaction tx, String address) {
        String type = tx.getType() == null ? "0x0" : tx.getType().toLowerCase(Locale.ROOT);
        BigInteger v = BigInteger.valueOf(tx.getV());
        byte[] payload;
        int recId;
        if (Numeric.toBigInt(type).signum() == 0) {
            RawTransaction raw = RawTransaction.createTransaction(tx.getNonce(), tx.getGasPrice(), tx.getGas(),
                    tx.getTo(), tx.getValue(), tx.getInput());
            if (v.longValue() == 27 || v.longValue() == 28) {
                payload = TransactionEncoder.encode(raw);
                recId = v.intValue() - 27;
            } else if (v.compareTo(BigInteger.valueOf(35)) >= 0) {
                BigInteger offset = v.subtract(BigInteger.valueOf(35));
                payload = TransactionEncoder.encode(raw, offset.shiftRight(1).longValueExact());
                recId = offset.testBit(0) ? 1 : 0;
            } else {
                return Optional.empty();
            }
        } else if (Numeric.toBigInt(type).equals(BigInteger.TWO) && tx.getChainId() != null) {
            List<AccessListObject> accessList = new ArrayList<>();
            if (tx.getAccessList() != null) {
                tx.getAccessList().forEach(a -> accessList.add(new AccessListObject(a.getAddress(), a.getStorageKeys())));
            }
            RawTransaction raw = RawTransaction.createTransaction(tx.getChainId(), tx.getNonce(), tx.getGas(),
                    tx.getTo(), tx.getValue(), tx.getInput(), tx.getMaxPriorityFeePerGas(), tx.getMaxFeePerGas(),
                    accessList);
            payload = TransactionEncoder.encode(raw);
            recId = v.testBit(0) ? 1 : 0;
            if (v.compareTo(BigInteger.ONE) > 0) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        Sign.SignatureData signature = new Sign.SignatureData((byte) (27 + recId),
                Numeric.toBytesPadded(Numeric.toBigInt(tx.getR()), 32),
                Numeric.toBytesPadded(Numeric.toBigInt(tx.getS()), 32));
        BigInteger key;
        try {
            key = Sign.signedMessageHashToKey(Hash.sha3(payload), signature);
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
        boolean signer = ("0x" + Keys.getAddress(key)).equalsIgnoreCase(address);
        return signer ? Optional.of(key) : Optional.empty();
    }
}
