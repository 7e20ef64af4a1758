package dev.groot.spark.cli;

import dev.groot.model.correct.CorrectionUnit;
import dev.groot.model.decode.StepDecoder;
import dev.groot.model.objective.NegativeCredit;
import dev.groot.model.objective.PositiveCredit;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.job.CandidateConfig;
import dev.groot.spark.job.CrossFitConfig;
import dev.groot.spark.job.GrootRunConfig;
import dev.groot.spark.job.ObjectiveConfig;
import dev.groot.spark.job.ScheduleConfig;
import dev.groot.spark.train.TrainingMasterSettings;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The options of a GROOT run, shared by {@code train}, {@code retrain} and {@code demo}. */
public final class GrootOptions {

    @Option(names = "--iterations", defaultValue = "3", description = "GROOT iterations after the NLL warm start (0 = NLL only). Default: ${DEFAULT-VALUE}.")
    int iterations;
    @Option(names = "--k", defaultValue = "8", description = "Candidates kept from the beam per sentence (K). Default: ${DEFAULT-VALUE}.")
    int k;
    @Option(names = "--beam", defaultValue = "8", description = "Beam width B >= K. Default: ${DEFAULT-VALUE}.")
    int beam;
    @Option(names = "--corrections", defaultValue = "2", description = "J: corrected candidates per wrong beam candidate. Default: ${DEFAULT-VALUE}.")
    int corrections;
    @Option(names = "--corrections-unit", paramLabel = "span|token|auto", description = "What a correction fixes: "
            + "span (whole error units of spans: valid BIO stays valid), token (single positions) or auto (span on a "
            + "BIO tag set, token otherwise). Invalid BIO candidates are dropped before scoring either way. Default: auto.")
    String correctionsUnit;
    @Option(names = "--span-corrections", description = "Same as --corrections-unit span (kept for existing scripts).")
    boolean spanCorrections;
    @Option(names = "--reward", defaultValue = "span-fbeta:beta=1", description = "The reward GROOT optimises, e.g. span-fbeta:beta=0.5, token-accuracy, class:com.acme.MyReward. Default: ${DEFAULT-VALUE}.")
    String reward;
    @Option(names = "--eval-rewards", split = ";", description = "Further rewards reported on dev, separated by ';'.")
    List<String> evalRewards = new ArrayList<>();
    @Option(names = "--objective", defaultValue = "kl", description = "kl (listwise KL, default), pairwise (BRIO-style margin) or nll (the control: "
            + "the same candidates and update passes with only gold weighted, by --lambda).")
    String objective;
    @Option(names = "--negative-credit", defaultValue = "sequence", paramLabel = "sequence|error-positions",
            description = "Where a candidate's negative weight goes in the update: sequence (every position, METHOD.md) "
                    + "or error-positions (only where it differs from the gold). Default: ${DEFAULT-VALUE}.")
    String negativeCredit;
    @Option(names = "--positive-credit", defaultValue = "sequence", paramLabel = "sequence|agreeing-positions",
            description = "Where a candidate's positive weight goes in the update: sequence (every position, METHOD.md) "
                    + "or agreeing-positions (only where it agrees with the gold, so a near-miss never raises its "
                    + "wrong tags; the gold row is unchanged). Default: ${DEFAULT-VALUE}.")
    String positiveCredit;
    @Option(names = "--tau-r", defaultValue = "0.1", description = "Reward temperature of q = softmax(r / tau_r). Default: ${DEFAULT-VALUE}.")
    double tauR;
    @Option(names = "--tau-s", defaultValue = "1.0", description = "Score temperature of p = softmax(s / tau_s). Default: ${DEFAULT-VALUE}.")
    double tauS;
    @Option(names = "--lambda", defaultValue = "1.0", description = "Weight of the gold NLL term. Default: ${DEFAULT-VALUE}.")
    double lambda;
    @Option(names = "--margin", defaultValue = "0.1", description = "Rank margin of the pairwise objective. Default: ${DEFAULT-VALUE}.")
    double margin;
    @Option(names = "--seed", defaultValue = "42", description = "Run seed (network init, corrections, shuffles). Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--patience", defaultValue = "2", description = "Stop when the dev reward has not improved for this many iterations. Default: ${DEFAULT-VALUE}.")
    int patience;
    @Option(names = "--epochs", defaultValue = "10", description = "Maximum epochs of the NLL warm start. Default: ${DEFAULT-VALUE}.")
    int epochs;
    @Option(names = "--epoch-patience", defaultValue = "2", description = "Early-stopping patience (epochs) of the NLL warm start. Default: ${DEFAULT-VALUE}.")
    int epochPatience;
    @Option(names = "--update-epochs", defaultValue = "1", description = "Epochs over the weighted candidates per GROOT iteration. Default: ${DEFAULT-VALUE}.")
    int updateEpochs;
    @Option(names = "--update-lr", description = "Learning rate of the GROOT updates (default: the tagger's).")
    Double updateLr;
    @Option(names = "--optimizer-state", defaultValue = "fresh", paramLabel = "fresh|continue",
            description = "Optimizer state of each GROOT update: fresh (new Adam moments every iteration) or continue "
                    + "(the moments and iteration count stored with the model being updated, when it holds them: models "
                    + "trained since this option exists do). Default: ${DEFAULT-VALUE}.")
    String optimizerState;
    @Option(names = "--min-update-weight", defaultValue = "" + GrootRunConfig.DEFAULT_MIN_UPDATE_WEIGHT, description = "Leave candidates with |weight| below this out of the update "
            + "(each changes the gradient by at most |weight| x its NLL gradient; 0 = keep all). Default: ${DEFAULT-VALUE}.")
    double minUpdateWeight;
    @Option(names = "--init-model", paramLabel = "MODEL", description = "Start from this model instead of an NLL warm start.")
    String initModel;
    @Option(names = "--no-bio-constraint", description = "Let beam search emit invalid BIO transitions.")
    boolean noBioConstraint;
    @Option(names = "--max-train", defaultValue = "0", description = "Use at most this many training sentences (seeded choice; 0 = all).")
    int maxTrain;
    @Option(names = "--folds", defaultValue = "0", description = "Cross-fitting: k folds of the training split (by a "
            + "stable hash of the sentence id), for --hold-out-fold or --fold-models. Default: ${DEFAULT-VALUE} (off).")
    int folds;
    @Option(names = "--hold-out-fold", defaultValue = "-1", paramLabel = "F", description = "Train a fold model: leave "
            + "fold F (0..k-1) of the training split out. Use with --iterations 0.")
    int holdOutFold;
    @Option(names = "--train-fold", defaultValue = "-1", paramLabel = "F", description = "Unseen-fold run: train only on "
            + "fold F (0..k-1) of the training split, starting (--init-model) from the model trained with --hold-out-fold F, "
            + "so the candidates carry the errors of a model that never saw these sentences.")
    int trainFold;
    @Option(names = "--fold-models", split = ",", paramLabel = "MODEL", description = "Held-out candidates: the fold "
            + "models in fold order (the f-th trained with --hold-out-fold f); each training sentence's candidates "
            + "also get the beam top-K of the model that never trained on it, scored by the current model.")
    List<String> foldModels = new ArrayList<>();
    @Option(names = "--fold-model-p", description = "With --fold-models: compute p of the contrast from each sentence's "
            + "fold model (what the tagger predicts on a sentence it never saw) instead of the current model, which "
            + "has memorised its training sentences; the stored log_prob is then the fold model's.")
    boolean foldModelP;
    @Option(names = "--decode-batch", defaultValue = "" + StepDecoder.DEFAULT_DECODE_BATCH,
            description = "Sentences decoded together (their beams are the rows of one decoder step). Default: ${DEFAULT-VALUE}.")
    int decodeBatch;
    @Option(names = "--local-updater", description = "For tests and tiny data only: train in the driver JVM instead of DL4J's Spark trainer "
            + "(the default, distributed path).")
    boolean localUpdater;

