package dev.groot.model.engine;

/**
 * The candidates one iteration generated, held until they are stored; {@link #close} frees what
 * generating them held (cached rows, the shipped model).
 *
 * @param <C> how the platform holds candidates (a list locally, an RDD on Spark)
 */
public interface GeneratedCandidates<C> extends AutoCloseable {

    C candidates();

    /** How many candidates were generated (for the progress log and the run record). */
    long rows();

    /** How many invalid BIO candidates were dropped before scoring (0 on other tag sets). */
    long droppedInvalid();

    @Override
    void close();
}
