package dev.groot.spark.io;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark schemas of the stored records. They mirror {@code data-schemas/*.avsc} field by field
 * (names, order, types, nullability); {@code GrootSchemasTest} fails when the two drift apart.
 * Bump {@link #VERSION} together with the {@code schemaVersion} of the .avsc files.
 */
public final class GrootSchemas {

    /** The schemaVersion of every .avsc this class mirrors. */
    public static final int VERSION = 2;

    private static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

    public static final StructType EXAMPLE = struct(
            req("id", DataTypes.StringType),
            req("source", DataTypes.StringType),
            req("split", DataTypes.StringType),
            req("tokens", STRINGS),
            req("tags", STRINGS));

    public static final StructType CANDIDATE = struct(
            req("run_id", DataTypes.StringType),
            req("iteration", DataTypes.IntegerType),
            req("example_id", DataTypes.StringType),
            req("rank", DataTypes.IntegerType),
            req("origin", DataTypes.StringType),
            req("tags", STRINGS),
            req("log_prob", DataTypes.DoubleType),
            req("reward", DataTypes.DoubleType),
            req("weight", DataTypes.DoubleType));

    public static final StructType ITERATION_METRICS = struct(
            req("run_id", DataTypes.StringType),
            req("iteration", DataTypes.IntegerType),
            req("split", DataTypes.StringType),
            req("metric", DataTypes.StringType),
            opt("k", DataTypes.IntegerType),
            req("value", DataTypes.DoubleType));

    private static final StructType ITERATION_RECORD = struct(
            req("iteration", DataTypes.IntegerType),
            req("model", DataTypes.StringType),
            req("model_sha256", DataTypes.StringType),
            req("candidate_rows", DataTypes.LongType),
            req("dev_reward", DataTypes.DoubleType),
            req("dev_metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false)),
            req("seconds", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false)),
            req("committed_at", DataTypes.StringType),
            req("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false)));

    /** The record inside each RUN_DIR/_manifests/NNNNNNNN.json (under its "manifest" key). */
    public static final StructType RUN_MANIFEST = struct(
            req("schema_version", DataTypes.IntegerType),
            req("run_id", DataTypes.StringType),
            req("created_at", DataTypes.StringType),
            req("options", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false)),
            req("iterations", DataTypes.createArrayType(ITERATION_RECORD, false)),
            req("best_iteration", DataTypes.IntegerType));

    public static final StructType REJECTION = struct(
            req("file", DataTypes.StringType),
            req("line", DataTypes.LongType),
            req("problem", DataTypes.StringType),
            req("detail", DataTypes.StringType),
            req("record", DataTypes.StringType));

    private GrootSchemas() {
    }

    private static StructField req(String name, DataType type) {
        return DataTypes.createStructField(name, type, false);
    }

    private static StructField opt(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static StructType struct(StructField... fields) {
        return DataTypes.createStructType(fields);
    }
}
