/**
 * Model specs and weights on IPFS, as a participant reads and writes them:
 * {@link org.fedledger.modelstore.ModelStore} puts them into a
 * {@link org.fedledger.storage.ContentStore} and pins them, and reads them back only when the
 * bytes match their CID and parse as a spec that runs, or as a weight file of the expected
 * model. Every failure is a one-line {@link org.fedledger.modelstore.ModelStoreException}
 * whose kind tells an outage from a bad file.
 */
package org.fedledger.modelstore;
