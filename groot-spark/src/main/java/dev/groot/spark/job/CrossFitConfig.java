package dev.groot.spark.job;

import dev.groot.model.engine.CrossFitFolds;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-fitted candidates, in three kinds of run. A fold run ({@code holdOutFold} >= 0) trains on
 * the training sentences outside one fold ({@link CrossFitFolds}). A GROOT run with
 * {@code foldModels} adds to each training sentence's candidates the beam top-K of the fold model
 * that was trained without that sentence, so the contrast sees the errors the tagger makes on
 * sentences it has not memorised (on the full training split the warm start's top 1 is the gold on
 * almost every sentence). An unseen-fold run ({@code trainFold} >= 0) trains only on one fold,
 * starting from the fold model that never saw it, so the current model's own candidates carry the
 * errors it makes on new text and its p of them shrinks as it learns. {@link #NONE} is none of these.
 *
 * @param folds       k (0 = no cross-fitting)
 * @param holdOutFold the fold this run leaves out of training, or -1
 * @param foldModels  per fold f, the model trained without fold f (empty = none)
 * @param foldModelP  p of the contrast from the fold models' scores instead of the current model's
 *                    (needs foldModels)
 * @param trainFold   the only fold this run trains on, or -1
 */
public record CrossFitConfig(int folds, int holdOutFold, List<String> foldModels, boolean foldModelP, int trainFold)
        implements Serializable {

    public static final CrossFitConfig NONE = new CrossFitConfig(0, -1, List.of());

    /** p from the current model (METHOD.md). */
    public CrossFitConfig(int folds, int holdOutFold, List<String> foldModels) {
        this(folds, holdOutFold, foldModels, false);
    }

    public CrossFitConfig(int folds, int holdOutFold, List<String> foldModels, boolean foldModelP) {
        this(folds, holdOutFold, foldModels, foldModelP, -1);
    }

    /** An unseen-fold run: train only on fold {@code trainFold} of {@code folds}. */
    public static CrossFitConfig unseenFold(int folds, int trainFold) {
        return new CrossFitConfig(folds, -1, List.of(), false, trainFold);
    }

    public CrossFitConfig {
        foldModels = List.copyOf(foldModels);
        if (foldModelP && foldModels.isEmpty()) {
            throw new IllegalArgumentException("--fold-model-p needs --fold-models");
        }
        if (folds == 0) {
            if (holdOutFold != -1 || !foldModels.isEmpty() || trainFold != -1) {
                throw new IllegalArgumentException("--hold-out-fold, --fold-models and --train-fold need --folds");
            }
        } else {
            if (folds < 2) {
                throw new IllegalArgumentException("--folds must be >= 2, got " + folds);
            }
            boolean holdsOut = holdOutFold != -1;
            int kinds = (holdsOut ? 1 : 0) + (foldModels.isEmpty() ? 0 : 1) + (trainFold != -1 ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalArgumentException("--folds needs exactly one of --hold-out-fold (train a fold model), "
                        + "--fold-models (use them for held-out candidates) or --train-fold (train on one unseen fold)");
            }
            if (holdsOut && (holdOutFold < 0 || holdOutFold >= folds)) {
                throw new IllegalArgumentException("--hold-out-fold must be in 0.." + (folds - 1) + ", got "
                        + holdOutFold);
            }
            if (trainFold != -1 && (trainFold < 0 || trainFold >= folds)) {
                throw new IllegalArgumentException("--train-fold must be in 0.." + (folds - 1) + ", got " + trainFold);
            }
            if (!foldModels.isEmpty() && foldModels.size() != folds) {
                throw new IllegalArgumentException("--fold-models needs one model per fold (" + folds + "), got "
                        + foldModels.size() + ": " + foldModels);
            }
        }
    }

    /** True for a fold run: its training split leaves out fold {@link #holdOutFold}. */
    public boolean holdsOutAFold() {
        return holdOutFold >= 0;
    }

    /** True for an unseen-fold run: its training split is fold {@link #trainFold} only. */
    public boolean trainsOnOneFold() {
        return trainFold >= 0;
    }

    /** True when this run's training split is a subset chosen by fold. */
    public boolean filtersTrainingSplit() {
        return holdsOutAFold() || trainsOnOneFold();
    }

    /** What the run log says about its training split ("" when it is the whole split). */
    public String trainingSplitNote() {
        if (holdsOutAFold()) {
            return " (training split without cross-fit " + heldOutValue(holdOutFold, folds) + ")";
        }
        return trainsOnOneFold() ? " (only cross-fit " + heldOutValue(trainFold, folds) + " of the training split)" : "";
    }

    /** True for a GROOT run that adds the fold models' candidates. */
    public boolean usesFoldModels() {
        return !foldModels.isEmpty();
    }

    /** Whether a training sentence stays in this run's training split. */
    public boolean keeps(String exampleId) {
        if (holdsOutAFold()) {
            return CrossFitFolds.foldOf(exampleId, folds) != holdOutFold;
        }
        return !trainsOnOneFold() || CrossFitFolds.foldOf(exampleId, folds) == trainFold;
    }

    /** The value a fold model's manifest records (and a GROOT run checks) under {@link #MANIFEST_KEY}. */
    public static String heldOutValue(int fold, int folds) {
        return "fold " + fold + " of " + folds;
    }

    private static final String HELD_OUT_KEY = "cross_fit_held_out";

    /** Manifest key of a fold model: which fold it never trained on (the identity key, as provenance prefixes it). */
    public static final String MANIFEST_KEY = "groot." + HELD_OUT_KEY;

    /** What the run manifest and checkpoints record; empty for {@link #NONE}, so older runs still resume. */
    public Map<String, String> identity() {
        Map<String, String> m = new LinkedHashMap<>();
        if (folds > 0) {
            m.put("cross_fit_folds", String.valueOf(folds));
        }
        if (holdsOutAFold()) {
            m.put(HELD_OUT_KEY, heldOutValue(holdOutFold, folds));
        }
        if (usesFoldModels()) {
            m.put("cross_fit_fold_models", String.join(",", foldModels));
        }
        if (foldModelP) {
            m.put("cross_fit_p", "fold-model");
        }
        if (trainsOnOneFold()) {
            m.put("cross_fit_train_fold", heldOutValue(trainFold, folds));
        }
        return m;
    }
}
