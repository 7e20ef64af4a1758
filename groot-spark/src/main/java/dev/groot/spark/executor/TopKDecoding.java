package dev.groot.spark.executor;

import dev.groot.model.data.Example;
import dev.groot.model.engine.BatchingIterator;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Executor-side top-K decoding used by evaluate, predict and the per-iteration dev evaluation. */
public final class TopKDecoding {

    private TopKDecoding() {
    }

    /**
     * @param checkGold when true, gold tags unknown to the model fail with the example's id
     *                  (evaluation); prediction on unlabelled data passes false
     */
    public static Iterator<SentencePrediction> apply(Iterator<Example> examples, TaggerModel model, int k,
                                                     int beamWidth, boolean constrainBio, int batchSentences,
                                                     boolean checkGold) {
        return new BatchingIterator<>(examples, batchSentences, batch -> {
            List<List<String>> sentences = new ArrayList<>(batch.size());
            for (Example e : batch) {
                if (checkGold) {
                    model.vocabularies().checkTags(e);
                }
                sentences.add(e.tokens());
            }
            List<List<ScoredSequence>> top = model.topK(sentences, k, beamWidth,
                    constrainBio && model.vocabularies().isBio(), batchSentences);
            List<SentencePrediction> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Example e = batch.get(i);
                out.add(new SentencePrediction(e.id(), e.split(), e.tokens(), e.tags(), top.get(i)));
            }
            return out;
        });
    }
}
