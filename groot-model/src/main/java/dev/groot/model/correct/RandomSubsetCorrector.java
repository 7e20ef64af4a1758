package dev.groot.model.correct;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * METHOD.md step 2. For each beam candidate with m > 0 error units, up to J corrected candidates,
 * the j-th (j = 0..J-1) fixing a random subset of size 1 + floor(j * (m - 1) / J) of the units:
 * sizes spread evenly over 1..m-1, because fixing all m units gives the gold sequence, which is
 * added anyway (so a candidate with one error adds none). A unit is an error position, or with
 * {@code wholeSpans} all error positions of one gold-or-predicted span. A drawn subset that repeats
 * an existing sequence is redrawn a few times, so J distinct corrections come out when that many
 * exist. Randomness comes from {@link StableSeed#of}(runSeed, iteration, example id, the beam
 * candidate's rank), so the result does not depend on partitioning or retries.
 * Output order and ranks follow {@link Corrector}: beam, corrected, gold; first occurrence wins.
 * The unit is fixed at construction or, for {@link CorrectionUnit#AUTO}, by {@link #forTagSet}
 * once the tag set is known.
 */
public final class RandomSubsetCorrector implements Corrector {
    private static final long serialVersionUID = 1L;
    private static final int REDRAWS = 4;

    private final int corrections;
    private final CorrectionUnit unit;

    public RandomSubsetCorrector(int corrections, boolean wholeSpans) {
        this(corrections, wholeSpans ? CorrectionUnit.SPAN : CorrectionUnit.TOKEN);
    }

    public RandomSubsetCorrector(int corrections, CorrectionUnit unit) {
        if (corrections < 0) {
            throw new IllegalArgumentException("corrections per candidate (J) must be >= 0, got " + corrections);
        }
        if (unit == null) {
            throw new IllegalArgumentException("correction unit is required (span, token or auto)");
        }
        this.corrections = corrections;
        this.unit = unit;
    }

    /** AUTO becomes SPAN on a BIO tag set and TOKEN otherwise; SPAN and TOKEN stay as they are. */
    @Override
    public RandomSubsetCorrector forTagSet(boolean bioTagSet) {
        return unit != CorrectionUnit.AUTO ? this : new RandomSubsetCorrector(corrections,
                bioTagSet ? CorrectionUnit.SPAN : CorrectionUnit.TOKEN);
    }

    @Override
    public List<Candidate> correct(Example example, List<Candidate> beam, long runSeed, int iteration) {
        if (unit == CorrectionUnit.AUTO) {
            throw new IllegalStateException("correction unit 'auto' must be resolved with forTagSet(isBio) "
                    + "before correcting");
        }
        boolean wholeSpans = unit == CorrectionUnit.SPAN;
        List<String> gold = example.tags();
        Set<List<String>> seen = new LinkedHashSet<>();
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : beam) {
            check(example, c);
            if (seen.add(c.tags())) {
                out.add(c.withRank(out.size()));
            }
        }
        seen.add(gold); // corrections equal to gold are not kept as CORRECTED: gold is added below
        List<Candidate> corrected = new ArrayList<>();
        for (Candidate c : beam) {
            List<int[]> units = ErrorUnits.of(gold, c.tags(), wholeSpans);
            int m = units.size();
            if (m < 2 || corrections == 0) {
                continue;
            }
            SplittableRandom random = new SplittableRandom(StableSeed.of(runSeed, iteration, example.id(), c.rank()));
            for (int j = 0; j < corrections; j++) {
                int size = 1 + (int) ((long) j * (m - 1) / corrections);
                for (int attempt = 0; attempt < REDRAWS; attempt++) {
                    List<String> tags = fix(c.tags(), gold, units, size, random);
                    if (seen.add(tags)) {
                        corrected.add(Candidate.of(example.id(), 0, Origin.CORRECTED, tags, Double.NaN));
                        break;
                    }
                }
            }
        }
        for (Candidate c : corrected) {
            out.add(c.withRank(out.size()));
        }
        if (!containsTags(out, gold)) {
            out.add(Candidate.of(example.id(), out.size(), Origin.GOLD, gold, Double.NaN));
        }
        return out;
    }

    /** The candidate with {@code size} randomly chosen units set to gold (partial Fisher-Yates). */
    private static List<String> fix(List<String> tags, List<String> gold, List<int[]> units, int size,
                                    SplittableRandom random) {
        int[] order = new int[units.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<String> fixed = new ArrayList<>(tags);
        for (int k = 0; k < size; k++) {
            int pick = k + random.nextInt(order.length - k);
            int tmp = order[k];
            order[k] = order[pick];
            order[pick] = tmp;
            for (int position : units.get(order[k])) {
                fixed.set(position, gold.get(position));
            }
        }
        return List.copyOf(fixed);
    }

    private static boolean containsTags(List<Candidate> candidates, List<String> tags) {
        for (Candidate c : candidates) {
            if (c.tags().equals(tags)) {
                return true;
            }
        }
        return false;
    }

    private static void check(Example example, Candidate c) {
        if (!c.exampleId().equals(example.id())) {
            throw new IllegalArgumentException("candidate of example " + c.exampleId() + " passed with example "
                    + example.id());
        }
        if (c.tags().size() != example.length()) {
            throw new IllegalArgumentException("example " + example.id() + ": candidate rank " + c.rank() + " has "
                    + c.tags().size() + " tags for " + example.length() + " tokens");
        }
    }

    public int corrections() {
        return corrections;
    }

    public CorrectionUnit unit() {
        return unit;
    }
}
