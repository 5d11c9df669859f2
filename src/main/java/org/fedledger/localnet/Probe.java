package org.fedledger.localnet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.storage.StorageException;

/** Health checks for the two local services: {@code eth_chainId} and the IPFS API's {@code version}. */
final class Probe {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private static final Pattern RESULT = Pattern.compile("\\\"result\\\"\\s*:\\s*\\\"0x([0-9a-fA-F]+)\\\"");

    private Probe() {}

    /** The chain id an Ethereum JSON-RPC endpoint reports, or empty when it does not answer. */
    static OptionalLong chainId(URI rpcUrl) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}";
        HttpRequest request = HttpRequest.newBuilder(rpcUrl).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String answer = send(request);
        if (answer == null) {
            return OptionalLong.empty();
        }
        Matcher m = RESULT.matcher(answer);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1), 16)) : OptionalLong.empty();
    }

    /** True when an IPFS RPC API answers {@code version}. */
    static boolean ipfsUp(URI apiUrl) {
        try {
            new IpfsRpcClient(apiUrl, TIMEOUT).version();
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
