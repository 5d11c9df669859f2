/**
 * The canonical weight file: the one place model weights become bytes for IPFS and bytes become
 * weights again. {@link org.fedledger.weights.WeightFile} documents the byte layout; equal
 * weights always give equal bytes, so participants that compute the same aggregate publish the
 * same CID. Anything read from the network is checked against the expected model and size and
 * rejected with a one-line {@link org.fedledger.weights.WeightFileException}.
 */
package org.fedledger.weights;