    // The tagger (one network factory builds it from these).
    @Option(names = "--word-dim", defaultValue = "100", description = "Word embedding size. Default: ${DEFAULT-VALUE}.") int wordDim;
    @Option(names = "--shape-dim", defaultValue = "16", description = "Word-shape embedding size (e.g. Xxxx, dd). Default: ${DEFAULT-VALUE}.") int shapeDim;
    @Option(names = "--suffix-dim", defaultValue = "32", description = "Suffix embedding size. Default: ${DEFAULT-VALUE}.") int suffixDim;
    @Option(names = "--tag-dim", defaultValue = "32", description = "Embedding size of the previous tag fed to the decoder. Default: ${DEFAULT-VALUE}.") int tagDim;
    @Option(names = "--encoder", defaultValue = "160", description = "Encoder LSTM units per direction. Default: ${DEFAULT-VALUE}.") int encoder;
    @Option(names = "--decoder", defaultValue = "160", description = "Decoder LSTM units. Default: ${DEFAULT-VALUE}.") int decoder;
    @Option(names = "--dropout", defaultValue = "0.35", description = "Probability of dropping an input unit of the LSTMs and the output layer, in [0, 1) (0 = off). Default: ${DEFAULT-VALUE}.") double dropout;
    @Option(names = "--min-word-count", defaultValue = "2", description = "Words seen fewer times in the training split map to <unk>. Default: ${DEFAULT-VALUE}.") int minWordCount;
    @Option(names = "--suffix-length", defaultValue = "3", description = "Trailing characters used as the suffix feature. Default: ${DEFAULT-VALUE}.") int suffixLength;
    @Option(names = "--updater", defaultValue = "adam", description = "adam, nadam, sgd, nesterovs, rmsprop, adagrad.") String updater;
    @Option(names = "--lr", defaultValue = "" + TrainingMasterSettings.DEFAULT_LEARNING_RATE, description = "Learning rate (twice the one-JVM tagger default: parameter averaging halves the Adam step of a parameter one worker touched; docs/results/spark-convergence.md). Default: ${DEFAULT-VALUE}.") double lr;
    @Option(names = "--l2", defaultValue = "0.00001", description = "L2 penalty on the weights (0 = off). Default: ${DEFAULT-VALUE}.") double l2;
    @Option(names = "--clip", defaultValue = "5.0", description = "Per-layer gradient norm clipping (0 = off).") double clip;

