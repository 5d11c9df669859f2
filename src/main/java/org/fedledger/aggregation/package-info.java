/**
 * Deterministic aggregation of a round's updates into the next global model. A task names an
 * {@link org.fedledger.aggregation.AggregationRule} (FedAvg, norm-clipped FedAvg, coordinate-wise
 * median, trimmed mean, Multi-Krum) by id and parameters, made by
 * {@link org.fedledger.aggregation.AggregationRules}. Every participant aggregates the same
 * {@link org.fedledger.aggregation.Update}s and {@link org.fedledger.aggregation.Failure}s itself,
 * in plain Java float and double arithmetic in a fixed order, so all honest participants reach
 * the same {@link org.fedledger.aggregation.Aggregate} to the bit, and with it the same weight
 * file CID and contributions root to vote on.
 */
package org.fedledger.aggregation;
