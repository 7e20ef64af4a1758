package dev.groot.model.decode;

import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A trained tagger as the plain-matrix encoder and decoder step that {@link BeamSearch} and
 * {@link TeacherForcedScorer} share, with scratch buffers per concurrent call, reused across
 * steps, batches and calls: decoding allocates no native memory once the buffers have grown to the
 * batch size, so it needs no forced collections (NativeMemoryReclaimer). Thread-safe.
 */
public final class StepDecoder {
    /** Sentences encoded and decoded together by default (beams multiply the decoder rows). */
    public static final int DEFAULT_DECODE_BATCH = 64;

    private final Vocabularies vocab;
    private final LstmEncoder encoder;
    private final LstmStep step;
    // Buffers of finished calls, reused by the next; as many as calls ever ran at once. Not a
    // ThreadLocal: executor threads outlive the models broadcast to them, and their buffers with it.
    private final ConcurrentLinkedDeque<Scratch> idle = new ConcurrentLinkedDeque<>();

    /** Copies the weights of {@code trained} (read under its lock, as TaggerModel shares the graph). */
    public StepDecoder(ComputationGraph trained, TaggerConfig config, Vocabularies vocab) {
        this.vocab = vocab;
        synchronized (trained) {
            this.encoder = new LstmEncoder(trained, config, vocab);
            this.step = new LstmStep(trained, config);
        }
        if (step.numTags() != vocab.numTags()) {
            throw new IllegalArgumentException("the network has " + step.numTags() + " output tags, the vocabulary "
                    + vocab.numTags());
        }
    }

    static void checkBatch(int batchSentences) {
        if (batchSentences <= 0) {
            throw new IllegalArgumentException("decode batch must be > 0 sentences, got " + batchSentences);
        }
    }

    Vocabularies vocab() {
        return vocab;
    }

    LstmEncoder encoder() {
        return encoder;
    }

    LstmStep step() {
        return step;
    }

    /** Buffers for one call, owned by the caller until {@link #release}. */
    Scratch acquire() {
        Scratch s = idle.pollFirst();
        return s != null ? s : new Scratch(encoder, step);
    }

    void release(Scratch s) {
        idle.offerFirst(s);
    }

    /** One call's buffers: the encoder's and step's workspaces and the decoder state rows. */
    static final class Scratch {
        private final LstmStep step;
        final LstmEncoder.Workspace encoderSpace;
        final LstmStep.Workspace stepSpace;
        float[] h;
        float[] c;
        float[] nextH;
        float[] nextC;
        float[] logp;

        private Scratch(LstmEncoder encoder, LstmStep step) {
            this.step = step;
            this.encoderSpace = encoder.newWorkspace();
            this.stepSpace = step.newWorkspace();
        }

        /** Sizes the state and log-probability buffers for {@code rows} rows; h and c zeroed. */
        void reset(int rows) {
            int hidden = step.hidden();
            h = Buffers.fit(h, (long) rows * hidden);
            c = Buffers.fit(c, (long) rows * hidden);
            nextH = Buffers.fit(nextH, (long) rows * hidden);
            nextC = Buffers.fit(nextC, (long) rows * hidden);
            logp = Buffers.fit(logp, (long) rows * step.numTags());
            java.util.Arrays.fill(h, 0, rows * hidden, 0f);
            java.util.Arrays.fill(c, 0, rows * hidden, 0f);
        }

        /** State rows of the next step: row j copies row {@code parents[j]} (one gather per state). */
        void reorder(int[] parents, int rows) {
            int hidden = step.hidden();
            for (int j = 0; j < rows; j++) {
                System.arraycopy(h, parents[j] * hidden, nextH, j * hidden, hidden);
                System.arraycopy(c, parents[j] * hidden, nextC, j * hidden, hidden);
            }
            float[] t = h;
            h = nextH;
            nextH = t;
            t = c;
            c = nextC;
            nextC = t;
        }
    }
}
