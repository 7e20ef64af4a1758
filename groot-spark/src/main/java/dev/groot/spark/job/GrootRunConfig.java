package dev.groot.spark.job;

import dev.groot.model.correct.CorrectionUnit;
import dev.groot.model.engine.GrootMethod;
import dev.groot.model.engine.StepSettings;
import dev.groot.model.engine.TrainerSettings;
import dev.groot.model.objective.NegativeCredit;
import dev.groot.model.objective.PositiveCredit;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.train.TrainingMasterSettings;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a GROOT run, made of small records that each validate their part. The
 * identity map is stored in the run manifest; a rerun on the same RUN_DIR must match it to resume.
 *
 * @param data      the output directory of {@code groot ingest}
 * @param run       RUN_DIR
 * @param initModel a model to start from instead of the NLL warm start (null = train one)
 * @param seed      the run's seed (data cap, corrections, update shuffles)
 * @param crossFit  fold run or held-out candidates from fold models ({@link CrossFitConfig#NONE}: neither)
 */
public record GrootRunConfig(String data, String run, String initModel, long seed, CandidateConfig candidates,
                             ObjectiveConfig objective, ScheduleConfig schedule, TaggerConfig tagger,
                             TrainingMasterSettings master, CrossFitConfig crossFit) implements Serializable {

    /** The default of {@code minUpdateWeight} (the CLI option's default too). */
    public static final double DEFAULT_MIN_UPDATE_WEIGHT = 1e-3;

    /** A run without cross-fitting. */
    public GrootRunConfig(String data, String run, String initModel, long seed, CandidateConfig candidates,
                          ObjectiveConfig objective, ScheduleConfig schedule, TaggerConfig tagger,
                          TrainingMasterSettings master) {
        this(data, run, initModel, seed, candidates, objective, schedule, tagger, master, CrossFitConfig.NONE);
    }

    public GrootRunConfig {
        if (crossFit == null) {
            crossFit = CrossFitConfig.NONE;
        }
        if (data == null || run == null) {
            throw new IllegalArgumentException("--data and --run are required");
        }
        if (candidates == null || objective == null || schedule == null || tagger == null || master == null) {
            throw new IllegalArgumentException("incomplete run config");
        }
    }

    /** The same run with another run directory and warm start (retraining: one run per retrain). */
    public GrootRunConfig withRunAndInitModel(String newRun, String newInitModel) {
        return new GrootRunConfig(data, newRun, newInitModel, seed, candidates, objective, schedule, tagger, master,
                crossFit);
    }

    /** The same run with cross-fitting set (a fold run, or held-out candidates from fold models). */
    public GrootRunConfig withCrossFit(CrossFitConfig newCrossFit) {
        return new GrootRunConfig(data, run, initModel, seed, candidates, objective, schedule, tagger, master,
                newCrossFit);
    }

    /** Reward, corrector and objective, built in {@link GrootMethod#of} (the one place that builds them). */
    public GrootMethod method() {
        return GrootMethod.of(objective.rewardSpec(), objective.objective(), objective.tauR(), objective.tauS(),
                objective.lambda(), objective.margin(), candidates.corrections(), candidates.correctionUnit());
    }

    public StepSettings stepSettings() {
        return new StepSettings(candidates.k(), candidates.beamWidth(), candidates.constrainBio(), seed, 0,
                candidates.decodeBatch());
    }

    /**
     * @param dataFingerprint recorded with the rest of {@link #provenance} in every checkpoint
     * @param sparkWorkers    the workers the Spark trainer uses (see {@link #updaterOptions})
     */
    public TrainerSettings trainerSettings(String dataFingerprint, int sparkWorkers) {
        Map<String, String> p = provenance(dataFingerprint);
        updaterOptions(sparkWorkers).forEach((key, value) -> p.put("groot." + key, value));
        return new TrainerSettings(schedule.iterations(), schedule.patience(), schedule.updateEpochs(),
                schedule.updateLearningRate(), objective.rewardSpec(), p);
    }

    /**
     * Which path trained the updates, so published figures can say so: {@code updater} is
     * {@code spark} (DL4J parameter averaging) or {@code local} (the driver JVM, tests and tiny
     * data), {@code workers} the averaging workers (1 for local).
     *
     * @param sparkWorkers --workers, or Spark's default parallelism when it is not given
     */
    public Map<String, String> updaterOptions(int sparkWorkers) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("updater", schedule.localUpdater() ? "local" : "spark");
        m.put("workers", String.valueOf(schedule.localUpdater() ? 1 : sparkWorkers));
        return m;
    }

    /** {@link #identity(TaggerConfig)} plus {@link #updaterOptions}: what the run manifest records. */
    public Map<String, String> identity(TaggerConfig trainedWith, int sparkWorkers) {
        Map<String, String> m = identity(trainedWith);
        m.putAll(updaterOptions(sparkWorkers));
        return m;
    }

    /**
     * How the run trains, as recorded in every checkpoint's model manifest: reward, objective,
     * tau_r, tau_s, lambda, margin, K, J, seed and the training data's fingerprint.
     */
    public Map<String, String> provenance(String dataFingerprint) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("groot.reward", objective.rewardSpec());
        m.put("groot.objective", objective.objective());
        m.put("groot.tau_r", String.valueOf(objective.tauR()));
        m.put("groot.tau_s", String.valueOf(objective.tauS()));
        m.put("groot.lambda", String.valueOf(objective.lambda()));
        m.put("groot.margin", String.valueOf(objective.margin()));
        m.put("groot.negative_credit", objective.negativeCredit().optionName());
        m.put("groot.positive_credit", objective.positiveCredit().optionName());
        m.put("groot.k", String.valueOf(candidates.k()));
        m.put("groot.corrections", String.valueOf(candidates.corrections()));
        m.put("groot.corrections_unit", candidates.correctionUnit().optionName());
        m.put("groot.seed", String.valueOf(seed));
        m.put("groot.data_fingerprint", dataFingerprint);
        crossFit.identity().forEach((key, value) -> m.put("groot." + key, value));
        return m;
    }

    /** The options a resumed run must share with the original (not paths of the data or the run). */
    public Map<String, String> identity() {
        return identity(tagger);
    }

    /** @param trainedWith the tagger config of the model the run starts from (the loaded one for --init-model) */
    public Map<String, String> identity(TaggerConfig trainedWith) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k", String.valueOf(candidates.k()));
        m.put("beam", String.valueOf(candidates.beamWidth()));
        m.put("corrections", String.valueOf(candidates.corrections()));
        // true/false as before AUTO existed, so runs started with an explicit unit still resume
        m.put("span_corrections", candidates.correctionUnit() == CorrectionUnit.AUTO ? "auto"
                : String.valueOf(candidates.correctionUnit() == CorrectionUnit.SPAN));
        m.put("reward", objective.rewardSpec());
        m.put("eval_rewards", String.join(";", objective.evalRewardSpecs()));
        m.put("objective", objective.objective());
        m.put("tau_r", String.valueOf(objective.tauR()));
        m.put("tau_s", String.valueOf(objective.tauS()));
        m.put("lambda", String.valueOf(objective.lambda()));
        m.put("margin", String.valueOf(objective.margin()));
        // only when not METHOD.md's default, so runs started before the option existed still resume
        if (objective.negativeCredit() != NegativeCredit.SEQUENCE) {
            m.put("negative_credit", objective.negativeCredit().optionName());
        }
        if (objective.positiveCredit() != PositiveCredit.SEQUENCE) {
            m.put("positive_credit", objective.positiveCredit().optionName());
        }
        m.put("seed", String.valueOf(seed));
        m.put("nll_epochs", String.valueOf(schedule.nllEpochs()));
        m.put("update_epochs", String.valueOf(schedule.updateEpochs()));
        m.put("update_learning_rate", String.valueOf(schedule.updateLearningRate()));
        m.put("min_update_weight", String.valueOf(schedule.minUpdateWeight()));
        if (schedule.continueOptimizerState()) {  // only when on, so runs started before the option still resume
            m.put("optimizer_state", "continue");
        }
        m.put("init_model", String.valueOf(initModel));
        m.put("constrain_bio", String.valueOf(candidates.constrainBio()));
        m.put("max_train_sentences", String.valueOf(schedule.maxTrainSentences()));
        m.put("tagger", trainedWith.toString());
        m.putAll(crossFit.identity());
        return m;
    }
}
