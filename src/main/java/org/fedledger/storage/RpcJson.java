package org.fedledger.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON answers of the Kubo RPC API, which js-ipfs imitates: a stream of objects,
 * one per line, with capitalised field names. Returns {@code null} for what is absent and
 * leaves the wording of errors to the client.
 */
final class RpcJson {
    /** The last object of an {@code add} answer: the root's CID text and its DAG size. */
    record Added(String hash, long size) {
        Added {
            if (hash == null || hash.isEmpty()) {
                throw new IllegalArgumentException("hash is empty");
            }
        }
    }

    private static final ObjectReader READER = new ObjectMapper().readerFor(JsonNode.class);
    private static final int MAX_SNIPPET = 200;

    private RpcJson() {}

    /**
     * Returns the last object that has a {@code Hash}; {@code Size} may be a number (js-ipfs)
     * or a decimal string (Kubo).
     *
     * @throws IOException if the answer is not JSON or no object has a Hash and a Size
     */
    static Added added(byte[] body) throws IOException {
        JsonNode last = null;
        for (JsonNode object : objects(body)) {
            if (object.path("Hash").isTextual()) {
                last = object;
            }
        }
        if (last == null) {
            String error = text(body, "Message");
            throw new IOException(error != null ? error : "no object with a \"Hash\"");
        }
        JsonNode size = last.path("Size");
        try {
            long value = size.isIntegralNumber() && size.canConvertToLong() ? size.asLong()
                    : size.isTextual() ? Long.parseLong(size.asText()) : -1;
            if (value < 0) {
                throw new IOException("\"Size\" is not a non-negative integer: " + size);
            }
            return new Added(last.get("Hash").asText(), value);
        } catch (NumberFormatException e) {
            throw new IOException("\"Size\" is not a non-negative integer: " + size, e);
        }
    }

    /** Returns the string field {@code name} of the first object that has one, or null. */
    static String text(byte[] body, String name) {
        try {
            for (JsonNode object : objects(body)) {
                if (object.path(name).isTextual()) {
                    return object.get(name).asText();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Tells whether some object of the answer has a field {@code name}. */
    static boolean has(byte[] body, String name) {
        try {
            for (JsonNode object : objects(body)) {
                if (object.has(name)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Returns the body as one line of at most 200 characters, for error messages. */
    static String snippet(byte[] body) {
        return oneLine(new String(body, StandardCharsets.UTF_8));
    }

    /** Returns {@code text} as one line of at most 200 characters, for error messages. */
    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SNIPPET ? line : line.substring(0, MAX_SNIPPET) + "...";
    }

    private static List<JsonNode> objects(byte[] body) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> values = READER.readValues(body)) {
            while (values.hasNextValue()) {
                objects.add(values.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("not JSON: " + snippet(body), e);
        }
        return objects;
    }
}
