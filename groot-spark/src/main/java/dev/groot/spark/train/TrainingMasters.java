package dev.groot.spark.train;

import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/** The only place a ParameterAveragingTrainingMaster is configured. */
public final class TrainingMasters {

    private TrainingMasters() {
    }

    public static ParameterAveragingTrainingMaster create(TrainingMasterSettings s) {
        ParameterAveragingTrainingMaster.Builder b =
                new ParameterAveragingTrainingMaster.Builder(s.workers(), s.batchSizePerWorker())
                        .batchSizePerWorker(s.batchSizePerWorker())
                        .averagingFrequency(s.averagingFrequency())
                        .workerPrefetchNumBatches(s.prefetchBatches())
                        // Adam's moments must survive averaging rounds, or every round restarts them.
                        .saveUpdater(true)
                        // The RDD is built partition-by-partition from deterministic minibatches;
                        // repartitioning would reshuffle them without any gain.
                        .repartionData(Repartition.Never)
                        .storageLevel(StorageLevel.MEMORY_ONLY_SER())
                        .rngSeed(s.seed());
        if ("export".equals(s.rddApproach())) {
            b.rddTrainingApproach(RDDTrainingApproach.Export).exportDirectory(s.exportDirectory());
        } else {
            b.rddTrainingApproach(RDDTrainingApproach.Direct);
        }
        return b.build();
    }
}
