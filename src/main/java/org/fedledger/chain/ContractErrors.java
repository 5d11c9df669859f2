package org.fedledger.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data into the name and arguments of the Solidity custom error that caused it,
 * using the ABIs of FedLedger's compiled contracts (shipped on the classpath under
 * {@code contracts/}). Ganache and many nodes only say "revert"; users should see
 * {@code RoundNotInPhase(3, 1)}. Also decodes {@code Error(string)} and {@code Panic(uint256)}.
 */
public final class ContractErrors {
    private static final String INDEX = "contracts/index.txt";
    private static final Map<String, ErrorAbi> BY_SELECTOR = load();

    private record ErrorAbi(String name, List<String> types) {
        String signature() {
            return name + "(" + String.join(",", types) + ")";
        }
    }

    private ContractErrors() {}

    /**
     * Describes {@code revertData} (hex, with or without 0x) as {@code Name(arg, ...)}, or
     * returns empty if the data is empty or matches no known error.
     */
    public static Optional<String> describe(String revertData) {
        if (revertData == null) {
            return Optional.empty();
        }
        String hex = Numeric.cleanHexPrefix(revertData);
        if (hex.length() < 8) {
            return Optional.empty();
        }
        ErrorAbi error = BY_SELECTOR.get(hex.substring(0, 8).toLowerCase());
        if (error == null) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (String type : error.types()) {
                refs.add(TypeReference.makeTypeReference(type));
            }
            for (Type<?> value : FunctionReturnDecoder.decode("0x" + hex.substring(8), refs)) {
                args.add(render(value));
            }
        } catch (ClassNotFoundException | RuntimeException e) {
            return Optional.of(error.name() + "(?)");
        }
        return Optional.of(error.name() + "(" + String.join(", ", args) + ")");
    }

    /** The bare error name of {@code revertData}, e.g. {@code RoundNotInPhase}. */
    public static Optional<String> name(String revertData) {
        return describe(revertData).map(d -> d.substring(0, d.indexOf('(')));
    }

    private static String render(Type<?> value) {
        Object v = value.getValue();
        if (v instanceof byte[] bytes) {
            return Numeric.toHexString(bytes);
        }
        return String.valueOf(v);
    }

    private static Map<String, ErrorAbi> load() {
        Map<String, ErrorAbi> errors = new HashMap<>();
        errors.put(selector("Error(string)"), new ErrorAbi("Error", List.of("string")));
        errors.put(selector("Panic(uint256)"), new ErrorAbi("Panic", List.of("uint256")));
        ClassLoader loader = ContractErrors.class.getClassLoader();
        ObjectMapper json = new ObjectMapper();
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index == null) {
                return errors;
            }
            for (String file : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (file.isBlank()) {
                    continue;
                }
                try (InputStream artifact = loader.getResourceAsStream("contracts/" + file.strip())) {
                    if (artifact == null) {
                        continue;
                    }
                    for (JsonNode entry : json.readTree(artifact).path("abi")) {
                        if ("error".equals(entry.path("type").asText())) {
                            List<String> types = new ArrayList<>();
                            entry.path("inputs").forEach(input -> types.add(canonicalType(input)));
                            ErrorAbi error = new ErrorAbi(entry.path("name").asText(), types);
                            errors.putIfAbsent(selector(error.signature()), error);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract ABIs on the classpath", e);
        }
        return Map.copyOf(errors);
    }

    /** Tuple types are spelled out by their components, as the selector needs. */
    private static String canonicalType(JsonNode input) {
        String type = input.path("type").asText();
        if (type.startsWith("tuple")) {
            List<String> parts = new ArrayList<>();
            input.path("components").forEach(c -> parts.add(canonicalType(c)));
            return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
        }
        return type;
    }

    private static String selector(String signature) {
        return Numeric.cleanHexPrefix(Hash.sha3String(signature)).substring(0, 8);
    }
}
