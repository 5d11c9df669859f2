package org.fedledger.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.web3j.crypto.WalletUtils;

/**
 * Where FedLedger's contracts live on one chain, as {@code fl deploy} records them and
 * {@code fl task create} reads them: the chain id, the RPC URL used, the task factory and the
 * stake token, the deploying account, the block the factory was deployed in, when, and by which
 * FedLedger version. Stored as a small JSON object; written atomically, so a reader never sees a
 * half-written file.
 */
public record Deployment(long chainId, String rpcUrl, String factory, String token, String deployer,
                         BigInteger block, Instant timestamp, String version) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Deployment {
        Objects.requireNonNull(rpcUrl, "rpcUrl == null");
        Objects.requireNonNull(block, "block == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(version, "version == null");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId <= 0: " + chainId);
        }
        for (String address : new String[] {factory, token, deployer}) {
            if (address == null || !WalletUtils.isValidAddress(address)) {
                throw new IllegalArgumentException("not an address: " + address);
            }
        }
    }

    /** Writes this deployment to {@code file} (directories created), replacing it in one step. */
    public void write(Path file) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("chainId", chainId);
        node.put("rpcUrl", rpcUrl);
        node.put("factory", factory);
        node.put("token", token);
        node.put("deployer", deployer);
        node.put("block", block);
        node.put("timestamp", timestamp.toString());
        node.put("version", version);
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a deployment file. A missing file surfaces as {@link java.nio.file.NoSuchFileException};
     * a file that is not a deployment as an {@link IllegalArgumentException} whose one-line message
     * names the file and what is wrong.
     */
    public static Deployment read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(bad(file, "is not JSON (line " + line + ")"));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(bad(file, "is not a JSON object"));
        }
        JsonNode chainId = required(file, node, "chainId");
        JsonNode factory = required(file, node, "factory");
        JsonNode token = required(file, node, "token");
        try {
            return new Deployment(chainId.asLong(), text(node, "rpcUrl", ""), factory.asText(), token.asText(),
                    text(node, "deployer", "0x0000000000000000000000000000000000000000"),
                    new BigInteger(text(node, "block", "0")), Instant.parse(text(node, "timestamp", "1970-01-01T00:00:00Z")),
                    text(node, "version", "unknown"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(bad(file, "has a malformed field (" + e.getMessage() + ")"));
        }
    }

    private static JsonNode required(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(bad(file, "has no \"" + field + "\""));
        }
        return value;
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    private static String bad(Path file, String what) {
        return "deployment file " + file + " " + what + ": fix it, or write a new one with `fl deploy --force`";
    }
}
