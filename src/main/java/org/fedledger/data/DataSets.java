package org.fedledger.data;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.fedledger.data.CsvDataset.Normalization;
import org.fedledger.data.CsvDataset.Options;

/**
 * The one entry point that turns a data set spec, as a user writes it, into train and test sets:
 * <ul>
 *   <li>{@code mnist}: the 10,000 MNIST digits of {@link MnistDigits}, split 5:1 into train and
 *       test, stratified by class;
 *   <li>{@code fashion-mnist}: Fashion-MNIST's own 60,000 training and 10,000 test images
 *       ({@link FashionMnist});
 *   <li>{@code fashion-mnist:N}: a stratified sample of N training images and of N/6 (rounded up)
 *       test images, for quicker runs;
 *   <li>{@code csv:PATH}, optionally followed by {@code ?label=COLUMN&normalize=min-max} (or
 *       {@code z-score}): the user's own CSV file ({@link CsvDataset}), split 5:1 like MNIST.
 * </ul>
 * Splits and samples use the fixed {@link #SEED}, so every participant that loads the same spec
 * gets the same train and test sets.
 */
public final class DataSets {
    /** The seed of every split and sample made here. */
    public static final long SEED = 42;
    /** The share of samples a split puts in the test set: one in six, i.e. 5:1. */
    public static final double TEST_FRACTION = 1.0 / 6;
    /** The specs {@link #load} accepts, for messages and help texts. */
    public static final String SPECS =
            "mnist, fashion-mnist, fashion-mnist:N or csv:PATH[?label=COLUMN&normalize=none|min-max|z-score]";

    private DataSets() {}

    /** Loads the data set that {@code spec} names; see the class comment for the specs. */
    public static Split load(String spec) throws DataSetException {
        requireNonNull(spec, "spec == null");
        if (spec.equals("mnist")) {
            return MnistDigits.load().split(TEST_FRACTION, SEED);
        }
        if (spec.equals("fashion-mnist")) {
            return FashionMnist.load();
        }
        if (spec.startsWith("fashion-mnist:")) {
            return fashionMnistSample(spec, spec.substring("fashion-mnist:".length()));
        }
        if (spec.startsWith("csv:")) {
            return csv(spec, spec.substring("csv:".length()));
        }
        throw new DataSetException("unknown data set '" + spec + "': use " + SPECS);
    }

    private static Split fashionMnistSample(String spec, String count) throws DataSetException {
        if (!count.matches("[1-9]\\d{0,8}")) {
            throw new DataSetException("bad data set '" + spec + "': N in fashion-mnist:N is a count of "
                    + "training images, e.g. fashion-mnist:6000");
        }
        int train = Integer.parseInt(count);
        Split full = FashionMnist.load();
        if (train > full.train().size()) {
            throw new DataSetException("bad data set '" + spec + "': Fashion-MNIST has only "
                    + full.train().size() + " training images");
        }
        int test = Math.min(full.test().size(), (train + 5) / 6);
        return new Split(full.train().sample(train, SEED), full.test().sample(test, SEED));
    }

    private static Split csv(String spec, String rest) throws DataSetException {
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        String label = null;
        Normalization normalization = Normalization.NONE;
        if (query >= 0) {
            for (String option : rest.substring(query + 1).split("&", -1)) {
                int equals = option.indexOf('=');
                String key = equals < 0 ? option : option.substring(0, equals);
                String value = equals < 0 ? "" : option.substring(equals + 1);
                if (key.equals("label") && !value.isBlank()) {
                    label = value;
                } else if (key.equals("normalize")) {
                    try {
                        normalization = Normalization.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new DataSetException("bad data set '" + spec + "': " + e.getMessage(), e);
                    }
                } else {
                    throw new DataSetException("bad data set '" + spec + "': unknown option '" + option
                            + "'; a CSV spec is csv:PATH[?label=COLUMN&normalize=none|min-max|z-score]");
                }
            }
        }
        if (path.isBlank()) {
            throw new DataSetException("bad data set '" + spec + "': give the CSV file's path, e.g. csv:data/iris.csv");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new DataSetException("bad data set '" + spec + "': " + DataSetException.oneLine(e), e);
        }
        return CsvDataset.read(file, new Options(label, normalization)).dataset().split(TEST_FRACTION, SEED);
    }
}
