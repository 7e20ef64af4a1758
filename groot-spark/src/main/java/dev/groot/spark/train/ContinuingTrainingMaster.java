package dev.groot.spark.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's {@link ParameterAveragingTrainingMaster}, unchanged in how it trains and averages, whose
 * rounds take aligned positions of every worker's partition ({@link AlignedRounds}) and whose workers
 * continue the driver's network instead of restarting it: each averaging round's
 * workers get the driver's iteration/epoch counts and a seeded generator ({@link WorkerStateHook})
 * and return native memory ({@link ExecutorMemoryHook}). The master asks for a worker once per
 * round (split), after the previous round's averaged parameters and counts are on the driver.
 */
final class ContinuingTrainingMaster extends ParameterAveragingTrainingMaster {
    private final long seed;

    /** The builder must carry no training hooks of its own: workers add to the master's hook list. */
    ContinuingTrainingMaster(Builder builder, long seed) {
        super(builder);
        this.seed = seed;
    }

    /** Rounds take consecutive, cost-aligned positions of every partition ({@link AlignedRounds}). */
    @Override
    protected <T> JavaRDD<T>[] getSplitRDDs(JavaRDD<T> trainingData, int totalDataSetObjectCount,
                                            int examplesPerDataSetObject) {
        return AlignedRounds.split(trainingData, averagingFrequency);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        ParameterAveragingTrainingWorker worker = super.getWorkerInstance(graph);
        ComputationGraphConfiguration conf = graph.getNetwork().getConfiguration();
        worker.addHook(new WorkerStateHook(conf.getIterationCount(), conf.getEpochCount(), seed));
        worker.addHook(new ExecutorMemoryHook());
        return worker;
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        ParameterAveragingTrainingWorker worker = super.getWorkerInstance(network);
        MultiLayerConfiguration conf = network.getNetwork().getLayerWiseConfigurations();
        worker.addHook(new WorkerStateHook(conf.getIterationCount(), conf.getEpochCount(), seed));
        worker.addHook(new ExecutorMemoryHook());
        return worker;
    }
}
