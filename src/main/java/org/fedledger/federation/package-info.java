/**
 * Federations that run in this JVM: a task published on a devnet, its participant accounts
 * funded, and N participants each running the whole protocol on a thread of a pool, awaited
 * together and stopped together. The demo, the benchmarks and the tests build theirs with
 * {@link org.fedledger.federation.LocalFederation}.
 */
package org.fedledger.federation;
