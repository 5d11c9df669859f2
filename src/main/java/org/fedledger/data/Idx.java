package org.fedledger.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic
 * number {@code 0x000008NN} (unsigned bytes, NN dimensions), NN big-endian dimension sizes, then
 * the bytes. Images are {@code [count][rows][cols]} (magic {@code 0x00000803}), labels
 * {@code [count]} (magic {@code 0x00000801}). Every mismatch with the header is an error.
 */
final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /**
     * Reads an image file and its label file into a data set with one feature per pixel, scaled
     * from 0..255 to [0, 1].
     */
    static Dataset read(String name, Path images, Path labels, int numClasses) throws DataSetException {
        Content pixels = read(images, IMAGES_MAGIC, "images");
        Content classes = read(labels, LABELS_MAGIC, "labels");
        int count = pixels.dims[0];
        if (classes.dims[0] != count) {
            throw new DataSetException(labels + " has " + classes.dims[0] + " labels but " + images + " has "
                    + count + " images: the two files do not belong together");
        }
        int featureCount = pixels.dims[1] * pixels.dims[2];
        if (featureCount == 0) {
            throw new DataSetException(images + " has images of " + pixels.dims[1] + "x" + pixels.dims[2] + " pixels");
        }
        int[] labelValues = new int[count];
        for (int i = 0; i < count; i++) {
            labelValues[i] = classes.bytes[i] & 0xff;
            if (labelValues[i] >= numClasses) {
                throw new DataSetException(labels + ": label " + i + " is " + labelValues[i]
                        + ", outside 0.." + (numClasses - 1));
            }
        }
        float[] features = new float[pixels.bytes.length];
        for (int i = 0; i < features.length; i++) {
            features[i] = (pixels.bytes[i] & 0xff) / 255f;
        }
        return new Dataset(name, featureCount, numClasses, features, labelValues);
    }

    /** The dimension sizes and bytes of one IDX file. */
    record Content(int[] dims, byte[] bytes) {}

    static Content read(Path file, int magic, String kind) throws DataSetException {
        long expected = -1;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16))) {
            int found = in.readInt();
            if (found != magic) {
                throw new DataSetException(String.format(
                        "%s has magic number 0x%08x, not 0x%08x as IDX %s do: is it the right file?",
                        file, found, magic, kind));
            }
            int[] dims = new int[magic & 0xff];
            long total = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 0) {
                    throw new DataSetException(file + " has a negative dimension size " + dims[d] + " in its header");
                }
                total *= dims[d];
                if (total > Integer.MAX_VALUE - 8) {
                    throw new DataSetException(file + " claims more than 2 GB of data in its header");
                }
            }
            expected = total;
            byte[] bytes = in.readNBytes((int) expected);
            if (bytes.length < expected) {
                throw truncated(file, expected, bytes.length);
            }
            if (in.read() != -1) {
                throw new DataSetException(file + " has bytes after the " + expected + " its header promises");
            }
            return new Content(dims, bytes);
        } catch (NoSuchFileException e) {
            throw new DataSetException(file + " not found", e);
        } catch (EOFException e) {
            throw expected < 0
                    ? new DataSetException(file + " is truncated: it ends inside its header", e)
                    : truncated(file, expected, -1);
        } catch (ZipException e) {
            throw new DataSetException(file + " is not a gzip file (" + DataSetException.oneLine(e) + ")", e);
        } catch (IOException e) {
            throw new DataSetException("cannot read " + file + ": " + DataSetException.oneLine(e), e);
        }
    }

    private static DataSetException truncated(Path file, long expected, int found) {
        return new DataSetException(file + " is truncated: its header promises " + expected + " bytes of data, "
                + (found < 0 ? "but it ends early" : "it holds " + found));
    }
}
