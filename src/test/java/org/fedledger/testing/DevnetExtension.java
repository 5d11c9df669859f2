package org.fedledger.testing;

import java.net.URI;
import org.fedledger.chain.Chain;
import org.fedledger.localnet.LocalService;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a running devnet as a {@link TestDevnet} parameter. One devnet serves
 * the whole test run: it starts on first use and stops when the run ends, whether tests passed
 * or failed (JUnit closes the root store's resources; a shutdown hook covers an aborted JVM).
 * Tests that need a pristine chain deploy their own contracts, so they do not interfere.
 */
public final class DevnetExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevnetExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDevnet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("devnet", key -> start(), Running.class);
    }

    private static Running start() {
        try {
            if (Fixtures.useContainers()) {
                Containers.Ganache ganache = Containers.ganache();
                return new Running(ganache.rpcUrl(), ganache.chainId(), ganache::close);
            }
            LocalService devnet = LocalService.startDevnet(0, null, Fixtures.workDir("devnet"), false);
            Thread hook = new Thread(devnet::close, "stop-devnet");
            Runtime.getRuntime().addShutdownHook(hook);
            long chainId;
            try (Chain chain = Chain.connect(devnet.url(), null)) {
                chainId = chain.chainId();
            }
            return new Running(devnet.url(), chainId, () -> {
                devnet.close();
                Runtime.getRuntime().removeShutdownHook(hook);
            });
        } catch (Exception e) {
            throw new ParameterResolutionException("cannot start the test devnet: " + e.getMessage(), e);
        }
    }

    /** The devnet of this test run, closed by JUnit at its end. */
    record Running(URI rpcUrl, long chainId, Runnable stop) implements TestDevnet, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stop.run();
        }
    }
}
