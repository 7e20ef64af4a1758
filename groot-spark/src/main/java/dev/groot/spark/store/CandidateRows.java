package dev.groot.spark.store;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Origin;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import dev.groot.spark.io.GrootSchemas;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Candidate <-> Spark Row in the data-schemas {@code candidate} layout. */
public final class CandidateRows {

    /** The data-schemas {@code candidate} layout (held equal to candidate.avsc by GrootSchemasTest). */
    public static final StructType SCHEMA = GrootSchemas.CANDIDATE;

    private CandidateRows() {
    }

    public static Row toRow(String runId, int iteration, Candidate c) {
        return RowFactory.create(runId, iteration, c.exampleId(), c.rank(), c.origin().name(),
                c.tags().toArray(new String[0]), c.logProb(), c.reward(), c.weight());
    }

    public static Candidate fromRow(Row r) {
        List<String> tags = r.getList(r.fieldIndex("tags"));
        return new Candidate(r.getAs("example_id"), r.<Integer>getAs("rank"), Origin.valueOf(r.getAs("origin")),
                tags, r.<Double>getAs("log_prob"), r.<Double>getAs("reward"), r.<Double>getAs("weight"));
    }
}
