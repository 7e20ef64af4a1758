package dev.groot.spark.job;

import dev.groot.model.engine.GrootMethod;
import dev.groot.model.engine.StepSettings;
import dev.groot.model.objective.Objectives;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.train.TrainingMasterSettings;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines a GROOT run (validated by the records it is made of). The options map
 * is stored in the run manifest; a rerun on the same RUN_DIR must match it to resume.
 *
 * @param iterations      GROOT iterations after the NLL warm start (0 = NLL only)
 * @param corrections     J: corrected candidates per wrong beam candidate
 * @param rewardSpec      the reward GROOT optimises (and selects the best iteration by)
 * @param evalRewardSpecs further rewards reported on dev every iteration
 * @param objective       kl | pairwise | pairwise:margin=M
 * @param nllEpochs       epochs of the NLL warm start (early-stopped by nllPatience)
 * @param updateEpochs    epochs over the weighted candidates per GROOT iteration
 * @param updateLearningRate learning rate of the contrastive update (NaN = the tagger's own)
 * @param minUpdateWeight candidates with |weight| below this are left out of the update (0 = keep
 *                        every non-zero weight); their gradient share is at most |weight| each
 * @param maxTrainSentences cap on training sentences (0 = all), for experiments
 * @param localUpdater    train in the driver JVM instead of DL4J's Spark trainer (tests, tiny data)
 */
public record GrootRunConfig(String data, String run, int iterations, int k, int beamWidth, int corrections,
                             boolean spanCorrections, String rewardSpec, List<String> evalRewardSpecs,
                             String objective, double tauR, double tauS, double lambda, double margin,
                             long seed, int patience, int nllEpochs, int nllPatience, int updateEpochs,
                             double updateLearningRate, double minUpdateWeight, String initModel, boolean constrainBio,
                             int maxTrainSentences, int decodeBatch, boolean localUpdater,
                             TaggerConfig tagger, TrainingMasterSettings master) implements Serializable {

    /** The default of {@code minUpdateWeight} (the CLI option's default too). */
    public static final double DEFAULT_MIN_UPDATE_WEIGHT = 1e-3;

    public GrootRunConfig {
        if (iterations < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + iterations);
        }
        if (beamWidth < k || k < 1) {
            throw new IllegalArgumentException("need 1 <= --k <= --beam, got k=" + k + " beam=" + beamWidth);
        }
        if (corrections < 0) {
            throw new IllegalArgumentException("--corrections must be >= 0, got " + corrections);
        }
        if (!(tauR > 0) || !(tauS > 0)) {
            throw new IllegalArgumentException("--tau-r and --tau-s must be > 0");
        }
        if (lambda < 0) {
            throw new IllegalArgumentException("--lambda must be >= 0, got " + lambda);
        }
        // The one objective factory validates (kl, pairwise, pairwise:margin=M).
        Objectives.create(objective, tauR, tauS, lambda, margin);
        if (patience < 1 || nllPatience < 1) {
            throw new IllegalArgumentException("--patience must be >= 1");
        }
        if (nllEpochs < 1 || updateEpochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1");
        }
        if (!(minUpdateWeight >= 0)) {
            throw new IllegalArgumentException("--min-update-weight must be >= 0, got " + minUpdateWeight);
        }
        evalRewardSpecs = List.copyOf(evalRewardSpecs);
    }

    /** The same run with another run directory and warm start (retraining: one run per retrain). */
    public GrootRunConfig withRunAndInitModel(String newRun, String newInitModel) {
        return new GrootRunConfig(data, newRun, iterations, k, beamWidth, corrections, spanCorrections, rewardSpec,
                evalRewardSpecs, objective, tauR, tauS, lambda, margin, seed, patience, nllEpochs, nllPatience,
                updateEpochs, updateLearningRate, minUpdateWeight, newInitModel, constrainBio, maxTrainSentences,
                decodeBatch, localUpdater, tagger, master);
    }

    /** Reward, corrector and objective, built in {@link GrootMethod#of} (the one place that builds them). */
    public GrootMethod method() {
        return GrootMethod.of(rewardSpec, objective, tauR, tauS, lambda, margin, corrections, spanCorrections);
    }

    public StepSettings stepSettings() {
        return new StepSettings(k, beamWidth, constrainBio, seed, 0, decodeBatch);
    }

    /**
     * How the run trains, as recorded in every checkpoint's model manifest: reward, objective,
     * tau_r, tau_s, lambda, margin, K, J, seed and the training data's fingerprint.
     */
    public Map<String, String> provenance(String dataFingerprint) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("groot.reward", rewardSpec);
        m.put("groot.objective", objective);
        m.put("groot.tau_r", String.valueOf(tauR));
        m.put("groot.tau_s", String.valueOf(tauS));
        m.put("groot.lambda", String.valueOf(lambda));
        m.put("groot.margin", String.valueOf(margin));
        m.put("groot.k", String.valueOf(k));
        m.put("groot.corrections", String.valueOf(corrections));
        m.put("groot.seed", String.valueOf(seed));
        m.put("groot.data_fingerprint", dataFingerprint);
        return m;
    }

    /** The options a resumed run must share with the original (not paths of the data or the run). */
    public Map<String, String> identity() {
        return identity(tagger);
    }

    /** @param trainedWith the tagger config of the model the run starts from (the loaded one for --init-model) */
    public Map<String, String> identity(TaggerConfig trainedWith) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k", String.valueOf(k));
        m.put("beam", String.valueOf(beamWidth));
        m.put("corrections", String.valueOf(corrections));
        m.put("span_corrections", String.valueOf(spanCorrections));
        m.put("reward", rewardSpec);
        m.put("eval_rewards", String.join(";", evalRewardSpecs));
        m.put("objective", objective);
        m.put("tau_r", String.valueOf(tauR));
        m.put("tau_s", String.valueOf(tauS));
        m.put("lambda", String.valueOf(lambda));
        m.put("margin", String.valueOf(margin));
        m.put("seed", String.valueOf(seed));
        m.put("nll_epochs", String.valueOf(nllEpochs));
        m.put("update_epochs", String.valueOf(updateEpochs));
        m.put("update_learning_rate", String.valueOf(updateLearningRate));
        m.put("min_update_weight", String.valueOf(minUpdateWeight));
        m.put("init_model", String.valueOf(initModel));
        m.put("constrain_bio", String.valueOf(constrainBio));
        m.put("max_train_sentences", String.valueOf(maxTrainSentences));
        m.put("tagger", trainedWith.toString());
        return m;
    }
}
