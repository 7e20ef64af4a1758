package dev.groot.model.tagger;

import dev.groot.model.update.GroupedParams;
import dev.groot.model.update.GroupedTaggerOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The only place DL4J graphs are built (METHOD.md architecture): word, shape and suffix ids ->
 * embeddings -> bidirectional LSTM encoder; decoder LSTM over [embed(y_{i-1}); enc_i] -> softmax.
 * All sequences are NCW: inputs [batch, time] of ids, activations [batch, features, time].
 */
public final class NetworkFactory {
    public static final String IN_WORDS = "words";
    public static final String IN_SHAPES = "shapes";
    public static final String IN_SUFFIXES = "suffixes";
    public static final String IN_PREV_TAGS = "prevTags";
    public static final String WORD_EMB = "wordEmb";
    public static final String SHAPE_EMB = "shapeEmb";
    public static final String SUFFIX_EMB = "suffixEmb";
    /** The encoder output vertex: [forward LSTM; backward LSTM] states, [batch, 2 * encoderSize, time]. */
    public static final String ENCODER = "encoder";
    public static final String ENCODER_FORWARD = "encFwd";
    public static final String ENCODER_BACKWARD = "encBwd";
    public static final String TAG_EMB = "tagEmb";
    public static final String DECODER = "decoder";
    public static final String OUTPUT = "output";

    private NetworkFactory() {
    }

    /**
     * A copy of a graph with its parameters, optimizer state and iteration/epoch counts.
     * {@code ComputationGraph.clone()} drops both counts (its configuration clone does not copy them),
     * and Adam's bias correction reads the iteration count.
     */
    public static ComputationGraph copy(ComputationGraph net) {
        ComputationGraph c = net.clone();
        c.getConfiguration().setIterationCount(net.getConfiguration().getIterationCount());
        c.getConfiguration().setEpochCount(net.getConfiguration().getEpochCount());
        return c;
    }

    /** The full training graph, initialised from {@code c.seed()}. Inputs: words, shapes, suffixes, prevTags. */
    public static ComputationGraph build(TaggerConfig c, Vocabularies v) {
        ComputationGraphConfiguration.GraphBuilder g = base(c).graphBuilder()
                .addInputs(IN_WORDS, IN_SHAPES, IN_SUFFIXES, IN_PREV_TAGS);
        addEncoder(g, c, v);
        int nTags = v.numTags();
        g.addLayer(TAG_EMB, embedding(nTags + 1, c.tagEmbedding()), IN_PREV_TAGS)
                .addVertex("decoderIn", new MergeVertex(), TAG_EMB, ENCODER)
                .addLayer(DECODER, lstm(c.tagEmbedding() + 2 * c.encoderSize(), c.decoderSize(), c.dropout()), "decoderIn")
                // Explicit all-ones weights: the loss then stays linear in the labels, which is how
                // per-sequence (also negative) weights are passed through scaled one-hot labels (STACK.md).
                .addLayer(OUTPUT, dropout(new RnnOutputLayer.Builder(new LossMCXENT(Nd4j.ones(DataType.FLOAT, 1, nTags)))
                        .nIn(c.decoderSize()).nOut(nTags).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW), c.dropout()).build(), DECODER)
                .setOutputs(OUTPUT);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /** The grouped graph's single input: packed sentence groups (dev.groot.model.update.GroupedLayout). */
    public static final String IN_GROUPED = "groups";

    /**
     * The sentence-grouped training graph (dev.groot.model.update): the same tagger as {@link #build} as
     * one output layer over packed sentence groups, with the same updater, L2, clipping and dropout
     * settings and, exactly, the same initial parameters as {@code build(c, v)}. Training only: convert
     * to and from the standard graph (the stored format) with {@link GroupedParams}.
     */
    public static ComputationGraph buildGrouped(TaggerConfig c, Vocabularies v) {
        return buildGrouped(c, v, DataType.FLOAT);
    }

