package dev.groot.spark.io;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds the hand-written Spark schemas equal to data-schemas/*.avsc (names, order, types, nullability). */
class GrootSchemasTest {

    private static final Path DIR = Path.of("..", "data-schemas");

    private static Schema avsc(String name) throws IOException {
        return new Schema.Parser().parse(Files.readString(DIR.resolve(name)));
    }

    @Test
    void exampleMatches() throws IOException {
        check("example.avsc", GrootSchemas.EXAMPLE);
    }

    @Test
    void candidateMatches() throws IOException {
        check("candidate.avsc", GrootSchemas.CANDIDATE);
    }

    @Test
    void iterationMetricsMatches() throws IOException {
        check("iteration_metrics.avsc", GrootSchemas.ITERATION_METRICS);
    }

    @Test
    void runManifestMatches() throws IOException {
        check("run_manifest.avsc", GrootSchemas.RUN_MANIFEST);
    }

    @Test
    void rejectionMatches() throws IOException {
        check("rejection.avsc", GrootSchemas.REJECTION);
    }

    @Test
    void everyAvscIsCoveredAndHasTheCurrentVersion() throws IOException {
        try (var files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted().toList();
            assertEquals(List.of("candidate.avsc", "example.avsc", "iteration_metrics.avsc", "rejection.avsc",
                    "run_manifest.avsc"), names);
        }
    }

    private static void check(String file, StructType spark) throws IOException {
        Schema s = avsc(file);
        assertEquals(GrootSchemas.VERSION, ((Number) s.getObjectProp("schemaVersion")).intValue(), file + " schemaVersion");
        assertEquals(toSpark(s), spark, file);
        for (Schema.Field f : s.getFields()) {
            assertTrue(f.doc() != null && !f.doc().isBlank(), file + ": field " + f.name() + " needs a doc");
        }
    }

    /** Avro -> Spark, the way spark-avro maps types (enum -> string, [null, X] -> nullable X). */
    static StructType toSpark(Schema record) {
        List<StructField> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            Schema t = f.schema();
            boolean nullable = false;
            if (t.getType() == Schema.Type.UNION) {
                List<Schema> nonNull = t.getTypes().stream().filter(x -> x.getType() != Schema.Type.NULL).toList();
                assertEquals(1, nonNull.size(), "only [null, X] unions are used");
                nullable = nonNull.size() < t.getTypes().size();
                t = nonNull.get(0);
            }
            fields.add(DataTypes.createStructField(f.name(), type(t), nullable));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(Schema t) {
        return switch (t.getType()) {
            case STRING, ENUM -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> t.getLogicalType() instanceof LogicalTypes.TimestampMillis ? DataTypes.TimestampType : DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case FLOAT -> DataTypes.FloatType;
            case BOOLEAN -> DataTypes.BooleanType;
            case ARRAY -> DataTypes.createArrayType(type(t.getElementType()), false);
            case MAP -> DataTypes.createMapType(DataTypes.StringType, type(t.getValueType()), false);
            case RECORD -> toSpark(t);
            default -> throw new AssertionError("unmapped Avro type " + t);
        };
    }
}
