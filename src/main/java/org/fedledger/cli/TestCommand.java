package org.fedledger.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fl test}: runs the whole test suite ({@code mvn verify}: unit tests, then integration
 * tests against a devnet and an IPFS node that the tests start and stop themselves). The
 * {@code ./fl} launcher runs Maven directly for this command, without building first.
 */
@Command(name = "test", description = "Run the test suite (mvn verify): unit and integration tests.")
final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MAVEN_ARG", arity = "0..*", description = "Extra Maven arguments, e.g. -Dit.test=IpfsNodeIT.")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "verify"));
        command.addAll(mavenArgs);
        return new ProcessBuilder(command).directory(Home.root().toFile()).inheritIO().start().waitFor();
    }
}
