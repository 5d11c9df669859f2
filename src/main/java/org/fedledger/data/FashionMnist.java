package org.fedledger.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedledger.Home;

/**
 * Loads Fashion-MNIST (Zalando, MIT licence): 60,000 training and 10,000 test images of clothing,
 * 28x28 grey levels scaled to [0, 1], in 10 classes, from the four gzip-compressed IDX files of
 * the original distribution. {@code tools/fetch-fashion-mnist} puts them in
 * {@code data/fashion-mnist/}; a machine with Debian's {@code dataset-fashion-mnist} package has
 * them in {@code /usr/share/datasets/fashion-mnist/}.
 */
public final class FashionMnist {
    /** Pixels per image: 28 x 28. */
    public static final int FEATURES = 784;
    /** T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot. */
    public static final int CLASSES = 10;

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private FashionMnist() {}

    /** Returns the folders searched, in order: {@code data/fashion-mnist}, then the Debian package's. */
    public static List<Path> searchPath() {
        return List.of(Home.dataDir().resolve("fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));
    }

    /** Loads the train and test sets from the first folder of {@link #searchPath()} that has any of the files. */
    public static Split load() throws DataSetException {
        for (Path dir : searchPath()) {
            if (FILES.stream().anyMatch(file -> Files.exists(dir.resolve(file)))) {
                return load(dir);
            }
        }
        throw new DataSetException("Fashion-MNIST not found in " + String.join(" or ",
                searchPath().stream().map(Path::toString).toList()) + ": run tools/fetch-fashion-mnist");
    }

    /**
     * Loads the train set ({@code fashion-mnist-train}) and the test set
     * ({@code fashion-mnist-test}) from the four IDX files in {@code dir}.
     */
    public static Split load(Path dir) throws DataSetException {
        for (String file : FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new DataSetException("Fashion-MNIST file " + dir.resolve(file)
                        + " not found: run tools/fetch-fashion-mnist");
            }
        }
        Dataset train = Idx.read("fashion-mnist-train", dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS), CLASSES);
        Dataset test = Idx.read("fashion-mnist-test", dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS), CLASSES);
        if (train.featureCount() != FEATURES || test.featureCount() != FEATURES) {
            throw new DataSetException("Fashion-MNIST images in " + dir + " are not 28x28 pixels: "
                    + "delete the folder's files and run tools/fetch-fashion-mnist");
        }
        return new Split(train, test);
    }
}
