/**
 * Content-addressed storage of model weights on IPFS. Participants talk to a
 * {@link org.fedledger.storage.ContentStore}; {@link org.fedledger.storage.IpfsRpcClient} is the
 * one on a Kubo or js-ipfs node's RPC API. Nothing read from a node is trusted:
 * {@link org.fedledger.storage.CidCalculator} recomputes, locally and in one streaming pass, the
 * CID the node must assign with {@code cid-version=1&raw-leaves=true&chunker=size-262144} (raw
 * 256 KiB leaves, balanced dag-pb UnixFS tree of at most 174 links per node), and any
 * difference is a {@link org.fedledger.storage.ContentVerificationException}.
 */
package org.fedledger.storage;
