package dev.groot.model.update;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * Exact parameter conversion between the standard tagger graph (the stored model format) and the
 * grouped graph: grouped parameter {@code L-P} is parameter P of standard layer L, same shape.
 */
public final class GroupedParams {
    /** The grouped graph's single layer (and output). */
    public static final String LAYER = "grouped";

    private GroupedParams() {
    }

    /** Copies every tagger parameter of {@code standard} into {@code grouped}. */
    public static void toGrouped(ComputationGraph standard, ComputationGraph grouped) {
        for (Map.Entry<String, INDArray> e : groupedLayer(grouped).paramTable().entrySet()) {
            e.getValue().assign(checked(e.getKey(), e.getValue(), standardParam(standard, e.getKey())));
        }
    }

    /** Copies every parameter of {@code grouped} back into {@code standard}. */
    public static void toStandard(ComputationGraph grouped, ComputationGraph standard) {
        for (Map.Entry<String, INDArray> e : groupedLayer(grouped).paramTable().entrySet()) {
            INDArray target = standardParam(standard, e.getKey());
            target.assign(checked(e.getKey(), target, e.getValue()));
        }
    }

    /** The grouped layer of a graph built by {@code NetworkFactory.buildGrouped}. */
    public static Layer groupedLayer(ComputationGraph grouped) {
        Layer l = grouped.getLayer(LAYER);
        if (l == null || !(l.conf().getLayer() instanceof GroupedTaggerOutputLayer)) {
            throw new IllegalArgumentException("not a grouped tagger graph (no layer '" + LAYER + "')");
        }
        return l;
    }

    /** The standard graph's parameter that grouped parameter {@code key} mirrors. */
    public static INDArray standardParam(ComputationGraph standard, String key) {
        int cut = key.lastIndexOf('-');
        Layer layer = standard.getLayer(key.substring(0, cut));
        if (layer == null) {
            throw new IllegalArgumentException("standard graph has no layer for grouped parameter " + key);
        }
        INDArray p = layer.getParam(key.substring(cut + 1));
        if (p == null) {
            throw new IllegalArgumentException("standard graph has no parameter for grouped parameter " + key);
        }
        return p;
    }

    // Same values in the same layout: equal shapes, except that a bias may be [n] on one side and [1, n] on the other.
    private static INDArray checked(String key, INDArray target, INDArray source) {
        boolean sameShape = Arrays.equals(target.shape(), source.shape());
        boolean vectors = target.length() == source.length() && (target.isVector() && source.isVector());
        if (!sameShape && !vectors) {
            throw new IllegalArgumentException("parameter " + key + ": shape " + Arrays.toString(target.shape())
                    + " vs " + Arrays.toString(source.shape()));
        }
        return sameShape ? source : source.reshape(target.shape());
    }
}
