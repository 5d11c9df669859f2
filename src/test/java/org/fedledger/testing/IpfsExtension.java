package org.fedledger.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedledger.localnet.LocalService;
import org.fedledger.storage.Cid;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a running IPFS node as a {@link TestIpfs} parameter: one node for the
 * whole test run, with a fresh repository, started on first use and stopped when the run ends,
 * whether tests passed or failed.
 */
public final class IpfsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IpfsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestIpfs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("ipfs", key -> start(), TestIpfs.class);
    }

    private static TestIpfs start() {
        try {
            if (Fixtures.useContainers()) {
                return Containers.kubo();
            }
            Path work = Fixtures.workDir("ipfs");
            Path repo = work.resolve("repo");
            LocalService node = LocalService.startIpfs(0, repo, work, false);
            Thread hook = new Thread(node::close, "stop-ipfs");
            Runtime.getRuntime().addShutdownHook(hook);
            return new ProcessNode(node, repo, hook);
        } catch (Exception e) {
            throw new ParameterResolutionException("cannot start the test IPFS node: " + e.getMessage(), e);
        }
    }

    /** js-ipfs as a local process; its flat-file block store is on our disk. */
    private record ProcessNode(LocalService node, Path repo, Thread hook)
            implements TestIpfs, ExtensionContext.Store.CloseableResource {
        @Override
        public URI apiUrl() {
            return node.url();
        }

        @Override
        public void corruptBlock(Cid block) throws IOException {
            Path file = repo.resolve("blocks").resolve(BlockFiles.shard(block)).resolve(BlockFiles.key(block) + ".data");
            if (!Files.isRegularFile(file)) {
                throw new IOException("block file not found: " + file);
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long at = raf.length() / 2;
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0xFF);
            }
        }

        @Override
        public void close() {
            node.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
