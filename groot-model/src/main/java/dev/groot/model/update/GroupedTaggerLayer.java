package dev.groot.model.update;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * The sentence-grouped tagger as one DL4J output layer: weighted teacher-forced NLL of sentence
 * groups in the packed layout of {@link GroupedLayout}. Per minibatch, the encoder (embeddings and
 * both LSTM directions) runs once per sentence; the encoder half of the decoder's input projection is
 * one GEMM per sentence-token, gathered (not recomputed) for each of the group's rows; the decoder
 * LSTM runs over all rows of all groups at once; the softmax loss is weighted per row; gradients of
 * the shared parts are summed back over the rows. The LSTMs are {@link LstmKernel}s (the two encoder
 * directions paired into one, {@link PairedLstm}; one forward,
 * cached, no second pass). Normalisation: see {@link GroupedLayout}.
 * <p>The LSTM caches live in the thread's reused scratch buffers ({@link Scratch#ofCurrentThread}),
 * the backward pass's other temporaries in a reused workspace, and the forward pass
 * happens inside {@link #backpropGradient} (DL4J calls an output layer's backward pass without a
 * forward pass), which also caches the score that {@link #computeScore} then reports.
 */
public class GroupedTaggerLayer extends BaseLayer<GroupedTaggerOutputLayer> implements IOutputLayer {
    private INDArray labels;
    private transient Scratch scratch;
    private transient PairedLstm encoder;
    private transient LstmKernel dec;
    private transient INDArray scoredInput;
    private transient INDArray scoredLabels;
    private transient double lossSum;
    private transient boolean scoreFresh;
    private transient int lossRows;

    private static final String PASS_WORKSPACE_ID = "GROOT_GROUPED_PASS";
    private static final WorkspaceConfiguration PASS_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.25)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(1)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    public GroupedTaggerLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What one forward pass leaves for the backward pass. */
    private static final class Forward {
        PackedBatch batch;
        INDArray encIn;      // [T*G, in], dropout applied (forward direction)
        INDArray encInRev;   // [T*G, in], reversed within length, dropout applied
        INDArray encFwdMask; // null without dropout
        INDArray encBwdMask;
        INDArray enc;        // [T*G, 2He] decoder's view of the encoder, dropout applied
        INDArray encMask;
        INDArray tagIn;      // [T*N, Et], dropout applied
        INDArray tagMask;
        INDArray decOut;     // [T*N, Hd], dropout applied
        INDArray outMask;
        INDArray logProbs;   // [T*N, nTags]
        INDArray selector;   // [G, N] rows -> groups
    }

    private void ensureKernels() {
        Scratch current = Scratch.ofCurrentThread(dataType);
        if (scratch != current) {
            GroupedTaggerOutputLayer c = layerConf();
            scratch = current;
            encoder = new PairedLstm(c.encoderInput(), c.getEncoderSize(), scratch);
            dec = new LstmKernel("decoder", c.getDecoderSize(), scratch);
        }
    }

    private Forward forward(INDArray features, INDArray labelArr, boolean training) {
        ensureKernels();
        GroupedTaggerOutputLayer c = layerConf();
        long clock = Sections.start();
        PackedBatch b = new PackedBatch(features, labelArr, c.getNWords(), c.getNShapes(), c.getNSuffixes(), c.getNTags());
        Forward f = new Forward();
        f.batch = b;
        long sentencePositions = (long) b.steps * b.groups;
        long rowPositions = (long) b.steps * b.rows;
        long he = c.getEncoderSize();
        long hd = c.getDecoderSize();
        long et = c.getTagEmbedding();
        double retain = training ? 1.0 - c.getDropRate() : 1.0;

        clock = Sections.stop("parse", clock);
        INDArray features3 = Nd4j.hstack(Nd4j.pullRows(getParam("wordEmb-W"), 1, b.words),
                Nd4j.pullRows(getParam("shapeEmb-W"), 1, b.shapes),
                Nd4j.pullRows(getParam("suffixEmb-W"), 1, b.suffixes));
        f.encFwdMask = mask("encFwd.mask", sentencePositions, c.encoderInput(), retain);
        f.encIn = f.encFwdMask == null ? features3 : features3.mul(f.encFwdMask);

        INDArray reversed = Nd4j.pullRows(features3, 1, b.reverse);
        f.encBwdMask = mask("encBwd.mask", sentencePositions, c.encoderInput(), retain);
        f.encInRev = f.encBwdMask == null ? reversed : reversed.muli(f.encBwdMask);
        INDArray hPair = encoder.forward(f.encIn, f.encInRev, encoderParams(false), b.steps, b.groups);

        clock = Sections.stop("encoder.fwd", clock);
        INDArray enc = Nd4j.hstack(LstmKernel.cols(hPair, 0, he),
                Nd4j.pullRows(LstmKernel.cols(hPair, he, 2 * he).dup('c'), 1, b.reverse));
        f.encMask = mask("dec.encMask", sentencePositions, 2 * he, retain);
        f.enc = f.encMask == null ? enc : enc.muli(f.encMask);
        INDArray decW = getParam("decoder-W");
        INDArray encProj = scratch.take("dec.encProj", sentencePositions, 4 * hd);
        Nd4j.gemm(f.enc, LstmKernel.rowsOf(decW, et, et + 2 * he), encProj, false, false, 1.0, 0.0);

        INDArray tagIn = Nd4j.pullRows(getParam("tagEmb-W"), 1, b.prevTags);
        f.tagMask = mask("dec.tagMask", rowPositions, et, retain);
        f.tagIn = f.tagMask == null ? tagIn : tagIn.muli(f.tagMask);
        INDArray z = scratch.take("decoder.z", rowPositions, 4 * hd);
        Nd4j.gemm(f.tagIn, LstmKernel.rowsOf(decW, 0, et), z, false, false, 1.0, 0.0);
        f.selector = SparseRows.groupSelector(b.rowGroup, b.groups, dataType);
        for (long t = 0; t < b.steps; t++) {
            // z[t] += S^T encProj[t]: each row reads its sentence's projection at step t
            Nd4j.gemm(f.selector, LstmKernel.rowsOf(encProj, t * b.groups, (t + 1) * b.groups),
                    LstmKernel.rowsOf(z, t * b.rows, (t + 1) * b.rows), true, false, 1.0, 1.0);
        }
        z.addiRowVector(getParam("decoder-b"));
        clock = Sections.stop("decoder.input.fwd", clock);
        INDArray hDec = dec.forward(z, getParam("decoder-RW"), b.steps, b.rows);
        clock = Sections.stop("decoder.lstm.fwd", clock);

        f.outMask = mask("out.mask", rowPositions, hd, retain);
        f.decOut = f.outMask == null ? hDec : hDec.mul(f.outMask);
        INDArray logits = f.decOut.mmul(getParam("output-W")).addiRowVector(getParam("output-b"));
        logits.subiColumnVector(logits.max(1).reshape(rowPositions, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(logits, true).sum(1), false).reshape(rowPositions, 1);
        f.logProbs = logits.subiColumnVector(logSumExp);
        Sections.stop("softmax.fwd", clock);
        return f;
    }

    /** W, RW, b of encFwd then encBwd: the parameters, or their gradient views. */
    private INDArray[] encoderParams(boolean gradients) {
        String[] names = {"encFwd-W", "encFwd-RW", "encFwd-b", "encBwd-W", "encBwd-RW", "encBwd-b"};
        INDArray[] out = new INDArray[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = gradients ? gradientViews.get(names[i]) : getParam(names[i]);
        }
        return out;
    }

    // Inverted dropout as DL4J's Dropout: keep with probability `retain`, scale kept units by 1/retain.
    private INDArray mask(String key, long rows, long cols, double retain) {
        if (retain >= 1.0) {
            return null;
        }
        INDArray m = scratch.take(key, rows, cols);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(m, retain), Nd4j.getRandom());
        return m.divi(retain);
    }

    /** Sum over present row positions of w * log p(target): read at the targets only, no one-hot matrix. */
    private static double weightedLogLikelihood(PackedBatch b, INDArray logProbs) {
        DataBuffer buf = contiguous(logProbs).data();
        long nTags = logProbs.size(1);
        double sum = 0;
        for (int i = 0; i < b.targets.length; i++) {
            if (b.targets[i] != GroupedLayout.ABSENT) {
                sum += b.weights[i] * buf.getDouble(i * nTags + b.targets[i]);
            }
        }
        return sum;
    }

    private static INDArray contiguous(INDArray a) {
        if (a.ordering() != 'c' || a.isView() || a.data().length() != a.length()) {
            throw new IllegalStateException("expected a fresh c-ordered array: " + a.shapeInfoToString());
        }
        return a;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (labels == null) {
            throw new IllegalStateException("GroupedTaggerLayer: no labels set");
        }
        Gradient gradient = new DefaultGradient();
        // The pass's temporaries (~20 arrays of up to [steps * rows, 4H]) live in a reused workspace:
        // allocated fresh, each one cost a mapping, page faults and zeroing per minibatch. Nothing
        // created here outlives the block: gradients are written into the parameter-backed views.
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(PASS_WORKSPACE, PASS_WORKSPACE_ID)) {
            Forward f = forward(input, labels, true);
            PackedBatch b = f.batch;
            lossSum = -weightedLogLikelihood(b, f.logProbs);
            lossRows = b.rows;
            scoredInput = input;
            scoredLabels = labels;
            scoreFresh = true;
            backward(f, (double) b.groups / b.rows);
        }
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) {
            gradient.gradientForVariable().put(e.getKey(), e.getValue());
        }
        this.gradient = gradient;
        // The packed ids have no gradient: this layer is the whole network.
        return new Pair<>(gradient, null);
    }

    private void backward(Forward f, double scale) {
        GroupedTaggerOutputLayer c = layerConf();
        PackedBatch b = f.batch;
        long he = c.getEncoderSize();
        long et = c.getTagEmbedding();
        Map<String, INDArray> g = gradientViews;

        long clock = Sections.start();
        // softmax + weighted NLL: dL/dlogits = scale * w (p - onehot(target)), 0 on padding
        INDArray dLogits = contiguous(Transforms.exp(f.logProbs, true));
        double[] w = new double[b.targets.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = b.targets[i] == GroupedLayout.ABSENT ? 0 : scale * b.weights[i];
        }
        dLogits.muliColumnVector(Nd4j.create(w, new long[]{w.length, 1}, 'c').castTo(dataType));
        DataBuffer buf = dLogits.data();
        long nTags = dLogits.size(1);
        for (int i = 0; i < w.length; i++) {
            if (b.targets[i] != GroupedLayout.ABSENT) {
                long at = i * nTags + b.targets[i];
                buf.put(at, buf.getDouble(at) - w[i]);
            }
        }
        Nd4j.gemm(f.decOut, dLogits, g.get("output-W"), true, false, 1.0, 0.0);
        g.get("output-b").assign(dLogits.sum(0).reshape(g.get("output-b").shape()));
        INDArray dDec = dLogits.mmul(getParam("output-W").transpose());
        if (f.outMask != null) {
            dDec.muli(f.outMask);
        }
        clock = Sections.stop("softmax.bwd", clock);
        INDArray dz = dec.backward(dDec, getParam("decoder-RW"), g.get("decoder-RW"), g.get("decoder-b"));
        clock = Sections.stop("decoder.lstm.bwd", clock);

        INDArray decW = getParam("decoder-W");
        INDArray dDecW = g.get("decoder-W");
        INDArray tagRows = LstmKernel.rowsOf(decW, 0, et);
        Nd4j.gemm(f.tagIn, dz, LstmKernel.rowsOf(dDecW, 0, et), true, false, 1.0, 0.0);
        INDArray dTag = dz.mmul(tagRows.transpose());
        if (f.tagMask != null) {
            dTag.muli(f.tagMask);
        }
        scatterAdd(g.get("tagEmb-W"), b.prevTags, dTag);

        // The rows of a group share the encoder projection: sum their gradients per sentence-token.
        INDArray dEncProj = scratch.take("dec.dEncProj", (long) b.steps * b.groups, dz.size(1));
        for (long t = 0; t < b.steps; t++) {
            Nd4j.gemm(f.selector, LstmKernel.rowsOf(dz, t * b.rows, (t + 1) * b.rows),
                    LstmKernel.rowsOf(dEncProj, t * b.groups, (t + 1) * b.groups), false, false, 1.0, 0.0);
        }
        INDArray encRows = LstmKernel.rowsOf(decW, et, et + 2 * he);
        Nd4j.gemm(f.enc, dEncProj, LstmKernel.rowsOf(dDecW, et, et + 2 * he), true, false, 1.0, 0.0);
        INDArray dEnc = dEncProj.mmul(encRows.transpose());
        if (f.encMask != null) {
            dEnc.muli(f.encMask);
        }
        clock = Sections.stop("decoder.input.bwd", clock);
        INDArray dPair = Nd4j.hstack(LstmKernel.cols(dEnc, 0, he),
                Nd4j.pullRows(LstmKernel.cols(dEnc, he, 2 * he).dup('c'), 1, b.reverse));
        INDArray dInputs = encoder.backward(dPair, encoderParams(true));
        long in = c.encoderInput();
        INDArray dFeatures = LstmKernel.cols(dInputs, 0, in).dup('c');
        INDArray dFeaturesRev = LstmKernel.cols(dInputs, in, 2 * in).dup('c');
        if (f.encFwdMask != null) {
            dFeatures.muli(f.encFwdMask);
            dFeaturesRev.muli(f.encBwdMask);
        }
        dFeatures.addi(Nd4j.pullRows(dFeaturesRev, 1, b.reverse));

        clock = Sections.stop("encoder.bwd", clock);
        long ew = c.getWordEmbedding();
        long es = c.getShapeEmbedding();
        scatterAdd(g.get("wordEmb-W"), b.words, LstmKernel.cols(dFeatures, 0, ew).dup('c'));
        scatterAdd(g.get("shapeEmb-W"), b.shapes, LstmKernel.cols(dFeatures, ew, ew + es).dup('c'));
        scatterAdd(g.get("suffixEmb-W"), b.suffixes, LstmKernel.cols(dFeatures, ew + es, c.encoderInput()).dup('c'));
        Sections.stop("embedding.scatter", clock);
    }

    private static void scatterAdd(INDArray table, int[] ids, INDArray rows) {
        SparseRows.scatterSum(table, ids, rows);
    }

    /**
     * The next-tag distributions of every present row: [G, R * nTags, T], row r's distribution at
     * step t in channels [r * nTags, (r + 1) * nTags); absent rows and padding are 0.
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int nTags = layerConf().getNTags();
        INDArray out;
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            Forward f = forward(input, null, training);
            PackedBatch b = f.batch;
            double[] p = Transforms.exp(f.logProbs, true).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            long width = input.size(2);
            double[] packed = new double[(int) (b.groups * (long) b.slots * nTags * width)];
            for (int n = 0; n < b.rows; n++) {
                int gIdx = b.rowGroup[n];
                for (int t = 0; t < b.lengths[gIdx]; t++) {
                    int from = (t * b.rows + n) * nTags;
                    for (int k = 0; k < nTags; k++) {
                        packed[(int) (((long) gIdx * b.slots * nTags + (long) b.rowSlot[n] * nTags + k) * width + t)] = p[from + k];
                    }
                }
            }
            out = Nd4j.create(packed, new long[]{b.groups, (long) b.slots * nTags, width}, 'c').castTo(dataType);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    /** Sum over present rows of w * NLL(row), divided by the number of present rows; plus regularisation. */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            throw new IllegalStateException("GroupedTaggerLayer: cannot score without input and labels");
        }
        // The backward pass's loss is reused once (DL4J scores right after it); anything else recomputes.
        if (!scoreFresh || scoredInput != input || scoredLabels != labels) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                Forward f = forward(input, labels, training);
                lossSum = -weightedLogLikelihood(f.batch, f.logProbs);
                lossRows = f.batch.rows;
                scoredInput = input;
                scoredLabels = labels;
            }
        }
        scoreFresh = false;
        score = lossSum / lossRows + fullNetRegTerm;
        return score;
    }

    /** Per group: the sum over its rows of w * NLL(row), plus regularisation; [G, 1]. */
    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        double[] perGroup;
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            Forward f = forward(input, labels, false);
            PackedBatch b = f.batch;
            DataBuffer buf = contiguous(f.logProbs).data();
            long nTags = f.logProbs.size(1);
            perGroup = new double[b.groups];
            for (int i = 0; i < b.targets.length; i++) {
                if (b.targets[i] != GroupedLayout.ABSENT) {
                    perGroup[b.rowGroup[i % b.rows]] -= b.weights[i] * buf.getDouble(i * nTags + b.targets[i]);
                }
            }
            for (int gIdx = 0; gIdx < perGroup.length; gIdx++) {
                perGroup[gIdx] += fullNetRegTerm;
            }
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS,
                Nd4j.create(perGroup, new long[]{perGroup.length, 1}, 'c').castTo(dataType));
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        backpropGradient(null, workspaceMgr);
        computeScore(calcRegularizationScore(true), true, workspaceMgr);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        // Lengths travel in the packed features (GroupedLayout); DL4J masks are not used.
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
        scoredInput = null;
        scoredLabels = null;
        scoreFresh = false;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public double f1Score(DataSet data) {
        throw unsupported("f1Score");
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        throw unsupported("f1Score");
    }

    @Override
    public int numLabels() {
        return layerConf().getNTags();
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw unsupported("fit(DataSetIterator)");
    }

    @Override
    public int[] predict(INDArray examples) {
        throw unsupported("predict");
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        throw unsupported("predict");
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw unsupported("fit(INDArray, INDArray)");
    }

    @Override
    public void fit(DataSet data) {
        throw unsupported("fit(DataSet)");
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw unsupported("fit(INDArray, int[])");
    }

    // Classifier methods that have no meaning for sequence groups: the layer trains inside a ComputationGraph.
    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("GroupedTaggerLayer." + what
                + ": train and score through the ComputationGraph holding this layer");
    }
}
