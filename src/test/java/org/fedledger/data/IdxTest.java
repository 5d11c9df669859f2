package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabelsScaledToZeroOne() throws Exception {
        Path images = write("images.gz",
                idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 2}, 0, 255, 51, 0, 1, 2, 3, 4, 9, 9, 9, 9));
        Path labels = write("labels.gz", idx(Idx.LABELS_MAGIC, new int[] {3}, 7, 0, 9));

        Dataset data = Idx.read("tiny", images, labels, 10);

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.featureCount()).isEqualTo(4);
        assertThat(data.labels()).containsExactly(7, 0, 9);
        assertThat(data.row(0)).containsExactly(0f, 1f, 0.2f, 0f);
    }

    @Test
    void rejectsAWrongMagicNumber() throws Exception {
        Path labels = write("labels.gz", idx(Idx.LABELS_MAGIC, new int[] {1}, 0));

        assertThatThrownBy(() -> Idx.read(labels, Idx.IMAGES_MAGIC, "images"))
                .isInstanceOf(DataSetException.class)
                .hasMessage(labels + " has magic number 0x00000801, not 0x00000803 as IDX images do: "
                        + "is it the right file?");
    }

    @Test
    void rejectsDataShorterThanTheHeaderPromises() throws Exception {
        byte[] full = idx(Idx.IMAGES_MAGIC, new int[] {2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8);
        Path images = write("images.gz", Arrays.copyOf(full, full.length - 3));

        assertThatThrownBy(() -> Idx.read(images, Idx.IMAGES_MAGIC, "images"))
                .hasMessage(images + " is truncated: its header promises 8 bytes of data, it holds 5");
    }

    @Test
    void rejectsAFileThatEndsInsideItsHeader() throws Exception {
        Path images = write("images.gz", new byte[] {0, 0, 8, 3, 0, 0});

        assertThatThrownBy(() -> Idx.read(images, Idx.IMAGES_MAGIC, "images"))
                .hasMessage(images + " is truncated: it ends inside its header");
    }

    @Test
    void rejectsACutOffGzipStream() throws Exception {
        Path images = dir.resolve("cut.gz");
        byte[] gz = gzip(idx(Idx.IMAGES_MAGIC, new int[] {100, 28, 28}, new byte[78_400]));
        Files.write(images, Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> Idx.read(images, Idx.IMAGES_MAGIC, "images"))
                .hasMessageStartingWith(images + " is truncated");
    }

    @Test
    void rejectsBytesAfterTheData() throws Exception {
        Path labels = write("labels.gz", idx(Idx.LABELS_MAGIC, new int[] {2}, 1, 2, 3));

        assertThatThrownBy(() -> Idx.read(labels, Idx.LABELS_MAGIC, "labels"))
                .hasMessage(labels + " has bytes after the 2 its header promises");
    }

    @Test
    void rejectsLabelsThatDoNotMatchTheImages() throws Exception {
        Path images = write("images.gz", idx(Idx.IMAGES_MAGIC, new int[] {2, 1, 1}, 1, 2));
        Path labels = write("labels.gz", idx(Idx.LABELS_MAGIC, new int[] {3}, 1, 2, 3));

        assertThatThrownBy(() -> Idx.read("x", images, labels, 10))
                .hasMessage(labels + " has 3 labels but " + images
                        + " has 2 images: the two files do not belong together");
    }

    @Test
    void rejectsLabelsOutsideTheClasses() throws Exception {
        Path images = write("images.gz", idx(Idx.IMAGES_MAGIC, new int[] {2, 1, 1}, 1, 2));
        Path labels = write("labels.gz", idx(Idx.LABELS_MAGIC, new int[] {2}, 1, 10));

        assertThatThrownBy(() -> Idx.read("x", images, labels, 10))
                .hasMessage(labels + ": label 1 is 10, outside 0..9");
    }

    @Test
    void rejectsFilesThatAreNotGzipped() throws Exception {
        Path labels = dir.resolve("labels");
        Files.write(labels, idx(Idx.LABELS_MAGIC, new int[] {1}, 0));

        assertThatThrownBy(() -> Idx.read(labels, Idx.LABELS_MAGIC, "labels"))
                .hasMessage(labels + " is not a gzip file (Not in GZIP format)");
    }

    @Test
    void fashionMnistReadsTheFourFilesOfAFolder() throws Exception {
        write(FashionMnist.TRAIN_IMAGES, idx(Idx.IMAGES_MAGIC, new int[] {2, 28, 28}, new byte[2 * 784]));
        write(FashionMnist.TRAIN_LABELS, idx(Idx.LABELS_MAGIC, new int[] {2}, 3, 4));
        write(FashionMnist.TEST_IMAGES, idx(Idx.IMAGES_MAGIC, new int[] {1, 28, 28}, new byte[784]));
        write(FashionMnist.TEST_LABELS, idx(Idx.LABELS_MAGIC, new int[] {1}, 9));

        Split split = FashionMnist.load(dir);

        assertThat(split.train().name()).isEqualTo("fashion-mnist-train");
        assertThat(split.train().labels()).containsExactly(3, 4);
        assertThat(split.test().name()).isEqualTo("fashion-mnist-test");
        assertThat(split.test().labels()).containsExactly(9);
    }

    @Test
    void fashionMnistSaysHowToFetchAMissingFile() throws Exception {
        write(FashionMnist.TRAIN_IMAGES, idx(Idx.IMAGES_MAGIC, new int[] {0, 28, 28}));

        assertThatThrownBy(() -> FashionMnist.load(dir))
                .hasMessage("Fashion-MNIST file " + dir.resolve(FashionMnist.TRAIN_LABELS)
                        + " not found: run tools/fetch-fashion-mnist");
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, gzip(content));
        return file;
    }

    private static byte[] idx(int magic, int[] dims, int... values) throws IOException {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return idx(magic, dims, bytes);
    }

    private static byte[] idx(int magic, int[] dims, byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(magic);
        for (int dim : dims) {
            out.writeInt(dim);
        }
        out.write(bytes);
        return buffer.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(content);
        }
        return buffer.toByteArray();
    }
}
