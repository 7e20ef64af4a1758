package dev.groot.spark.job;

import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads the cross-fit fold models of a GROOT run and refuses a set that would leak: the f-th model
 * must record (in its manifest) that it was trained without fold f of k, so no sentence gets
 * held-out candidates from a model that trained on it; and every model must share the run's tag set,
 * so the current model can score whatever they emit.
 */
public final class FoldModels {

    private FoldModels() {
    }

    /**
     * @param runTags the tag set of the model the run starts from (null when the run trains its own
     *                warm start: then the fold models must agree with each other)
     * @return the models in fold order, or an empty list when the run does not use fold models
     */
    public static List<TaggerModel> load(CrossFitConfig crossFit, List<String> runTags, Configuration conf) {
        if (!crossFit.usesFoldModels()) {
            return List.of();
        }
        List<TaggerModel> models = new ArrayList<>();
        List<String> tags = runTags;
        for (int f = 0; f < crossFit.folds(); f++) {
            String path = crossFit.foldModels().get(f);
            TaggerModel model = ModelIO.load(path, conf);
            String expected = CrossFitConfig.heldOutValue(f, crossFit.folds());
            String recorded = model.manifest().extras().get(CrossFitConfig.MANIFEST_KEY);
            if (!expected.equals(recorded)) {
                throw new IllegalArgumentException("--fold-models: model " + (f + 1) + " (" + path + ") must be the one "
                        + "trained with --folds " + crossFit.folds() + " --hold-out-fold " + f + " (" + expected
                        + "), but its manifest records " + (recorded == null ? "no held-out fold" : recorded));
            }
            List<String> modelTags = model.vocabularies().tags();
            if (tags != null && !tags.equals(modelTags)) {
                throw new IllegalArgumentException("--fold-models: " + path + " has tag set " + modelTags
                        + ", the run's is " + tags + " (train the fold models on the same ingested data)");
            }
            tags = modelTags;
            models.add(model);
        }
        return models;
    }

    /**
     * An unseen-fold run must start from the model trained with --hold-out-fold of the same fold:
     * any other start has already trained on the sentences, which defeats the point of the run.
     */
    public static void checkUnseenStart(CrossFitConfig crossFit, TaggerModel initModel, String initPath) {
        if (!crossFit.trainsOnOneFold()) {
            return;
        }
        String expected = CrossFitConfig.heldOutValue(crossFit.trainFold(), crossFit.folds());
        if (initModel == null) {
            throw new IllegalArgumentException("--train-fold " + crossFit.trainFold() + " needs --init-model: the model "
                    + "trained with --folds " + crossFit.folds() + " --hold-out-fold " + crossFit.trainFold());
        }
        String recorded = initModel.manifest().extras().get(CrossFitConfig.MANIFEST_KEY);
        if (!expected.equals(recorded)) {
            throw new IllegalArgumentException("--train-fold " + crossFit.trainFold() + ": --init-model " + initPath
                    + " must be the model trained with --folds " + crossFit.folds() + " --hold-out-fold "
                    + crossFit.trainFold() + " (" + expected + "), but its manifest records "
                    + (recorded == null ? "no held-out fold" : recorded));
        }
    }
}
