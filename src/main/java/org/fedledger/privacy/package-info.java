/**
 * Client-level differential privacy for published updates (docs/privacy.md has the threat model
 * and the maths): a task's {@link org.fedledger.privacy.DpPolicy} says how far a participant's
 * step may go and how much noise it carries, an {@link org.fedledger.privacy.UpdatePrivatizer}
 * applies it, {@link org.fedledger.privacy.StepBound} lets every other participant check the
 * step, and the {@link org.fedledger.privacy.RdpAccountant} says how much privacy the rounds so
 * far have spent. Encrypting the files themselves is {@code org.fedledger.encryption}'s.
 */
package org.fedledger.privacy;
