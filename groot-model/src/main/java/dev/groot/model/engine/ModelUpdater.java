package dev.groot.model.engine;

import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.train.EpochFitter;

/**
 * METHOD.md step 6, update: turns an iteration's stored candidates into weighted teacher-forced
 * training rows (tokens from the training examples, tags and weight from the candidate) and binds
 * them to an {@link EpochFitter}; the trainer runs the epochs. Local and Spark implementations
 * differ only in where the rows live and where an epoch runs.
 */
public interface ModelUpdater {

    /** The update's rows for {@code iteration}; the fitter's shuffle seed includes the iteration. */
    UpdateData prepare(int iteration, TaggerModel model);

    /** Rows of one update bound to a fitter; {@link #close} releases cached rows. */
    interface UpdateData extends AutoCloseable {
        EpochFitter fitter();

        /** One line for the progress log: what share of the candidates the update keeps. */
        String summary();

        /** Stored candidate rows the update trains on. */
        long keptRows();

        /** Stored candidate rows the update leaves out (|w| below the minimum update weight). */
        long leftOutRows();

        @Override
        void close();

        /** An update whose data needs {@code release} run when it is done. */
        static UpdateData of(EpochFitter fitter, String summary, long keptRows, long leftOutRows, Runnable release) {
            return new UpdateData() {
                @Override
                public long keptRows() {
                    return keptRows;
                }

                @Override
                public long leftOutRows() {
                    return leftOutRows;
                }

                @Override
                public EpochFitter fitter() {
                    return fitter;
                }

                @Override
                public String summary() {
                    return summary;
                }

                @Override
                public void close() {
                    release.run();
                }
            };
        }
    }
}
