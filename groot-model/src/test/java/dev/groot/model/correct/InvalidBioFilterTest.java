package dev.groot.model.correct;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token corrections of a BIO candidate make O I-X; the filter drops exactly those and counts them. */
class InvalidBioFilterTest {

    private static List<String> t(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void validityFollowsTheDecodersRule() {
        assertTrue(BioValidity.isValid(t("B-X I-X I-X O B-Y")));
        assertTrue(BioValidity.isValid(t("O O")));
        assertTrue(BioValidity.isValid(t("B-X B-X I-X")));
        assertFalse(BioValidity.isValid(t("I-X O")), "I-X first");
        assertFalse(BioValidity.isValid(t("O I-X")));
        assertFalse(BioValidity.isValid(t("B-Y I-X")), "another type");
        assertFalse(BioValidity.isValid(t("B-X I-X O I-X")));
    }

    @Test
    void tokenCorrectionsThatLeaveOIxAreDroppedAndCounted() {
        List<String> gold = t("B-X I-X I-X O");
        Example ex = new Example("s", "test", "train", t("a b c d"), gold);
        Candidate allO = Candidate.of("s", 0, Origin.BEAM, t("O O O O"), -1);
        List<Candidate> set = new RandomSubsetCorrector(10, CorrectionUnit.TOKEN).correct(ex, List.of(allO), 7, 1);
        // errors at 0, 1, 2; subsets of size 1-2 fixed: {0} {0,1} valid; {1} {2} {0,2} {1,2} leave an I-X after O
        Set<List<String>> corrected = set.stream().filter(c -> c.origin() == Origin.CORRECTED).map(Candidate::tags)
                .collect(Collectors.toSet());
        assertEquals(Set.of(t("B-X O O O"), t("O I-X O O"), t("O O I-X O"), t("B-X I-X O O"), t("B-X O I-X O"),
                t("O I-X I-X O")), corrected, "all six subsets drawn with J = 10");

        InvalidBioFilter.Result r = InvalidBioFilter.filter(set, gold);
        assertEquals(4, r.dropped());
        assertEquals(Set.of(t("O O O O"), t("B-X O O O"), t("B-X I-X O O"), gold),
                r.kept().stream().map(Candidate::tags).collect(Collectors.toSet()));
        for (int i = 0; i < r.kept().size(); i++) {
            assertEquals(i, r.kept().get(i).rank());
        }
        assertEquals(Origin.GOLD, r.kept().get(r.kept().size() - 1).origin());
    }

    @Test
    void spanCorrectionsOfTheSameCaseAreAllValid() {
        List<String> gold = t("B-X I-X I-X O");
        Example ex = new Example("s", "test", "train", t("a b c d"), gold);
        Candidate allO = Candidate.of("s", 0, Origin.BEAM, t("O O O O"), -1);
        List<Candidate> set = new RandomSubsetCorrector(10, CorrectionUnit.SPAN).correct(ex, List.of(allO), 7, 1);
        assertEquals(0, InvalidBioFilter.filter(set, gold).dropped());
        assertEquals(List.of(t("O O O O"), gold), set.stream().map(Candidate::tags).toList(),
                "one span unit: fixing it is gold, so no corrected candidate");
    }

    @Test
    void goldIsKeptEvenWhenTheDataIsInvalid() {
        List<String> gold = t("O I-X");
        List<Candidate> set = List.of(Candidate.of("s", 0, Origin.BEAM, t("O O"), -1),
                Candidate.of("s", 1, Origin.GOLD, gold, Double.NaN));
        InvalidBioFilter.Result r = InvalidBioFilter.filter(set, gold);
        assertEquals(0, r.dropped());
        assertEquals(set, r.kept());
    }

    @Test
    void unitsParseAndAutoFollowsTheTagSet() {
        assertEquals(CorrectionUnit.SPAN, CorrectionUnit.parse(" Span"));
        assertEquals(CorrectionUnit.AUTO, CorrectionUnit.parse("auto"));
        assertTrue(CorrectionUnit.AUTO.wholeSpans(true));
        assertFalse(CorrectionUnit.AUTO.wholeSpans(false));
        assertTrue(CorrectionUnit.SPAN.wholeSpans(false));
        assertFalse(CorrectionUnit.TOKEN.wholeSpans(true));
        assertEquals("unknown correction unit 'tokens'; use span, token or auto",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> CorrectionUnit.parse("tokens")).getMessage());
    }
}
