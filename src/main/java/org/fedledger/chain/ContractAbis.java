package org.fedledger.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The entries of FedLedger's compiled contract ABIs (shipped on the classpath under {@code
 * contracts/}) by 4-byte selector: custom errors, to name a revert, and functions, to name the
 * call a transaction made.
 */
public final class ContractAbis {
    private static final String INDEX = "contracts/index.txt";
    private static final Map<String, Entry> ERRORS = load("error");
    private static final Map<String, Entry> FUNCTIONS = load("function");

    /** An error or function: its name and canonical input types. */
    record Entry(String name, List<String> types) {
        String signature() {
            return name + "(" + String.join(",", types) + ")";
        }
    }

    private ContractAbis() {}

    /** The custom errors of all FedLedger contracts by selector (8 lowercase hex digits). */
    static Map<String, Entry> errors() {
        return ERRORS;
    }

    /**
     * The name of the FedLedger contract function that transaction input {@code input} (hex,
     * with or without 0x) calls, or empty if its selector is none of theirs.
     */
    public static Optional<String> functionName(String input) {
        String hex = input == null ? "" : Numeric.cleanHexPrefix(input);
        if (hex.length() < 8) {
            return Optional.empty();
        }
        return Optional.ofNullable(FUNCTIONS.get(hex.substring(0, 8).toLowerCase())).map(Entry::name);
    }

    static String selector(String signature) {
        return Numeric.cleanHexPrefix(Hash.sha3String(signature)).substring(0, 8);
    }

    private static Map<String, Entry> load(String type) {
        Map<String, Entry> entries = new HashMap<>();
        ClassLoader loader = ContractAbis.class.getClassLoader();
        ObjectMapper json = new ObjectMapper();
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index == null) {
                return entries;
            }
            for (String file : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (file.isBlank()) {
                    continue;
                }
                try (InputStream artifact = loader.getResourceAsStream("contracts/" + file.strip())) {
                    if (artifact == null) {
                        continue;
                    }
                    for (JsonNode node : json.readTree(artifact).path("abi")) {
                        if (type.equals(node.path("type").asText())) {
                            List<String> types = new ArrayList<>();
                            node.path("inputs").forEach(input -> types.add(canonicalType(input)));
                            Entry entry = new Entry(node.path("name").asText(), List.copyOf(types));
                            entries.putIfAbsent(selector(entry.signature()), entry);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract ABIs on the classpath", e);
        }
        return Map.copyOf(entries);
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
}
