package org.fedledger.model;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model specs FedLedger ships, by name, all trained with Adam:
 * <ul>
 *   <li>{@code mlp}: 784-128-10 perceptron for 28x28 grey images such as MNIST, learning rate
 *       1e-3 (101,770 parameters);
 *   <li>{@code cnn}: {@link Networks#cnn} for the same images, fed the same flat 784-float rows,
 *       learning rate 3e-3, with which one epoch on the MNIST subset reaches 94% where 1e-3
 *       reaches 92% (20,522 parameters);
 *   <li>{@code tabular-mlp:FEATURES:CLASSES}: FEATURES-64-CLASSES perceptron for CSV data,
 *       learning rate 1e-3.
 * </ul>
 * Every spec has the fixed {@link #SEED}, so a name always gives the same JSON bytes, digest,
 * CID and initial weights.
 */
public final class ModelSpecs {
    /** The seed of every spec made here. */
    public static final long SEED = 42;
    /** The names {@link #get} accepts, for messages and help texts. */
    public static final String NAMES = "mlp, cnn or tabular-mlp:FEATURES:CLASSES";

    private static final Pattern TABULAR = Pattern.compile("tabular-mlp:([1-9]\\d{0,5}):([1-9]\\d{0,4})");
    private static final int IMAGE_SIDE = 28;
    private static final int IMAGE_CLASSES = 10;
    private static final int TABULAR_HIDDEN = 64;

    private ModelSpecs() {}

    /**
     * Returns the spec called {@code name}.
     *
     * @throws IllegalArgumentException for a name not listed in {@link #NAMES}, with a message
     *     for the user
     */
    public static ModelSpec get(String name) {
        requireNonNull(name, "name == null");
        if (name.equals("mlp")) {
            return ModelSpec.of(name, Networks.mlp(IMAGE_SIDE * IMAGE_SIDE, 128, IMAGE_CLASSES, 1e-3, SEED));
        }
        if (name.equals("cnn")) {
            return ModelSpec.of(name, Networks.cnn(IMAGE_SIDE, IMAGE_SIDE, 1, IMAGE_CLASSES, 3e-3, SEED));
        }
        Matcher tabular = TABULAR.matcher(name);
        if (tabular.matches() && Integer.parseInt(tabular.group(2)) >= 2) {
            return ModelSpec.of(name, Networks.mlp(Integer.parseInt(tabular.group(1)), TABULAR_HIDDEN,
                    Integer.parseInt(tabular.group(2)), 1e-3, SEED));
        }
        if (name.startsWith("tabular-mlp")) {
            throw new IllegalArgumentException("bad model spec '" + name + "': use tabular-mlp:FEATURES:CLASSES with "
                    + "1 to 999999 features and 2 to 99999 classes, e.g. tabular-mlp:13:3");
        }
        throw new IllegalArgumentException("unknown model spec '" + name + "': use " + NAMES);
    }
}
