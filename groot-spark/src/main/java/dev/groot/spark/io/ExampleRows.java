package dev.groot.spark.io;

import dev.groot.model.data.Example;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Converts between {@link Example} and rows of {@link GrootSchemas#EXAMPLE}. */
public final class ExampleRows {

    private ExampleRows() {
    }

    public static Row toRow(Example e) {
        return RowFactory.create(e.id(), e.source(), e.split(), seq(e.tokens()), seq(e.tags()));
    }

    /** Spark's row encoder wants Scala sequences for array columns. */
    public static scala.collection.Seq<String> seq(java.util.List<String> list) {
        return scala.collection.JavaConverters.asScalaBuffer(list).toList();
    }

    /** Reads by field name, so it works on rows whose columns are in another order. */
    public static Example fromRow(Row r) {
        return new Example(r.getAs("id"), r.getAs("source"), r.getAs("split"),
                r.getList(r.fieldIndex("tokens")), r.getList(r.fieldIndex("tags")));
    }
}
