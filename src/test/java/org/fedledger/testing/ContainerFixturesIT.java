package org.fedledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.fedledger.chain.Chain;
import org.fedledger.storage.CidCalculator;
import org.fedledger.storage.IpfsRpcClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The container-backed fixtures (Ganache and Kubo images), for machines with a Docker engine.
 * CI here has none, so this class is disabled there and the process-backed fixtures run.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerFixturesIT {
    @Test
    void ganacheContainerServesTheDevnetChain() throws Exception {
        try (Containers.Ganache ganache = Containers.ganache(); Chain chain = ganache.connect()) {
            assertThat(chain.chainId()).isEqualTo(1337);
        }
    }

    @Test
    void kuboContainerAssignsTheCidsJavaComputes() throws Exception {
        try (Containers.Kubo kubo = Containers.kubo()) {
            IpfsRpcClient client = new IpfsRpcClient(kubo.apiUrl());
            byte[] content = new byte[600_000];
            assertThat(client.add(content)).isEqualTo(CidCalculator.of(content));
        }
    }
}
