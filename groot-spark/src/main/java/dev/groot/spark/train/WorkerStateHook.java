package dev.groot.spark.train;

import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gives the graph a worker builds for one averaging round what a single JVM's graph would have:
 * <ul>
 *   <li>the driver's iteration and epoch counts. DL4J's worker builds its graph from
 *   {@code ComputationGraphConfiguration.clone()}, which drops both counts, so every round restarted
 *   Adam's bias correction at step 1 while carrying warm moments: steps shrank to 15-30% of the
 *   single-JVM step (see docs/results/spark-convergence.md);</li>
 *   <li>a random generator (dropout) seeded from (run seed, round, partition). ND4J's generator is
 *   per thread and Spark reuses task threads in any order, so without this a seeded run was not
 *   reproducible.</li>
 * </ul>
 * Applied once per graph, before its first minibatch; later fits advance the counts themselves.
 */
final class WorkerStateHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final int epoch;
    private final long seed;
    /** The graph already prepared (a hook is deserialised per task, so this is per task too). */
    private transient Model prepared;

    WorkerStateHook(int iteration, int epoch, long seed) {
        this.iteration = iteration;
        this.epoch = epoch;
        this.seed = seed;
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        prepare(model);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        prepare(model);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    private void prepare(Model model) {
        if (model == prepared) {
            return;
        }
        if (model instanceof ComputationGraph g) {
            g.getConfiguration().setIterationCount(iteration);
            g.getConfiguration().setEpochCount(epoch);
        } else if (model instanceof MultiLayerNetwork n) {
            n.getLayerWiseConfigurations().setIterationCount(iteration);
            n.getLayerWiseConfigurations().setEpochCount(epoch);
        } else {
            throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
        }
        TaskContext task = TaskContext.get();
        Nd4j.getRandom().setSeed(workerSeed(seed, iteration, task == null ? 0 : task.partitionId()));
        prepared = model;
    }

    /** A seed per (run, round, partition); rounds are identified by the iteration count they start at. */
    static long workerSeed(long seed, int iteration, int partition) {
        long h = seed * 0x9E3779B97F4A7C15L + iteration;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + partition;
        return h ^ (h >>> 29);
    }
}
