/**
 * Leaving a task and taking the stake and rewards back out, with every outcome a value: a
 * {@link org.fedledger.membership.Member} turns the contract's refusals (its custom errors read
 * beside the account's status) into {@link org.fedledger.membership.StakeWithdrawal} and
 * {@link org.fedledger.membership.Leaving} results, so the CLI only renders them.
 */
package org.fedledger.membership;
