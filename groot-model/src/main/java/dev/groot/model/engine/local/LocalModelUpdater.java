package dev.groot.model.engine.local;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.engine.IterationSeeds;
import dev.groot.model.engine.ModelUpdater;
import dev.groot.model.objective.CreditRule;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedGraphFitter;
import dev.groot.model.update.SentenceGroup;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.LocalEpochFitter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Updates in this JVM ({@link LocalEpochFitter}) on the candidates an {@link InMemoryIterationStore}
 * holds: each kept candidate becomes a training row with its example's tokens, its own tags and
 * its weight, ordered by (example id, rank) so the rows do not depend on generation order.
 */
public final class LocalModelUpdater implements ModelUpdater {

    private final InMemoryIterationStore store;
    private final Map<String, List<String>> tokensById = new HashMap<>();
    private final Map<String, List<String>> goldById = new HashMap<>();
    private final int batchSize;
    private final long seed;
    private final double minWeight;
    private final CreditRule credit;

    /** METHOD.md's placement of the weights ({@link CreditRule#METHOD}). */
    public LocalModelUpdater(InMemoryIterationStore store, List<Example> train, int batchSize, long seed,
                             double minWeight) {
        this(store, train, batchSize, seed, minWeight, CreditRule.METHOD);
    }

    /**
     * @param minWeight candidates with |w| below this are left out (0 keeps every non-zero weight)
     * @param credit    where a candidate's weight goes (every position, or only its errors / agreements)
     */
    public LocalModelUpdater(InMemoryIterationStore store, List<Example> train, int batchSize, long seed,
                             double minWeight, CreditRule credit) {
        if (!(minWeight >= 0)) {
            throw new IllegalArgumentException("minimum update weight must be >= 0, got " + minWeight);
        }
        this.store = store;
        for (Example e : train) {
            tokensById.put(e.id(), e.tokens());
            goldById.put(e.id(), e.tags());
        }
        this.credit = java.util.Objects.requireNonNull(credit, "credit rule");
        this.batchSize = batchSize;
        this.seed = seed;
        this.minWeight = minWeight;
    }

    @Override
    public UpdateData prepare(int iteration, TaggerModel model) {
        Vocabularies vocabularies = model.vocabularies();
        List<Candidate> all = new ArrayList<>(store.candidates(iteration));
        all.sort(Comparator.comparing(Candidate::exampleId).thenComparingInt(Candidate::rank));
        List<WeightedSequence> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Candidate c : all) {
            if (minWeight > 0 ? Math.abs(c.weight()) >= minWeight : c.weight() != 0.0) {
                List<String> tokens = tokensById.get(c.exampleId());
                if (tokens == null) {
                    throw new IllegalStateException("candidate of example " + c.exampleId()
                            + " has no training example (candidates of another data set?)");
                }
                rows.add(new WeightedSequence(tokens, c.tags(), c.weight()));
                ids.add(c.exampleId());
            }
        }
        // Sentence-grouped update: a sentence's candidates share one encoder pass (dev.groot.model.update).
        List<SentenceGroup> groups = GroupedBatches.group(rows, ids);
        // group() keeps the order of first appearance, so the distinct ids name the groups in order
        List<String> groupIds = ids.stream().distinct().toList();
        for (int g = 0; g < groups.size(); g++) {
            groups.set(g, credit.place(groups.get(g), goldById.get(groupIds.get(g))));
        }
        EpochFitter fitter = new GroupedGraphFitter(model.config(), vocabularies, new LocalEpochFitter<>(vocabularies,
                GroupedBatches.UNITS, groups, batchSize, IterationSeeds.of(seed, iteration)));
        String summary = String.format(Locale.ROOT, "update: weighted teacher-forced NLL over %,d of %,d candidates",
                rows.size(), all.size());
        // Nothing to release: the rows are garbage once the fitter is.
        return UpdateData.of(fitter, summary, rows.size(), all.size() - rows.size(), () -> { });
    }
}
