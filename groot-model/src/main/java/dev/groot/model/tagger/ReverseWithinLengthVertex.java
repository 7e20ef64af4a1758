package dev.groot.model.tagger;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Reverses each sequence of an NCW activation within its own length (taken from the mask of a
 * network input), leaving the right padding where it is. It is what makes the backward encoder
 * LSTM independent of padding. Same job as DL4J's ReverseTimeSeriesVertex, but one native
 * reverse_sequence op instead of a Java loop of per-element copies (which dominated encoding time).
 * Configuration half; {@link ReverseWithinLengthGraphVertex} does the work. Serialized by class name.
 */
public final class ReverseWithinLengthVertex extends GraphVertex {
    private final String maskInput;

    @JsonCreator
    public ReverseWithinLengthVertex(@JsonProperty("maskInput") String maskInput) {
        this.maskInput = Objects.requireNonNull(maskInput, "maskInput");
    }

    public String getMaskInput() {
        return maskInput;
    }

    @Override
    public GraphVertex clone() {
        return new ReverseWithinLengthVertex(maskInput);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReverseWithinLengthVertex r && r.maskInput.equals(maskInput);
    }

    @Override
    public int hashCode() {
        return maskInput.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                     INDArray paramsView, boolean initializeParams,
                                                                     DataType networkDatatype) {
        return new ReverseWithinLengthGraphVertex(graph, name, idx, maskInput, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || vertexInputs[0].getType() != InputType.Type.RNN) {
            throw new InvalidInputTypeException("ReverseWithinLengthVertex needs exactly one recurrent input");
        }
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, getClass(), inputTypes[0], inputTypes[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "ReverseWithinLengthVertex(mask of " + maskInput + ")";
    }
}
