package org.fedledger.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data into the name and arguments of the Solidity custom error that caused it,
 * using the ABIs of FedLedger's compiled contracts ({@link ContractAbis}). Ganache and many
 * nodes only say "revert"; users should see
 * {@code RoundNotInPhase(3, 1)}. Also decodes {@code Error(string)} and {@code Panic(uint256)}.
 */
public final class ContractErrors {
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
        errors.put(ContractAbis.selector("Error(string)"), new ErrorAbi("Error", List.of("string")));
        errors.put(ContractAbis.selector("Panic(uint256)"), new ErrorAbi("Panic", List.of("uint256")));
        ContractAbis.errors().forEach((selector, e) -> errors.putIfAbsent(selector, new ErrorAbi(e.name(), e.types())));
        return Map.copyOf(errors);
    }
}
