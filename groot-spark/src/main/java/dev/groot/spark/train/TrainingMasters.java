package dev.groot.spark.train;

import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/** The only place a ParameterAveragingTrainingMaster is configured. */
public final class TrainingMasters {

    private TrainingMasters() {
    }

    /**
     * @param workers the resolved number of workers (the training data has exactly this many partitions)
     * @param rngSeed seeds the master's split of each epoch and the workers' generators
     * @param fromFiles the minibatches come as paths of exported files: not prefetched. With DL4J's
     *                  asynchronous prefetch, minibatches loaded from files once arrived with input
     *                  arrays mixed up (an embedding index out of range after ~60 rounds), and a
     *                  file of a few hundred KB loads in a small fraction of a fit
     */
    public static ParameterAveragingTrainingMaster create(TrainingMasterSettings s, int workers, long rngSeed,
                                                          boolean fromFiles) {
        ParameterAveragingTrainingMaster.Builder b =
                new ParameterAveragingTrainingMaster.Builder(workers, s.batchSizePerWorker())
                        .batchSizePerWorker(s.batchSizePerWorker())
                        .averagingFrequency(s.averagingFrequency())
                        .workerPrefetchNumBatches(fromFiles ? 0 : s.prefetchBatches())
                        // Adam's moments must survive averaging rounds, or every round restarts them.
                        .saveUpdater(true)
                        // The data is dealt into one partition per worker before it reaches the master;
                        // repartitioning would only reshuffle it (and not reproducibly).
                        .repartionData(Repartition.Never)
                        .storageLevel(StorageLevel.MEMORY_ONLY_SER())
                        // Minibatches arrive either as an RDD (direct) or as paths written once by
                        // MinibatchExport; DL4J's own export is not used (it re-partitions the paths).
                        .rddTrainingApproach(RDDTrainingApproach.Direct)
                        .rngSeed(rngSeed);
        return new ContinuingTrainingMaster(b, rngSeed);
    }
}
