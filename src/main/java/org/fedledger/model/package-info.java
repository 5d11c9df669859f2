/**
 * The networks participants train: {@link org.fedledger.model.ModelSpec} is a DL4J network
 * configuration as JSON, the bytes a task names by CID; {@link org.fedledger.model.ModelSpecs}
 * ships the standard ones by name; {@link org.fedledger.model.Weights} turns a network's
 * parameters into the {@code float[]} of a weight file and back; and
 * {@link org.fedledger.model.LocalTraining} trains and measures a network on local data.
 */
package org.fedledger.model;
