package org.fedledger.chain;

/** Where a task is: the current round (1-based; 0 during registration), its phase and the phase's deadline (unix seconds). */
public record RoundPosition(long round, TaskPhase phase, long deadline) {}
