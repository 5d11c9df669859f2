package org.fedledger.federation;

import java.util.Objects;
import org.fedledger.chain.Chain;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskContracts;
import org.web3j.crypto.Credentials;

/**
 * A stake token and a task factory on one devnet, owned by the account that mints the token
 * and creates the tasks ({@code contracts} must sign as {@code owner}). Deployed once and
 * reused by every task a benchmark or test runs on the chain.
 */
public record Contracts(TaskContracts contracts, Credentials owner, String token, String factory) {
    public Contracts {
        Objects.requireNonNull(contracts, "contracts == null");
        Objects.requireNonNull(owner, "owner == null");
        Objects.requireNonNull(token, "token == null");
        Objects.requireNonNull(factory, "factory == null");
    }

    /** Deploys a token called {@code tokenName} ({@code tokenSymbol}), then a factory, both by dev account 0. */
    public static Contracts deploy(Chain chain, String tokenName, String tokenSymbol) throws ChainException {
        Credentials owner = DevAccounts.account(0);
        TaskContracts contracts = new TaskContracts(chain, owner);
        String token = contracts.deployToken(tokenName, tokenSymbol);
        return new Contracts(contracts, owner, token, contracts.deployFactory());
    }
}
