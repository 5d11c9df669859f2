package org.fedledger.testing;

import java.net.URI;
import org.fedledger.storage.Cid;

/**
 * The IPFS node an integration test gets from {@link IpfsExtension}: js-ipfs run as a local
 * loopback-only process (or Kubo in a container where Docker runs).
 */
public interface TestIpfs {
    URI apiUrl();

    /**
     * Flips bytes of the stored block {@code block} inside the node's own block store, the way
     * disk corruption or a malicious node would, so tests can show that readers notice.
     */
    void corruptBlock(Cid block) throws Exception;
}
