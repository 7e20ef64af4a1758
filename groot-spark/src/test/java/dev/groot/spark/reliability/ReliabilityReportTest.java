package dev.groot.spark.reliability;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The markdown renderer of the reliability results (no Spark). */
class ReliabilityReportTest {

    @Test
    void latestResultPerCaseGroupedByAreaWithCellsEscaped() {
        List<ReliabilityReport.Row> rows = List.of(
                ReliabilityReport.Row.parse("Driver\tkill at x\tFAIL\told failure\t3.0\t2024-01-01T00:00:00Z"),
                ReliabilityReport.Row.parse("Input\tempty file\tpass\t/tmp/junit123/a.conll:0: empty | file\t1.5\t2024-01-01T00:00:01Z"),
                ReliabilityReport.Row.parse("Driver\tkill at x\tpass\tresumed\t2.0\t2024-01-01T00:00:02Z"));
        String md = ReliabilityReport.render(rows);
        assertTrue(md.contains("**2 of 2 cases pass**"), md);
        assertTrue(md.contains("| kill at x | pass | resumed | 2.0 |"), md);
        assertFalse(md.contains("old failure"), "a rerun replaces the earlier result");
        assertTrue(md.contains("<tmp>/a.conll:0: empty \\| file"), md);
        assertTrue(md.indexOf("## Driver") < md.indexOf("## Input"), "areas in order of first appearance");
        assertEquals(2, ReliabilityReport.latest(rows).size());
    }

    @Test
    void failuresAreShownInBold() {
        String md = ReliabilityReport.render(List.of(
                ReliabilityReport.Row.parse("A\tcase\tFAIL\tboom\t1.0\t2024-01-01T00:00:00Z")));
        assertTrue(md.contains("**0 of 1 cases pass**"), md);
        assertTrue(md.contains("| case | **FAIL** | boom |"), md);
    }

    @Test
    void malformedResultsLineIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ReliabilityReport.Row.parse("only\ttwo"));
    }
}
