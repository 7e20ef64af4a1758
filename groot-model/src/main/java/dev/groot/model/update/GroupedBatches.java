package dev.groot.model.update;

import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.train.TrainingUnits;
import dev.groot.model.tagger.WeightedSequence;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Sentence groups -> packed minibatches ({@link GroupedLayout}), and rows -> sentence groups. */
public final class GroupedBatches {

    /** Sentence groups as training units of the grouped graph (one DL4J example per group). */
    public static final TrainingUnits<SentenceGroup> UNITS = new GroupUnits();

    /** {@link TrainingUnits} of whole sentence groups (a named class, so that it serializes). */
    static final class GroupUnits implements TrainingUnits<SentenceGroup> {
        private static final long serialVersionUID = 1L;

        @Override
        public MultiDataSet build(Vocabularies v, List<SentenceGroup> batch) {
            return GroupedBatches.build(v, batch);
        }

        @Override
        public int length(SentenceGroup unit) {
            return unit.tokens().size();
        }

        @Override
        public int rows(SentenceGroup unit) {
            return unit.rows().size();
        }
    }
    private GroupedBatches() {
    }

    /** One MultiDataSet holding all groups: one input (packed features), one label array, no masks. */
    public static MultiDataSet build(Vocabularies v, List<SentenceGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no sentence groups to build a batch from");
        }
        int g = groups.size();
        int slots = 0;
        int width = 0;
        for (SentenceGroup s : groups) {
            slots = Math.max(slots, s.rows().size());
            width = Math.max(width, s.tokens().size());
        }
        int chans = GroupedLayout.FIRST_ROW + slots;
        float[] f = new float[g * chans * width];
        float[] l = new float[g * 2 * slots * width];
        java.util.Arrays.fill(l, GroupedLayout.ABSENT);
        for (int i = 0; i < g; i++) {
            SentenceGroup s = groups.get(i);
            List<String> tokens = s.tokens();
            for (int t = 0; t < tokens.size(); t++) {
                String tok = tokens.get(t);
                f[(i * chans + GroupedLayout.MASK) * width + t] = 1f;
                f[(i * chans + GroupedLayout.WORDS) * width + t] = v.wordIndex(tok);
                f[(i * chans + GroupedLayout.SHAPES) * width + t] = v.shapeIndex(tok);
                f[(i * chans + GroupedLayout.SUFFIXES) * width + t] = v.suffixIndex(tok);
            }
            for (int r = 0; r < slots; r++) {
                int prevBase = (i * chans + GroupedLayout.FIRST_ROW + r) * width;
                int targetBase = (i * 2 * slots + r) * width;
                int weightBase = (i * 2 * slots + slots + r) * width;
                if (r >= s.rows().size()) {
                    java.util.Arrays.fill(f, prevBase, prevBase + width, GroupedLayout.ABSENT);
                    java.util.Arrays.fill(l, weightBase, weightBase + width, 0f);
                    continue;
                }
                SentenceGroup.Row row = s.rows().get(r);
                java.util.Arrays.fill(l, weightBase, weightBase + width, 0f);
                f[prevBase] = v.bosIndex();
                for (int t = 0; t < tokens.size(); t++) {
                    int tag = v.tagIndex(row.tags().get(t));
                    l[targetBase + t] = tag;
                    l[weightBase + t] = (float) row.weightAt(t);
                    if (t + 1 < tokens.size()) {
                        f[prevBase + t + 1] = tag;
                    }
                }
            }
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                Nd4j.create(f, new long[]{g, chans, width}, 'c'), Nd4j.create(l, new long[]{g, 2L * slots, width}, 'c'));
    }

    /**
     * Consecutive minibatches in the given order, each with as many whole groups as fit into
     * {@code maxRows} candidate rows (at least one group, so a group larger than the budget is
     * a minibatch of its own).
     */
    public static List<MultiDataSet> minibatches(Vocabularies v, List<SentenceGroup> groups, int maxRows) {
        List<MultiDataSet> out = new ArrayList<>();
        for (List<SentenceGroup> chunk : chunks(groups, maxRows)) {
            out.add(build(v, chunk));
        }
        return out;
    }

    /** The grouping of {@link #minibatches}, without building arrays. */
    public static List<List<SentenceGroup>> chunks(List<SentenceGroup> groups, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, got " + maxRows);
        }
        List<List<SentenceGroup>> out = new ArrayList<>();
        List<SentenceGroup> current = new ArrayList<>();
        int rows = 0;
        for (SentenceGroup s : groups) {
            if (!current.isEmpty() && rows + s.rows().size() > maxRows) {
                out.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
            current.add(s);
            rows += s.rows().size();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Groups rows by identical token sequence, groups and rows in order of first appearance. */
    public static List<SentenceGroup> group(List<WeightedSequence> rows) {
        List<Object> ids = new ArrayList<>(rows.size());
        for (WeightedSequence r : rows) {
            ids.add(r.tokens());
        }
        return group(rows, ids);
    }

    /**
     * Groups rows by an explicit sentence id ({@code ids.get(i)} belongs to {@code rows.get(i)}); rows
     * with the same id must have the same tokens.
     */
    public static List<SentenceGroup> group(List<WeightedSequence> rows, List<?> ids) {
        if (rows.size() != ids.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + ids.size() + " sentence ids");
        }
        Map<Object, List<WeightedSequence>> byId = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            WeightedSequence r = rows.get(i);
            List<WeightedSequence> members = byId.computeIfAbsent(Objects.requireNonNull(ids.get(i), "sentence id"),
                    k -> new ArrayList<>());
            if (!members.isEmpty() && !members.get(0).tokens().equals(r.tokens())) {
                throw new IllegalArgumentException("sentence id " + ids.get(i) + " names two different sentences: "
                        + members.get(0).tokens() + " and " + r.tokens());
            }
            members.add(r);
        }
        List<SentenceGroup> out = new ArrayList<>(byId.size());
        for (List<WeightedSequence> members : byId.values()) {
            List<SentenceGroup.Row> groupRows = new ArrayList<>(members.size());
            for (WeightedSequence r : members) {
                groupRows.add(new SentenceGroup.Row(r.tags(), r.weight()));
            }
            out.add(new SentenceGroup(members.get(0).tokens(), groupRows));
        }
        return out;
    }

    /** The rows of the groups, group by group (the standard path's view of the same data). */
    public static List<WeightedSequence> rows(List<SentenceGroup> groups) {
        List<WeightedSequence> out = new ArrayList<>();
        for (SentenceGroup s : groups) {
            for (SentenceGroup.Row r : s.rows()) {
                out.add(new WeightedSequence(s.tokens(), r.tags(), r.weight()));
            }
        }
        return out;
    }
}
