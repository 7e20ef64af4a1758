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
    void pinnedOutputForAFixedSeed() {
        // Written out from one run: stored candidates depend on these draws, so any change to the
        // seeding, the subset sizes or the draw order must show up here.
        List<Candidate> out = new RandomSubsetCorrector(3, CorrectionUnit.TOKEN).correct(EX, beamWith10Errors(), 42, 1);
        assertEquals(List.of(
                t("A B C D E F G H I x"),
                t("x x x x x x x x x x"),
                t("x B x D x F x H x J"),
                t("x x x x x x x x x J"),
                t("x x x x E x G H I x"),
                t("x B C D E F G H x x"),
                t("x B C D x F x H x J"),
                t("A B x D x F x H I J"),
                t("x B C D x F G H I J"),
                GOLD), tags(out));
        List<String> gold = t("B-TL I-TL I-TL O O B-TL I-TL");
        Example ex = new Example("s", "test", "train", t("a b c d e f g"), gold);
        List<Candidate> spans = new RandomSubsetCorrector(2, CorrectionUnit.SPAN).correct(ex,
                List.of(Candidate.of("s", 0, Origin.BEAM, t("O O O O B-TL O O"), -1)), 5, 0);
        assertEquals(List.of(t("O O O O B-TL O O"), t("O O O O B-TL B-TL I-TL"), t("B-TL I-TL I-TL O B-TL B-TL I-TL"),
                gold), tags(spans));
    }

    @Test
    void exactlyJDistinctCorrectionsEachFixingOnlyErrorPositions() {
        int j = 3;
        List<Candidate> beam = beamWith10Errors();
        List<Candidate> out = new RandomSubsetCorrector(j, CorrectionUnit.TOKEN).correct(EX, beam, 7, 2);
        // beam 0 has one error (adds none); beams 1 and 2 add J each, in beam order
        List<Candidate> corrected = out.stream().filter(c -> c.origin() == Origin.CORRECTED).toList();
        assertEquals(2 * j, corrected.size());
        for (int b = 1; b <= 2; b++) {
            List<String> source = beam.get(b).tags();
            Set<Set<Integer>> subsets = new HashSet<>();
            for (Candidate c : corrected.subList((b - 1) * j, b * j)) {
                Set<Integer> fixed = new HashSet<>();
                for (int i = 0; i < GOLD.size(); i++) {
                    if (!c.tags().get(i).equals(source.get(i))) {
                        assertNotEquals(GOLD.get(i), source.get(i), "position " + i + " was not an error");
                        assertEquals(GOLD.get(i), c.tags().get(i), "a changed position takes the gold tag");
                        fixed.add(i);
                    }
                }
                assertTrue(!fixed.isEmpty(), "a correction fixes a non-empty subset");
                assertTrue(subsets.add(fixed), "subsets are distinct: " + fixed);
            }
        }
    }

    @Test
    void randomSubsetsAreExercisedWithJOfTwo() {
        // m = 10 errors, J = 2: sizes 1 and 1 + floor(9 / 2) = 5, positions drawn at random per seed
        List<Candidate> beam = List.of(beam(0, "x x x x x x x x x x", -1));
        Set<Integer> singlePositions = new HashSet<>();
        Set<Set<Integer>> fives = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            List<Candidate> out = new RandomSubsetCorrector(2, CorrectionUnit.TOKEN).correct(EX, beam, seed, 1);
            List<Candidate> corrected = out.stream().filter(c -> c.origin() == Origin.CORRECTED).toList();
            assertEquals(2, corrected.size());
            Set<Integer> first = fixedPositions(corrected.get(0).tags());
            Set<Integer> second = fixedPositions(corrected.get(1).tags());
            assertEquals(1, first.size());
            assertEquals(5, second.size());
            singlePositions.addAll(first);
            fives.add(second);
        }
        assertTrue(singlePositions.size() >= 8, "size-1 fixes land on many positions: " + singlePositions);
        assertTrue(fives.size() >= 30, "size-5 subsets vary with the seed: " + fives.size() + " distinct of 40");
    }

    @Test
    void seedPartsEachChangeTheDraws() {
        RandomSubsetCorrector corrector = new RandomSubsetCorrector(4, CorrectionUnit.TOKEN);
        List<List<String>> a = tags(corrector.correct(EX, beamWith10Errors(), 42, 1));
        assertNotEquals(a, tags(corrector.correct(EX, beamWith10Errors(), 43, 1)), "run seed");
        assertNotEquals(a, tags(corrector.correct(EX, beamWith10Errors(), 42, 2)), "iteration");
        Example renamed = new Example("ex-2", "test", "train", EX.tokens(), GOLD);
        List<Candidate> renamedBeam = beamWith10Errors().stream()
                .map(c -> new Candidate("ex-2", c.rank(), c.origin(), c.tags(), c.logProb(), c.reward(), c.weight())).toList();
        assertNotEquals(a, tags(corrector.correct(renamed, renamedBeam, 42, 1)), "example id");
    }

    @Test
    void autoMustBeResolvedByTheTagSet() {
        RandomSubsetCorrector auto = new RandomSubsetCorrector(2, CorrectionUnit.AUTO);
        assertThrows(IllegalStateException.class, () -> auto.correct(EX, beamWith10Errors(), 1, 1));
        assertEquals(CorrectionUnit.SPAN, auto.forTagSet(true).unit());
        assertEquals(CorrectionUnit.TOKEN, auto.forTagSet(false).unit());
        RandomSubsetCorrector token = new RandomSubsetCorrector(2, CorrectionUnit.TOKEN);
        assertEquals(token, token.forTagSet(true), "an explicit unit stays");
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
        // pinned literally: the seed must not change between JVMs or versions (it decides stored candidates)
        assertEquals(5085922874357253746L, StableSeed.of(42, 1, "x", 2));
        assertEquals(7486896492682071800L, StableSeed.hash("x"));
    }

    private static Set<Integer> fixedPositions(List<String> tags) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).equals(GOLD.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<List<String>> tags(List<Candidate> cs) {
        return cs.stream().map(Candidate::tags).toList();
    }
}
