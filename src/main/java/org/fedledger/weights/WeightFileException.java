package org.fedledger.weights;

/**
 * Bytes are not a weight file this participant can use: wrong magic or format version, another
 * model's spec digest, the wrong parameter count or length, a value that is not finite, or too
 * many bytes. The message is one line that says what is wrong, ready to record as the reason a
 * participant's update failed.
 */
public final class WeightFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public WeightFileException(String message) {
        super(message);
    }
}
