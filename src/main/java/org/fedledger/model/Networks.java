package org.fedledger.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J network configurations FedLedger trains. A configuration's JSON ({@code toJson()}) is a
 * model spec: stored on IPFS, named by a task, and turned back into the same network by
 * {@link #fromSpec(String)} on every participant.
 */
public final class Networks {
    private Networks() {}

    /** A multi-layer perceptron {@code inputs -> hidden (ReLU) -> classes (softmax)}, trained with Adam. */
    public static MultiLayerConfiguration mlp(int inputs, int hidden, int classes, double learningRate, long seed) {
        if (inputs < 1 || hidden < 1 || classes < 2) {
            throw new IllegalArgumentException("mlp needs inputs >= 1, hidden >= 1, classes >= 2");
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden).nOut(classes).activation(Activation.SOFTMAX).build())
                .build();
    }

    /**
     * A small convolutional network for {@code height x width} images with {@code channels}
     * channels: conv 5x5 x8 (ReLU), max-pool 2x2, conv 5x5 x16 (ReLU), max-pool 2x2, dense 64
     * (ReLU), softmax over {@code classes}; trained with Adam. Its input is flat rows of
     * {@code height * width * channels} floats, channel by channel and row by row, the layout
     * of MNIST's images, so it trains on the same rows as {@link #mlp}.
     */
    public static MultiLayerConfiguration cnn(int height, int width, int channels, int classes,
            double learningRate, long seed) {
        if (height < 16 || width < 16 || channels < 1 || classes < 2) {
            throw new IllegalArgumentException("cnn needs images of at least 16x16, channels >= 1, classes >= 2");
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(maxPool())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(maxPool())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(height, width, channels))
                .build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** Builds and initialises the network a spec describes; its initial weights follow the spec's seed. */
    public static MultiLayerNetwork fromSpec(String specJson) {
        MultiLayerNetwork network = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(specJson));
        network.init();
        return network;
    }
}
