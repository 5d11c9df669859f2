/**
 * What a task asks of its participants beyond the contract's rules:
 * {@link org.fedledger.task.TaskPolicy}, the aggregation rule with an optional
 * differential-privacy policy and encrypted files, decoded once from the rule id and the policy
 * text the task stores, and encoded back to the same bytes.
 */
package org.fedledger.task;
