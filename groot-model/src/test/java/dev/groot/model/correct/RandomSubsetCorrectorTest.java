package dev.groot.model.correct;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSubsetCorrectorTest {

    private static List<String> t(String s) {
        return List.of(s.split(" "));
    }

    private static final List<String> GOLD = t("A B C D E F G H I J");
    private static final Example EX = new Example("ex-1", "test", "train", t("w w w w w w w w w w"), GOLD);

    private static Candidate beam(int rank, String tags, double logProb) {
        return Candidate.of("ex-1", rank, Origin.BEAM, t(tags), logProb);
    }

    private static List<Candidate> beamWith10Errors() {
        return List.of(beam(0, "A B C D E F G H I x", -1),
                beam(1, "x x x x x x x x x x", -2),
                beam(2, "x B x D x F x H x J", -3));
    }

    @Test
    void outputOrderOriginsRanksAndGold() {
        List<Candidate> out = new RandomSubsetCorrector(3, false).correct(EX, beamWith10Errors(), 42, 1);
        // 3 beam + 3 corrected of the 10-error candidate + 3 of the 5-error one + gold
        assertEquals(3 + 3 + 3 + 1, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(i, out.get(i).rank());
            assertEquals("ex-1", out.get(i).exampleId());
        }
        assertEquals(List.of(Origin.BEAM, Origin.BEAM, Origin.BEAM), out.subList(0, 3).stream().map(Candidate::origin).toList());
        assertEquals(-2.0, out.get(1).logProb());
        for (Candidate c : out.subList(3, 9)) {
            assertEquals(Origin.CORRECTED, c.origin());
            assertTrue(Double.isNaN(c.logProb()));
        }
        Candidate gold = out.get(9);
        assertEquals(Origin.GOLD, gold.origin());
        assertEquals(GOLD, gold.tags());
        assertTrue(Double.isNaN(gold.logProb()));
        assertEquals(out.size(), new HashSet<>(out.stream().map(Candidate::tags).toList()).size(), "de-duplicated");
    }

    @Test
    void correctionsFixSubsetsOfErrorsWithSpreadSizes() {
        List<Candidate> out = new RandomSubsetCorrector(3, false).correct(EX, beamWith10Errors(), 42, 1);
        List<String> wrong = t("x x x x x x x x x x");
        List<Integer> fixedCounts = new ArrayList<>();
        for (Candidate c : out.subList(3, 6)) {
            int fixed = 0;
            for (int i = 0; i < GOLD.size(); i++) {
                // every position is either the candidate's original tag or the gold tag
                assertTrue(c.tags().get(i).equals(wrong.get(i)) || c.tags().get(i).equals(GOLD.get(i)));
                fixed += c.tags().get(i).equals(GOLD.get(i)) ? 1 : 0;
            }
            fixedCounts.add(fixed);
        }
        // m = 10, J = 3: sizes 1 + floor(j * 9 / 3) = 1, 4, 7
        assertEquals(List.of(1, 4, 7), fixedCounts);
    }

    @Test
    void deterministicAndSeedSensitive() {
        RandomSubsetCorrector corrector = new RandomSubsetCorrector(4, false);
        List<Candidate> a = corrector.correct(EX, beamWith10Errors(), 42, 1);
        assertEquals(a, corrector.correct(EX, beamWith10Errors(), 42, 1));
        assertNotEquals(tags(a), tags(corrector.correct(EX, beamWith10Errors(), 43, 1)));
        assertNotEquals(tags(a), tags(corrector.correct(EX, beamWith10Errors(), 42, 2)));
        Example renamed = new Example("ex-2", "test", "train", EX.tokens(), GOLD);
        List<Candidate> renamedBeam = beamWith10Errors().stream()
                .map(c -> new Candidate("ex-2", c.rank(), c.origin(), c.tags(), c.logProb(), c.reward(), c.weight())).toList();
        assertNotEquals(tags(a), tags(corrector.correct(renamed, renamedBeam, 42, 1)));
    }

    @Test
    void duplicatesAreRemovedFirstOccurrenceWins() {
        List<Candidate> beam = List.of(beam(0, "A B C D E F G H I J", -1), beam(1, "A B C D E F G H x x", -2),
                beam(2, "A B C D E F G H x x", -3));
        List<Candidate> out = new RandomSubsetCorrector(5, false).correct(EX, beam, 1, 0);
        // gold is in the beam: it stays BEAM and no GOLD row is added; the duplicate beam row goes;
        // m = 2 errors -> only size-1 subsets, 2 distinct ones exist
        assertEquals(List.of(Origin.BEAM, Origin.BEAM, Origin.CORRECTED, Origin.CORRECTED),
                out.stream().map(Candidate::origin).toList());
        assertEquals(GOLD, out.get(0).tags());
        assertEquals(Set.of(t("A B C D E F G H I x"), t("A B C D E F G H x J")),
                Set.of(out.get(2).tags(), out.get(3).tags()));
    }

    @Test
    void spanUnitsFixWholeSpans() {
        List<String> gold = t("B-TL I-TL I-TL O O B-TL I-TL");
        Example ex = new Example("s", "test", "train", t("a b c d e f g"), gold);
        Candidate wrong = Candidate.of("s", 0, Origin.BEAM, t("O O O O B-TL O O"), -1);
        // units: positions 0-2 (gold span), 4 (predicted span), 5-6 (gold span) -> m = 3
        List<Candidate> out = new RandomSubsetCorrector(10, true).correct(ex, List.of(wrong), 5, 0);
        Set<List<String>> corrected = new TreeSet<>(java.util.Comparator.comparing(List::toString));
        for (Candidate c : out) {
            if (c.origin() == Origin.CORRECTED) {
                corrected.add(c.tags());
                // each unit is either fully fixed or untouched
                boolean first = c.tags().get(0).equals(gold.get(0));
                assertEquals(first, c.tags().get(1).equals(gold.get(1)));
                assertEquals(first, c.tags().get(2).equals(gold.get(2)));
                assertEquals(c.tags().get(5).equals(gold.get(5)), c.tags().get(6).equals(gold.get(6)));
            }
        }
        // sizes 1..2 of 3 units: 3 + 3 = 6 distinct subsets exist, all found with J = 10
        assertEquals(6, corrected.size());
        assertEquals(Origin.GOLD, out.get(out.size() - 1).origin());
    }

    @Test
    void oneErrorAddsOnlyGoldAndZeroCorrectionsIsBeamPlusGold() {
        List<Candidate> out = new RandomSubsetCorrector(3, false).correct(EX, List.of(beam(0, "A B C D E F G H I x", -1)), 1, 0);
        assertEquals(List.of(Origin.BEAM, Origin.GOLD), out.stream().map(Candidate::origin).toList());
        out = new RandomSubsetCorrector(0, false).correct(EX, beamWith10Errors(), 1, 0);
        assertEquals(4, out.size());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RandomSubsetCorrector(-1, false));
        Candidate shortOne = Candidate.of("ex-1", 0, Origin.BEAM, t("A B"), -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomSubsetCorrector(1, false).correct(EX, List.of(shortOne), 1, 0));
        assertTrue(e.getMessage().contains("example ex-1"));
        Candidate other = Candidate.of("ex-9", 0, Origin.BEAM, GOLD, -1);
        assertThrows(IllegalArgumentException.class, () -> new RandomSubsetCorrector(1, false).correct(EX, List.of(other), 1, 0));
    }

    @Test
    void stableSeedSeparatesNearbyInputs() {
        Set<Long> seeds = new HashSet<>();
        for (int it = 0; it < 5; it++) {
            for (int rank = 0; rank < 5; rank++) {
                for (String id : List.of("a1", "a12", "a", "1a", "a1 ")) {
                    seeds.add(StableSeed.of(42, it, id, rank));
                }
            }
        }
        assertEquals(5 * 5 * 5, seeds.size());
        assertEquals(StableSeed.of(42, 1, "x", 2), StableSeed.of(42, 1, "x", 2));
        // pinned: the seed must not change between JVMs or versions (it decides stored candidates)
        assertEquals(StableSeed.of(42, 1, "x", 2), StableSeed.mix(StableSeed.mix(StableSeed.mix(StableSeed.mix(
                42 ^ 0x9E3779B97F4A7C15L) ^ 1) ^ StableSeed.hash("x")) ^ 2));
    }

    private static List<List<String>> tags(List<Candidate> cs) {
        return cs.stream().map(Candidate::tags).toList();
    }
}
