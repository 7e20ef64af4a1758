package dev.groot.model.train;

import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.Serializable;
import java.util.List;

/**
 * What one training example of a fitter is and how a minibatch of them becomes the arrays of a
 * graph: a weighted row for the standard tagger graph ({@link #ROWS}), or a whole sentence group for
 * the grouped graph (dev.groot.model.update.GroupedBatches#UNITS). The fitters (local and Spark)
 * shuffle, bucket and batch units without knowing which kind they hold. Implementations are
 * stateless and serializable (they travel to executors).
 *
 * @param <T> the unit type
 */
public interface TrainingUnits<T> extends Serializable {

    /** The minibatch's arrays for the graph this kind of unit trains. */
    MultiDataSet build(Vocabularies v, List<T> batch);

    /** Sentence length (for length bucketing). */
    int length(T unit);

    /** Teacher-forced rows in the unit (the score of a minibatch is a mean over rows). */
    int rows(T unit);

    /** Row-tokens the unit trains on (tokens/s in progress lines). */
    default long rowTokens(T unit) {
        return (long) length(unit) * rows(unit);
    }

    /** Weighted rows of the standard graph, one unit per row. */
    TrainingUnits<WeightedSequence> ROWS = new RowUnits();

    /** {@link TrainingUnits} of single weighted rows (a named class, so that it serializes). */
    final class RowUnits implements TrainingUnits<WeightedSequence> {
        private static final long serialVersionUID = 1L;

        @Override
        public MultiDataSet build(Vocabularies v, List<WeightedSequence> batch) {
            return TrainingBatches.build(v, batch);
        }

        @Override
        public int length(WeightedSequence unit) {
            return unit.tokens().size();
        }

        @Override
        public int rows(WeightedSequence unit) {
            return 1;
        }
    }
}
