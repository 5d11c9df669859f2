package org.fedledger.testing;

import java.net.URI;
import org.fedledger.storage.Cid;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The container-backed twins of the process fixtures, used where a Docker engine runs: Ganache
 * 7.9.2 (the same devnet as test-chain/) and Kubo (the reference IPFS node), both configured as
 * the local processes are: deterministic accounts, no bootstrap peers, no MDNS, no NAT mapping.
 */
final class Containers {
    static final DockerImageName GANACHE = DockerImageName.parse("trufflesuite/ganache:v7.9.2");
    static final DockerImageName KUBO = DockerImageName.parse("ipfs/kubo:v0.32.1");
    private static final long CHAIN_ID = 1337;

    /** Kubo runs the scripts in /container-init.d after `ipfs init`, before the daemon starts. */
    private static final String KUBO_LOCAL_ONLY = String.join("\n",
            "#!/bin/sh", "set -e",
            "ipfs bootstrap rm --all",
            "ipfs config --json Discovery.MDNS.Enabled false",
            "ipfs config --json Swarm.DisableNatPortMap true",
            "ipfs config Routing.Type none", "");

    private Containers() {}

    static boolean dockerAvailable() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || (System.getenv("XDG_RUNTIME_DIR") != null
                    && java.nio.file.Files.exists(java.nio.file.Path.of(System.getenv("XDG_RUNTIME_DIR"), "docker.sock")));
        if (!configured) {
            return false; // spares the log Testcontainers' noisy search for an engine that is not there
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Ganache ganache() {
        GenericContainer<?> container = new GenericContainer<>(GANACHE)
                .withCommand("--wallet.deterministic", "--chain.chainId", Long.toString(CHAIN_ID),
                        "--chain.hardfork", "shanghai", "--wallet.totalAccounts", "20")
                .withExposedPorts(8545)
                .waitingFor(Wait.forLogMessage(".*RPC Listening.*", 1));
        container.start();
        return new Ganache(container);
    }

    static Kubo kubo() {
        GenericContainer<?> container = new GenericContainer<>(KUBO)
                .withCopyToContainer(Transferable.of(KUBO_LOCAL_ONLY, 0755), "/container-init.d/001-local-only.sh")
                .withExposedPorts(5001)
                .waitingFor(Wait.forLogMessage(".*Daemon is ready.*", 1));
        container.start();
        return new Kubo(container);
    }

    /** Ganache in a container. */
    record Ganache(GenericContainer<?> container) implements TestDevnet, AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public URI rpcUrl() {
            return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(8545));
        }

        @Override
        public long chainId() {
            return CHAIN_ID;
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    /** Kubo in a container; its flat-file block store lives under /data/ipfs/blocks. */
    record Kubo(GenericContainer<?> container) implements TestIpfs, AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public URI apiUrl() {
            return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(5001));
        }

        @Override
        public void corruptBlock(Cid block) throws Exception {
            String file = "/data/ipfs/blocks/" + BlockFiles.shard(block) + "/" + BlockFiles.key(block) + ".data";
            Container.ExecResult result = container.execInContainer("sh", "-c",
                    "printf '\\377\\377\\377\\377' | dd of=" + file + " bs=1 seek=16 conv=notrunc");
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("cannot corrupt " + file + ": " + result.getStderr());
            }
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
