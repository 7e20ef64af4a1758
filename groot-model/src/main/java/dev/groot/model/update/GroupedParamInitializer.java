package dev.groot.model.update;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@link GroupedTaggerOutputLayer}, each named {@code <standard layer>-<standard param>}
 * after its twin in the standard graph (e.g. {@code encFwd-RW}, {@code output-b}; not "_", which DL4J reads as the layer-name separator of gradient keys) so that
 * {@link GroupedParams} converts by name. All are c-ordered views of the flat parameter vector, with
 * the standard shapes: embeddings [vocab, dim], LSTM W [nIn, 4H], RW [H, 4H], b [1, 4H] (gate columns
 * [a f o i]), output W [H, nTags], b [1, nTags]. The decoder's W rows are [tag embedding; encoder].
 * Fresh initialisation: Xavier weights, zero biases except DL4J's forget-gate bias 1; buildGrouped in
 * NetworkFactory overwrites it with the standard graph's initialisation.
 */
public final class GroupedParamInitializer implements ParamInitializer {
    public static final GroupedParamInitializer INSTANCE = new GroupedParamInitializer();
    static final String[] LSTMS = {"encFwd", "encBwd", "decoder"};

    private GroupedParamInitializer() {
    }

    /** Parameter names and shapes, in flattening order. */
    public static Map<String, long[]> shapes(GroupedTaggerOutputLayer c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("wordEmb-W", new long[]{c.getNWords(), c.getWordEmbedding()});
        m.put("shapeEmb-W", new long[]{c.getNShapes(), c.getShapeEmbedding()});
        m.put("suffixEmb-W", new long[]{c.getNSuffixes(), c.getSuffixEmbedding()});
        long he = c.getEncoderSize();
        for (String enc : new String[]{"encFwd", "encBwd"}) {
            m.put(enc + "-W", new long[]{c.encoderInput(), 4 * he});
            m.put(enc + "-RW", new long[]{he, 4 * he});
            m.put(enc + "-b", new long[]{1, 4 * he});
        }
        m.put("tagEmb-W", new long[]{c.getNTags() + 1L, c.getTagEmbedding()});
        long hd = c.getDecoderSize();
        m.put("decoder-W", new long[]{c.getTagEmbedding() + 2 * he, 4 * hd});
        m.put("decoder-RW", new long[]{hd, 4 * hd});
        m.put("decoder-b", new long[]{1, 4 * hd});
        m.put("output-W", new long[]{hd, c.getNTags()});
        m.put("output-b", new long[]{1, c.getNTags()});
        return m;
    }

    private static GroupedTaggerOutputLayer conf(Layer layer) {
        if (!(layer instanceof GroupedTaggerOutputLayer g)) {
            throw new IllegalArgumentException("not a GroupedTaggerOutputLayer: " + layer);
        }
        return g;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long n = 0;
        for (long[] s : shapes(conf(layer)).values()) {
            n += s[0] * s[1];
        }
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return new ArrayList<>(shapes(conf(layer)).keySet());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        List<String> out = new ArrayList<>();
        for (String k : paramKeys(layer)) {
            if (isWeight(k)) {
                out.add(k);
            }
        }
        return out;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        List<String> out = new ArrayList<>();
        for (String k : paramKeys(layer)) {
            if (!isWeight(k)) {
                out.add(k);
            }
        }
        return out;
    }

    // As in the standard graph: W and RW are weights (L2 applies), b are biases (no L2).
    private static boolean isWeight(String key) {
        return !key.endsWith("-b");
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return isWeight(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return !isWeight(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GroupedTaggerOutputLayer c = conf(conf.getLayer());
        Map<String, INDArray> views = views(c, paramsView);
        if (initializeParams) {
            for (Map.Entry<String, INDArray> e : views.entrySet()) {
                INDArray p = e.getValue();
                if (isWeight(e.getKey())) {
                    new WeightInitXavier().init(p.size(0), p.size(1), p.shape(), 'c', p);
                } else {
                    p.assign(0);
                }
            }
            for (String lstm : LSTMS) {
                INDArray b = views.get(lstm + "-b");
                long h = b.size(1) / 4;
                b.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).assign(1.0); // DL4J's forgetGateBiasInit
            }
        }
        for (String k : views.keySet()) {
            conf.addVariable(k);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> views(GroupedTaggerOutputLayer c, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray vector = flat.reshape(flat.length());
        long at = 0;
        for (Map.Entry<String, long[]> e : shapes(c).entrySet()) {
            long n = e.getValue()[0] * e.getValue()[1];
            out.put(e.getKey(), vector.get(NDArrayIndex.interval(at, at + n)).reshape('c', e.getValue()));
            at += n;
        }
        if (at != flat.length()) {
            throw new IllegalArgumentException("parameter view has " + flat.length() + " values, layer needs " + at);
        }
        return out;
    }
}