    /** {@link #buildGrouped(TaggerConfig, Vocabularies)} with a chosen data type (DOUBLE for gradient checks). */
    public static ComputationGraph buildGrouped(TaggerConfig c, Vocabularies v, DataType type) {
        GroupedTaggerOutputLayer layer = new GroupedTaggerOutputLayer.Builder()
                .vocabularies(v.words().size(), v.shapes().size(), v.suffixes().size(), v.numTags())
                .embeddings(c.wordEmbedding(), c.shapeEmbedding(), c.suffixEmbedding(), c.tagEmbedding())
                .lstmSizes(c.encoderSize(), c.decoderSize())
                .dropRate(c.dropout())
                .build();
        ComputationGraphConfiguration conf = base(c).dataType(type).graphBuilder()
                .addInputs(IN_GROUPED)
                .addLayer(GroupedParams.LAYER, layer, IN_GROUPED)
                .setOutputs(GroupedParams.LAYER)
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        GroupedParams.toGrouped(build(c, v), net);
        return net;
    }

    private static NeuralNetConfiguration.Builder base(TaggerConfig c) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater(c));
        if (c.l2() > 0) {
            b.l2(c.l2());
        }
        if (c.gradientClip() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(c.gradientClip());
        }
        return b;
    }

    private static void addEncoder(ComputationGraphConfiguration.GraphBuilder g, TaggerConfig c, Vocabularies v) {
        int in = c.wordEmbedding() + c.shapeEmbedding() + c.suffixEmbedding();
        g.addLayer(WORD_EMB, embedding(v.words().size(), c.wordEmbedding()), IN_WORDS)
                .addLayer(SHAPE_EMB, embedding(v.shapes().size(), c.shapeEmbedding()), IN_SHAPES)
                .addLayer(SUFFIX_EMB, embedding(v.suffixes().size(), c.suffixEmbedding()), IN_SUFFIXES)
                .addVertex("features", new MergeVertex(), WORD_EMB, SHAPE_EMB, SUFFIX_EMB)
                .addLayer(ENCODER_FORWARD, lstm(in, c.encoderSize(), c.dropout()), "features")
                // Not DL4J's Bidirectional layer: in a ComputationGraph its LSTMs never receive the
                // feature mask, so the backward direction would run over the right padding first and
                // make every sentence's encoding depend on its batch. Reversing each sequence within
                // its own length (mask of the words input) keeps the padding at the end instead.
                // (DL4J's ReverseTimeSeriesVertex does the same with a slow per-element Java loop.)
                .addVertex("reversed", new ReverseWithinLengthVertex(IN_WORDS), "features")
                .addLayer(ENCODER_BACKWARD, lstm(in, c.encoderSize(), c.dropout()), "reversed")
                .addVertex("backward", new ReverseWithinLengthVertex(IN_WORDS), ENCODER_BACKWARD)
                .addVertex(ENCODER, new MergeVertex(), ENCODER_FORWARD, "backward");
    }

    // nIn must be explicit: setInputTypes(recurrent(1)) would silently overwrite it (STACK.md).
    private static EmbeddingSequenceLayer embedding(int nIn, int nOut) {
        return new EmbeddingSequenceLayer.Builder().nIn(nIn).nOut(nOut).hasBias(false)
                .outputDataFormat(RNNFormat.NCW).build();
    }

    private static LSTM lstm(int nIn, int nOut, double dropout) {
        return dropout(new LSTM.Builder().nIn(nIn).nOut(nOut)
                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .dataFormat(RNNFormat.NCW), dropout).build();
    }

    // DL4J's dropOut(x) takes the RETAIN probability; it is applied to the layer's input.
    private static <T extends org.deeplearning4j.nn.conf.layers.Layer.Builder<T>> T dropout(T builder, double dropout) {
        if (dropout > 0) {
            builder.dropOut(1.0 - dropout);
        }
        return builder;
    }

    static IUpdater updater(TaggerConfig c) {
        double lr = c.learningRate();
        return switch (c.updater()) {
            case "adam" -> new Adam(lr);
            case "nadam" -> new Nadam(lr);
            case "sgd" -> new Sgd(lr);
            case "nesterovs" -> new Nesterovs(lr, 0.9);
            case "rmsprop" -> new RmsProp(lr);
            case "adagrad" -> new AdaGrad(lr);
            default -> throw new IllegalArgumentException("unknown updater " + c.updater());
        };
    }
}