    // DL4J ParameterAveragingTrainingMaster.
    @Option(names = "--workers", description = "Training workers (default: Spark's default parallelism).") Integer workers;
    @Option(names = "--batch", defaultValue = "" + TrainingMasterSettings.DEFAULT_BATCH_PER_WORKER, description = "Sentences per worker minibatch (each with all its candidate rows in a GROOT update). Default: ${DEFAULT-VALUE}.") int batch;
    @Option(names = "--averaging-frequency", defaultValue = "" + TrainingMasterSettings.DEFAULT_AVERAGING_FREQUENCY, description = "Minibatches per worker between parameter averagings. Default: ${DEFAULT-VALUE}.") int averagingFrequency;
    @Option(names = "--prefetch", defaultValue = "2", description = "Minibatches prefetched per worker. Default: ${DEFAULT-VALUE}.") int prefetch;
    @Option(names = "--rdd-approach", defaultValue = "export", description = "export (minibatches written once, each averaging round reads its own; on a cluster needs --export-dir) or direct (every round filters the whole persisted RDD: tests and tiny data). Default: ${DEFAULT-VALUE}.") String rddApproach;
    @Option(names = "--export-dir", description = "Shared, fully qualified directory for --rdd-approach export. Default: RUN_DIR/_export.") String exportDir;

    private boolean continueOptimizerState() {
        return switch (optimizerState == null ? "" : optimizerState.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fresh" -> false;
            case "continue" -> true;
            default -> throw new IllegalArgumentException("--optimizer-state must be fresh or continue, got '"
                    + optimizerState + "'");
        };
    }

    public TaggerConfig tagger() {
        return new TaggerConfig(wordDim, shapeDim, suffixDim, tagDim, encoder, decoder, dropout, minWordCount,
                suffixLength, seed, updater, lr, l2, clip);
    }

    public GrootRunConfig config(String data, String run) {
        return new GrootRunConfig(data, run, initModel, seed,
                new CandidateConfig(k, beam, corrections, correctionUnit(), !noBioConstraint, decodeBatch),
                new ObjectiveConfig(reward, evalRewards, objective, tauR, tauS, lambda, margin,
                        NegativeCredit.parse(negativeCredit), PositiveCredit.parse(positiveCredit)),
                new ScheduleConfig(iterations, patience, epochs, epochPatience, updateEpochs,
                        updateLr == null ? Double.NaN : updateLr, minUpdateWeight, maxTrain, localUpdater,
                        continueOptimizerState()),
                tagger(), new TrainingMasterSettings(workers, batch, averagingFrequency, prefetch, rddApproach,
                exportDirectory(run), seed), new CrossFitConfig(folds, holdOutFold, foldModels, foldModelP,
                trainFold));
    }

    /** --corrections-unit, with --span-corrections as its synonym for span; auto when neither is given. */
    CorrectionUnit correctionUnit() {
        if (correctionsUnit == null) {
            return spanCorrections ? CorrectionUnit.SPAN : CorrectionUnit.AUTO;
        }
        CorrectionUnit unit = CorrectionUnit.parse(correctionsUnit);
        if (spanCorrections && unit != CorrectionUnit.SPAN) {
            throw new IllegalArgumentException("--span-corrections contradicts --corrections-unit " + correctionsUnit);
        }
        return unit;
    }

    /**
     * --export-dir, or by default {@code RUN_DIR/_export}: the run directory is on storage every
     * executor reaches (hdfs://, an object store, or file:// on one machine), and the export
     * approach needs a fully qualified shared directory.
     */
    String exportDirectory(String run) {
        if (exportDir != null || !"export".equals(rddApproach)) {
            return exportDir;
        }
        String base = run.contains("://") ? run : java.nio.file.Paths.get(run).toAbsolutePath().toUri().toString();
        return base.replaceAll("/+$", "") + "/_export";
    }
}
