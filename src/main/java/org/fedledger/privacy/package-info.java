/**
 * Privacy for published updates, in two independent parts (docs/privacy.md has the threat model
 * and the maths). Client-level differential privacy: a task's {@link org.fedledger.privacy.DpPolicy}
 * says how far a participant's step may go and how much noise it carries, an
 * {@link org.fedledger.privacy.UpdatePrivatizer} applies it, {@link org.fedledger.privacy.StepBound}
 * lets every other participant check the step, and the {@link org.fedledger.privacy.RdpAccountant}
 * says how much privacy the rounds so far have spent. Encryption: an
 * {@link org.fedledger.privacy.UpdateCipher} seals a file for the registered participants with
 * AES-256-GCM and publishes the key wrapped for each of them in a
 * {@link org.fedledger.privacy.KeyWrap}, so that a CID alone no longer reveals an update.
 */
package org.fedledger.privacy;
