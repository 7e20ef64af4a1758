package dev.groot.model.decode;

import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained tagger as the plain-matrix encoder and decoder step that {@link BeamSearch} and
 * {@link TeacherForcedScorer} share, with one set of scratch buffers per thread, reused across
 * steps and batches: decoding allocates no native memory once the buffers have grown to the
 * batch size, so it needs no forced collections (NativeMemoryReclaimer). Thread-safe.
 */
public final class StepDecoder {
    /** Sentences encoded and decoded together by default (beams multiply the decoder rows). */
    public static final int DEFAULT_DECODE_BATCH = 64;

    private final Vocabularies vocab;
    private final LstmEncoder encoder;
    private final LstmStep step;
    private final ThreadLocal<Scratch> scratch;

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
        this.scratch = ThreadLocal.withInitial(Scratch::new);
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

    /** This thread's buffers. */
    Scratch scratch() {
        return scratch.get();
    }

    /** One thread's buffers: the encoder's and step's workspaces and the decoder state rows. */
    final class Scratch {
        final LstmEncoder.Workspace encoderSpace = encoder.newWorkspace();
        final LstmStep.Workspace stepSpace = step.newWorkspace();
        float[] h;
        float[] c;
        float[] nextH;
        float[] nextC;
        float[] logp;

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
