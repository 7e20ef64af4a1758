package dev.groot.spark.cli;

import dev.groot.model.correct.CorrectionUnit;
import dev.groot.model.objective.NegativeCredit;
import dev.groot.model.objective.PositiveCredit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --corrections-unit: auto by default, --span-corrections still means span; --negative-credit. */
class GrootOptionsTest {

    private static CorrectionUnit unit(String... args) {
        GrootOptions o = CommandLine.populateCommand(new GrootOptions(), args);
        return o.config("/data", "/run").candidates().correctionUnit();
    }

    @Test
    void autoByDefaultAndSpanCorrectionsIsASynonym() {
        assertEquals(CorrectionUnit.AUTO, unit());
        assertEquals(CorrectionUnit.SPAN, unit("--span-corrections"));
        assertEquals(CorrectionUnit.SPAN, unit("--span-corrections", "--corrections-unit", "span"));
        assertEquals(CorrectionUnit.TOKEN, unit("--corrections-unit", "token"));
        assertEquals(CorrectionUnit.AUTO, unit("--corrections-unit", "AUTO"));
    }

    @Test
    void contradictionsAndUnknownUnitsAreErrors() {
        assertEquals("--span-corrections contradicts --corrections-unit token",
                assertThrows(IllegalArgumentException.class,
                        () -> unit("--span-corrections", "--corrections-unit", "token")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> unit("--corrections-unit", "words"));
    }

    @Test
    void theRunRecordsTheUnit() {
        GrootOptions o = CommandLine.populateCommand(new GrootOptions(), "--corrections-unit", "token", "--objective", "nll");
        assertEquals("token", o.config("/data", "/run").provenance("fp").get("groot.corrections_unit"));
        assertEquals("nll", o.config("/data", "/run").provenance("fp").get("groot.objective"));
        assertEquals("false", o.config("/data", "/run").identity().get("span_corrections"));
    }

    /** --negative-credit and --positive-credit: sequence by default (absent from the resume identity, so older runs resume), else recorded. */
    @Test
    void negativeCreditIsParsedAndRecorded() {
        GrootOptions plain = CommandLine.populateCommand(new GrootOptions());
        assertEquals(NegativeCredit.SEQUENCE, plain.config("/data", "/run").objective().negativeCredit());
        assertFalse(plain.config("/data", "/run").identity().containsKey("negative_credit"));
        assertEquals("sequence", plain.config("/data", "/run").provenance("fp").get("groot.negative_credit"));
        GrootOptions errors = CommandLine.populateCommand(new GrootOptions(), "--negative-credit", "error-positions");
        assertEquals(NegativeCredit.ERROR_POSITIONS, errors.config("/data", "/run").objective().negativeCredit());
        assertEquals("error-positions", errors.config("/data", "/run").identity().get("negative_credit"));
        GrootOptions bad = CommandLine.populateCommand(new GrootOptions(), "--negative-credit", "tokens");
        assertThrows(IllegalArgumentException.class, () -> bad.config("/data", "/run"));

        assertEquals(PositiveCredit.SEQUENCE, plain.config("/data", "/run").objective().positiveCredit());
        assertFalse(plain.config("/data", "/run").identity().containsKey("positive_credit"));
        assertEquals("sequence", plain.config("/data", "/run").provenance("fp").get("groot.positive_credit"));
        GrootOptions agreeing = CommandLine.populateCommand(new GrootOptions(), "--positive-credit", "agreeing-positions");
        assertEquals(PositiveCredit.AGREEING_POSITIONS, agreeing.config("/data", "/run").objective().positiveCredit());
        assertEquals("agreeing-positions", agreeing.config("/data", "/run").identity().get("positive_credit"));
        assertEquals(new dev.groot.model.objective.CreditRule(NegativeCredit.SEQUENCE, PositiveCredit.AGREEING_POSITIONS),
                agreeing.config("/data", "/run").objective().credit());
        GrootOptions badPositive = CommandLine.populateCommand(new GrootOptions(), "--positive-credit", "gold");
        assertThrows(IllegalArgumentException.class, () -> badPositive.config("/data", "/run"));
    }

    /** --optimizer-state: fresh by default (absent from the resume identity), continue recorded. */
    @Test
    void optimizerStateIsParsedAndRecorded() {
        GrootOptions plain = CommandLine.populateCommand(new GrootOptions());
        assertFalse(plain.config("/data", "/run").schedule().continueOptimizerState());
        assertFalse(plain.config("/data", "/run").identity().containsKey("optimizer_state"));
        GrootOptions cont = CommandLine.populateCommand(new GrootOptions(), "--optimizer-state", "continue");
        assertTrue(cont.config("/data", "/run").schedule().continueOptimizerState());
        assertEquals("continue", cont.config("/data", "/run").identity().get("optimizer_state"));
        GrootOptions bad = CommandLine.populateCommand(new GrootOptions(), "--optimizer-state", "warm");
        assertEquals("--optimizer-state must be fresh or continue, got 'warm'",
                assertThrows(IllegalArgumentException.class, () -> bad.config("/data", "/run")).getMessage());
    }
}
