package dev.groot.spark.train;

import dev.groot.model.train.NativeMemoryReclaimer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Returns native memory on executors as the driver's loops do: after each minibatch a worker fits,
 * the executor JVM's {@link NativeMemoryReclaimer#SHARED} may request a collection (at most one per
 * interval however many task threads train), which frees the buffers of collected ND4J arrays.
 */
final class ExecutorMemoryHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        NativeMemoryReclaimer.SHARED.maybeCollect();
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        NativeMemoryReclaimer.SHARED.maybeCollect();
    }
}
