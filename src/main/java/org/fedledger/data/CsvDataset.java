package org.fedledger.data;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A user's own tabular data, read from a CSV file: numeric feature columns and one label column,
 * with an optional header row. The label column is the last one unless {@link Options} names
 * another, by header name or 0-based index. Labels may be integers or strings; the distinct
 * labels become classes 0, 1, ... in sorted order (numeric order if every label is an integer,
 * else {@link String#compareTo} order), and {@code classNames} keeps them.
 *
 * <p>The first row is a header when none of its cells outside the label column is a number, or
 * when the label column is chosen by a name (not an index), which it must then hold. Fields are
 * separated by commas and trimmed; double quotes may enclose a field (a doubled quote inside
 * stands for one), but not across lines. Blank lines are skipped. Errors name the line and the
 * column, both counted from 1 as an editor does.
 */
public record CsvDataset(Dataset dataset, List<String> classNames, List<String> featureNames) {
    public CsvDataset {
        requireNonNull(dataset, "dataset == null");
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        if (classNames.size() != dataset.numClasses()) {
            throw new IllegalArgumentException(
                    classNames.size() + " class names for " + dataset.numClasses() + " classes");
        }
        if (featureNames.size() != dataset.featureCount()) {
            throw new IllegalArgumentException(
                    featureNames.size() + " feature names for " + dataset.featureCount() + " features");
        }
    }

    /** Reads {@code file} with the {@link Options#DEFAULT default options}. */
    public static CsvDataset read(Path file) throws DataSetException {
        return read(file, Options.DEFAULT);
    }

    /** Reads {@code file}, a UTF-8 CSV file, into a data set named after it (without {@code .csv}). */
    public static CsvDataset read(Path file, Options options) throws DataSetException {
        requireNonNull(file, "file == null");
        requireNonNull(options, "options == null");
        return CsvReader.read(file, options);
    }

    /**
     * How to read a CSV file: which column holds the labels ({@code null} for the last column,
     * else a header name or a 0-based index; a header name wins over an index) and how to scale
     * each feature column.
     */
    public record Options(String labelColumn, Normalization normalization) {
        /** The last column is the label; features as they are. */
        public static final Options DEFAULT = new Options(null, Normalization.NONE);

        public Options {
            requireNonNull(normalization, "normalization == null");
            if (labelColumn != null && labelColumn.isBlank()) {
                throw new IllegalArgumentException("labelColumn is blank");
            }
        }
    }

    /**
     * How each feature column is scaled, using statistics of the whole file: {@code NONE};
     * {@code MIN_MAX} to [0, 1] by its minimum and maximum; {@code Z_SCORE} to mean 0 and
     * (population) standard deviation 1. A constant column becomes all zeros.
     */
    public enum Normalization {
        NONE, MIN_MAX, Z_SCORE;

        /** Parses the spelling {@link #toString()} gives: {@code none}, {@code min-max} or {@code z-score}. */
        public static Normalization parse(String name) {
            for (Normalization value : values()) {
                if (value.toString().equals(name)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("unknown normalisation '" + name + "': use none, min-max or z-score");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Scales each feature column of the row-major {@code values} in place. */
        void apply(float[] values, int featureCount) {
            if (this == NONE) {
                return;
            }
            int rows = values.length / featureCount;
            for (int f = 0; f < featureCount; f++) {
                double offset;
                double scale;
                if (this == MIN_MAX) {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = 0; r < rows; r++) {
                        min = Math.min(min, values[r * featureCount + f]);
                        max = Math.max(max, values[r * featureCount + f]);
                    }
                    offset = min;
                    scale = max - min;
                } else {
                    double sum = 0;
                    for (int r = 0; r < rows; r++) {
                        sum += values[r * featureCount + f];
                    }
                    double mean = sum / rows;
                    double squares = 0;
                    for (int r = 0; r < rows; r++) {
                        double deviation = values[r * featureCount + f] - mean;
                        squares += deviation * deviation;
                    }
                    offset = mean;
                    scale = StrictMath.sqrt(squares / rows);
                }
                for (int r = 0; r < rows; r++) {
                    int i = r * featureCount + f;
                    values[i] = scale == 0 ? 0f : (float) ((values[i] - offset) / scale);
                }
            }
        }
    }
}
