package dev.groot.model.update;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * Configuration half of the sentence-grouped tagger layer ({@link GroupedTaggerLayer}): the whole
 * tagger (embeddings, both encoder LSTMs, tag embedding, decoder LSTM, softmax output) as ONE DL4J
 * output layer over the packed layout of {@link GroupedLayout}, so that a ComputationGraph holding it
 * fits through DL4J's solver, updater and Spark trainer. Parameters: see {@link GroupedParamInitializer}.
 * <p>Updater, L2 and gradient clipping come from the network-wide settings, as for the standard
 * graph. One difference: {@code ClipL2PerLayer} now clips the norm of ALL tagger parameters
 * together (this is one layer), where the standard graph clips each of its eight parameterised layers separately.
 * <p>Dropout is held here (not in DL4J's {@code dropOut}, which would act on the packed ids) as the
 * probability of DROPPING a unit, applied as inverted dropout to the inputs of both encoder LSTMs,
 * of the decoder and of the softmax, as in the standard graph. Difference: the encoder half of the
 * decoder input gets one mask per sentence-token, shared by the group's rows (this is what lets the
 * rows share its projection); the tag-embedding half and the softmax input get one mask per row-token.
 * Serialized to JSON by class name and fields, like DL4J's own layers.
 */
public class GroupedTaggerOutputLayer extends BaseLayer {
    private int nWords;
    private int nShapes;
    private int nSuffixes;
    private int nTags;
    private int wordEmbedding;
    private int shapeEmbedding;
    private int suffixEmbedding;
    private int tagEmbedding;
    private int encoderSize;
    private int decoderSize;
    private double dropRate;

    /** For JSON deserialization. */
    public GroupedTaggerOutputLayer() {
    }

    private GroupedTaggerOutputLayer(Builder b) {
        super(b);
        nWords = b.nWords;
        nShapes = b.nShapes;
        nSuffixes = b.nSuffixes;
        nTags = b.nTags;
        wordEmbedding = b.wordEmbedding;
        shapeEmbedding = b.shapeEmbedding;
        suffixEmbedding = b.suffixEmbedding;
        tagEmbedding = b.tagEmbedding;
        encoderSize = b.encoderSize;
        decoderSize = b.decoderSize;
        dropRate = b.dropRate;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        GroupedTaggerLayer layer = new GroupedTaggerLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> table = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return GroupedParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(nTags);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // Sizes are explicit in the builder; the packed input carries ids, not features.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, GroupedTaggerOutputLayer.class, inputType, getOutputType(-1, inputType))
                .standardMemory(params, params).workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    public int getNWords() {
        return nWords;
    }

    public int getNShapes() {
        return nShapes;
    }

    public int getNSuffixes() {
        return nSuffixes;
    }

    public int getNTags() {
        return nTags;
    }

    public int getWordEmbedding() {
        return wordEmbedding;
    }

    public int getShapeEmbedding() {
        return shapeEmbedding;
    }

    public int getSuffixEmbedding() {
        return suffixEmbedding;
    }

    public int getTagEmbedding() {
        return tagEmbedding;
    }

    public int getEncoderSize() {
        return encoderSize;
    }

    public int getDecoderSize() {
        return decoderSize;
    }

    /** Probability of dropping a unit (0 = off). */
    public double getDropRate() {
        return dropRate;
    }

    // Setters: DL4J rebuilds layer configurations from JSON through bean properties (on executors too).
    public void setNWords(int nWords) {
        this.nWords = nWords;
    }

    public void setNShapes(int nShapes) {
        this.nShapes = nShapes;
    }

    public void setNSuffixes(int nSuffixes) {
        this.nSuffixes = nSuffixes;
    }

    public void setNTags(int nTags) {
        this.nTags = nTags;
    }

    public void setWordEmbedding(int wordEmbedding) {
        this.wordEmbedding = wordEmbedding;
    }

    public void setShapeEmbedding(int shapeEmbedding) {
        this.shapeEmbedding = shapeEmbedding;
    }

    public void setSuffixEmbedding(int suffixEmbedding) {
        this.suffixEmbedding = suffixEmbedding;
    }

    public void setTagEmbedding(int tagEmbedding) {
        this.tagEmbedding = tagEmbedding;
    }

    public void setEncoderSize(int encoderSize) {
        this.encoderSize = encoderSize;
    }

    public void setDecoderSize(int decoderSize) {
        this.decoderSize = decoderSize;
    }

    public void setDropRate(double dropRate) {
        this.dropRate = dropRate;
    }

    /** Features entering each encoder LSTM: [word; shape; suffix] embeddings. */
    public int encoderInput() {
        return wordEmbedding + shapeEmbedding + suffixEmbedding;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GroupedTaggerOutputLayer g) || !super.equals(o)) {
            return false;
        }
        return nWords == g.nWords && nShapes == g.nShapes && nSuffixes == g.nSuffixes && nTags == g.nTags
                && wordEmbedding == g.wordEmbedding && shapeEmbedding == g.shapeEmbedding
                && suffixEmbedding == g.suffixEmbedding && tagEmbedding == g.tagEmbedding
                && encoderSize == g.encoderSize && decoderSize == g.decoderSize && dropRate == g.dropRate;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), nWords, nTags, encoderSize, decoderSize);
    }

    /** Builder; every size must be set (> 0). */
    public static final class Builder extends BaseLayer.Builder<Builder> {
        private int nWords;
        private int nShapes;
        private int nSuffixes;
        private int nTags;
        private int wordEmbedding;
        private int shapeEmbedding;
        private int suffixEmbedding;
        private int tagEmbedding;
        private int encoderSize;
        private int decoderSize;
        private double dropRate;

        public Builder vocabularies(int words, int shapes, int suffixes, int tags) {
            this.nWords = words;
            this.nShapes = shapes;
            this.nSuffixes = suffixes;
            this.nTags = tags;
            return this;
        }

        public Builder embeddings(int word, int shape, int suffix, int tag) {
            this.wordEmbedding = word;
            this.shapeEmbedding = shape;
            this.suffixEmbedding = suffix;
            this.tagEmbedding = tag;
            return this;
        }

        public Builder lstmSizes(int encoder, int decoder) {
            this.encoderSize = encoder;
            this.decoderSize = decoder;
            return this;
        }

        /** Probability of dropping a unit, in [0, 1). */
        public Builder dropRate(double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("drop rate must be in [0, 1), got " + rate);
            }
            this.dropRate = rate;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GroupedTaggerOutputLayer build() {
            int[] sizes = {nWords, nShapes, nSuffixes, nTags, wordEmbedding, shapeEmbedding, suffixEmbedding,
                    tagEmbedding, encoderSize, decoderSize};
            for (int s : sizes) {
                if (s <= 0) {
                    throw new IllegalArgumentException("GroupedTaggerOutputLayer: every size must be > 0, got "
                            + java.util.Arrays.toString(sizes));
                }
            }
            return new GroupedTaggerOutputLayer(this);
        }
    }
}
