package org.fedledger.data;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fedledger.data.CsvDataset.Options;

/** Parses the CSV files {@link CsvDataset} describes. */
final class CsvReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern INDEX = Pattern.compile("\\d+");

    private final Path file;
    private final Options options;
    private final List<String> rawLabels = new ArrayList<>();
    private float[] features = new float[1024];
    private int filled;

    private CsvReader(Path file, Options options) {
        this.file = file;
        this.options = options;
    }

    static CsvDataset read(Path file, Options options) throws DataSetException {
        return new CsvReader(file, options).read();
    }

    private CsvDataset read() throws DataSetException {
        List<String> header = null;
        int width = -1;
        int label = -1;
        int firstLine = -1;
        try (BufferedReader in = Files.newBufferedReader(file, UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = cells(line, lineNumber);
                if (width < 0) {
                    width = cells.size();
                    firstLine = lineNumber;
                    if (width < 2) {
                        throw new DataSetException(file + " line " + lineNumber
                                + " has 1 column: a CSV data set needs feature columns and a label column");
                    }
                    Layout layout = layout(cells);
                    label = layout.label();
                    if (layout.header()) {
                        header = cells;
                        continue;
                    }
                } else if (cells.size() != width) {
                    throw new DataSetException(file + " line " + lineNumber + " has " + cells.size()
                            + " columns, but line " + firstLine + " has " + width);
                }
                addRow(cells, label, lineNumber);
            }
        } catch (NoSuchFileException e) {
            throw new DataSetException(file + " not found: check the path", e);
        } catch (CharacterCodingException e) {
            throw new DataSetException(file + " is not UTF-8 text: save it as UTF-8 CSV", e);
        } catch (IOException e) {
            throw new DataSetException("cannot read " + file + ": " + DataSetException.oneLine(e), e);
        }
        if (width < 0) {
            throw new DataSetException(file + " is empty: expected rows of numbers with a label column");
        }
        if (rawLabels.isEmpty()) {
            throw new DataSetException(file + " has a header but no data rows");
        }
        return build(header, width, label);
    }

    /**
     * Finds the label column and whether {@code firstRow} is a header. A non-numeric label column
     * name must be in the header; an index-like one is a header name only if the row is a header.
     */
    private Layout layout(List<String> firstRow) throws DataSetException {
        String wanted = options.labelColumn();
        if (wanted == null) {
            int last = firstRow.size() - 1;
            return new Layout(last, isHeader(firstRow, last));
        }
        int named = firstRow.indexOf(wanted);
        boolean index = INDEX.matcher(wanted).matches();
        if (named >= 0 && (!index || isHeader(firstRow, named))) {
            return new Layout(named, true);
        }
        if (!index) {
            throw new DataSetException(file + " has no column named '" + wanted + "': its first row is "
                    + String.join(", ", firstRow));
        }
        if (wanted.length() > 9 || Integer.parseInt(wanted) >= firstRow.size()) {
            throw new DataSetException("label column " + wanted + " is out of range: " + file + " has "
                    + firstRow.size() + " columns, 0.." + (firstRow.size() - 1));
        }
        int label = Integer.parseInt(wanted);
        return new Layout(label, isHeader(firstRow, label));
    }

    private record Layout(int label, boolean header) {}

    /** A header row is one where no cell outside the label column is a number. */
    private static boolean isHeader(List<String> firstRow, int label) {
        for (int column = 0; column < firstRow.size(); column++) {
            if (column != label && NUMBER.matcher(firstRow.get(column)).matches()) {
                return false;
            }
        }
        return true;
    }

    private void addRow(List<String> cells, int label, int lineNumber) throws DataSetException {
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            String where = file + " line " + lineNumber + ", column " + (column + 1) + ": ";
            if (column == label) {
                if (cell.isEmpty()) {
                    throw new DataSetException(where + "the label is empty");
                }
                rawLabels.add(cell);
                continue;
            }
            if (!NUMBER.matcher(cell).matches()) {
                throw new DataSetException(where + "'" + cell + "' is not a number");
            }
            float value = (float) Double.parseDouble(cell);
            if (!Float.isFinite(value)) {
                throw new DataSetException(where + "'" + cell + "' is too large for a float");
            }
            if (filled == features.length) {
                features = Arrays.copyOf(features, features.length * 2);
            }
            features[filled++] = value;
        }
    }

    private CsvDataset build(List<String> header, int width, int label) throws DataSetException {
        boolean numeric = rawLabels.stream().allMatch(value -> INTEGER.matcher(value).matches());
        Map<String, String> canonical = new HashMap<>();
        TreeMap<String, Integer> classes = new TreeMap<>(numeric
                ? Comparator.comparing(BigInteger::new)
                : Comparator.<String>naturalOrder());
        for (String raw : rawLabels) {
            String name = canonical.computeIfAbsent(raw, value -> numeric ? new BigInteger(value).toString() : value);
            classes.put(name, 0);
        }
        if (classes.size() < 2) {
            throw new DataSetException(file + ": every row has the label '" + classes.firstKey()
                    + "' (column " + (label + 1) + "): a classifier needs at least 2 classes");
        }
        List<String> classNames = new ArrayList<>(classes.keySet());
        for (int c = 0; c < classNames.size(); c++) {
            classes.put(classNames.get(c), c);
        }
        int[] labels = new int[rawLabels.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.get(canonical.get(rawLabels.get(i)));
        }
        int featureCount = width - 1;
        float[] values = Arrays.copyOf(features, filled);
        options.normalization().apply(values, featureCount);
        List<String> featureNames = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            if (column != label) {
                featureNames.add(header != null ? header.get(column) : "column " + (column + 1));
            }
        }
        Dataset dataset = new Dataset(datasetName(), featureCount, classNames.size(), values, labels);
        return new CsvDataset(dataset, classNames, featureNames);
    }

    private String datasetName() {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return stem.isBlank() ? "csv" : stem;
    }

    /** Splits one line into trimmed fields, honouring double quotes. */
    private List<String> cells(String line, int lineNumber) throws DataSetException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    cell.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new DataSetException(file + " line " + lineNumber
                    + ": a double quote is not closed (a quoted field cannot span lines)");
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
