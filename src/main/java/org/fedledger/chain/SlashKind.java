package org.fedledger.chain;

/** The four slashable facts, in the contract's order (Solidity {@code SlashKind}). */
public enum SlashKind { NO_REVEAL, REJECTED_UPDATE, WRONG_VOTE, MISSED_ROUNDS }
