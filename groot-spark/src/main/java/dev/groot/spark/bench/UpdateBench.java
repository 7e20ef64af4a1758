package dev.groot.spark.bench;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.NativeMemoryReclaimer;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedParams;
import dev.groot.model.update.SentenceGroup;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The update's speed on the SAME candidate rows, one thread: the standard DL4J graph fed row
 * minibatches ({@code TrainingBatches}, sizes 32 and 256) against the sentence-grouped graph
 * ({@code dev.groot.model.update}) fed sentence groups (minibatches of whole groups up to 256 rows).
 * Candidate rows are GROOT-like: per sentence of 10-60 tokens, the gold row (weight 1) and 9-23
 * corrupted tag sequences with weights in [-1, 1]. Both paths see the data in the same order
 * (groups sorted by length within windows, rows of a group consecutive: little padding for either).
 * Each path: warm-up, then fit for a timing window, batch building included (both paths build
 * their arrays per minibatch, as the fitters do). Figures: row-tokens/s (tokens x rows trained),
 * sentence-tokens/s (tokens of the sentences whose candidates were trained) and their ratio.
 */
public final class UpdateBench {
    private static final int MIN_LEN = 10;
    private static final int MAX_LEN = 60;
    private static final int MIN_ROWS = 10;
    private static final int MAX_ROWS = 24;
    private static final int GROUPED_ROWS_PER_BATCH = 256;

    private final double windowSeconds;
    private final long seed;

    public UpdateBench(double windowSeconds, long seed) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("timing window must be > 0 s, got " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
        this.seed = seed;
    }

    /** Candidate groups for up to {@code maxSentences} sentences of 10-60 tokens from {@code pool}. */
    public List<SentenceGroup> candidates(Vocabularies v, List<Example> pool, int maxSentences) {
        Random r = new Random(seed);
        List<SentenceGroup> groups = new ArrayList<>();
        for (Example e : pool) {
            if (groups.size() >= maxSentences) {
                break;
            }
            if (e.length() < MIN_LEN || e.length() > MAX_LEN) {
                continue;
            }
            int n = MIN_ROWS + r.nextInt(MAX_ROWS - MIN_ROWS + 1);
            List<SentenceGroup.Row> rows = new ArrayList<>(n);
            rows.add(new SentenceGroup.Row(e.tags(), 1.0));
            for (int k = 1; k < n; k++) {
                List<String> y = new ArrayList<>(e.tags());
                for (int t = 0; t < y.size(); t++) {
                    if (r.nextInt(7) == 0) {
                        y.set(t, v.tag(r.nextInt(v.numTags())));
                    }
                }
                rows.add(new SentenceGroup.Row(y, -1 + 2 * r.nextDouble()));
            }
            groups.add(new SentenceGroup(e.tokens(), rows));
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no sentence of " + MIN_LEN + "-" + MAX_LEN + " tokens in the pool");
        }
        // Length-sorted windows, as the fitters do, so that neither path pays much padding.
        List<SentenceGroup> ordered = new ArrayList<>();
        for (int from = 0; from < groups.size(); from += 64) {
            List<SentenceGroup> w = new ArrayList<>(groups.subList(from, Math.min(groups.size(), from + 64)));
            w.sort(Comparator.comparingInt(g -> g.tokens().size()));
            ordered.addAll(w);
        }
        return ordered;
    }

    public Map<String, Object> run(TaggerConfig c, Vocabularies v, List<SentenceGroup> groups) {
        long rowTokens = 0;
        long sentenceTokens = 0;
        for (SentenceGroup g : groups) {
            rowTokens += g.rowTokens();
            sentenceTokens += g.tokens().size();
        }
        double rowsPerSentenceToken = (double) rowTokens / sentenceTokens;
        List<WeightedSequence> rows = GroupedBatches.rows(groups);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("update_sentences", groups.size());
        m.put("update_rows", rows.size());
        m.put("update_row_tokens", rowTokens);
        m.put("update_sentence_tokens", sentenceTokens);
        m.put("update_window_seconds", windowSeconds);
        m.put("update_load_average_start", MachineInfo.loadAverage());

        double best = 0;
        for (int batch : new int[]{32, 256}) {
            List<List<WeightedSequence>> chunks = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += batch) {
                chunks.add(rows.subList(from, Math.min(rows.size(), from + batch)));
            }
            Timing t = time(NetworkFactory.build(c, v), chunks, b -> TrainingBatches.build(v, b),
                    b -> b.stream().mapToLong(x -> x.tokens().size()).sum());
            double perS = t.tokens / t.seconds;
            m.put("update_graph_b" + batch + "_row_tokens_per_s", perS);
            m.put("update_graph_b" + batch + "_sentence_tokens_per_s", perS / rowsPerSentenceToken);
            m.put("update_graph_b" + batch + "_minibatches", t.minibatches);
            best = Math.max(best, perS);
        }
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v);
        GroupedParams.toGrouped(NetworkFactory.build(c, v), grouped);
        Timing t = time(grouped, GroupedBatches.chunks(groups, GROUPED_ROWS_PER_BATCH), b -> GroupedBatches.build(v, b),
                b -> b.stream().mapToLong(SentenceGroup::rowTokens).sum());
        double groupedPerS = t.tokens / t.seconds;
        m.put("update_grouped_row_tokens_per_s", groupedPerS);
        m.put("update_grouped_sentence_tokens_per_s", groupedPerS / rowsPerSentenceToken);
        m.put("update_grouped_minibatches", t.minibatches);
        m.put("update_grouped_rows_per_batch", GROUPED_ROWS_PER_BATCH);
        m.put("update_graph_row_tokens_per_s", best);
        m.put("update_graph_sentence_tokens_per_s", best / rowsPerSentenceToken);
        // Against the faster of the two standard minibatch sizes (the conservative ratio).
        m.put("update_speedup_vs_graph", groupedPerS / best);
        m.put("update_load_average_end", MachineInfo.loadAverage());
        return m;
    }

    private record Timing(double seconds, long tokens, int minibatches) {
    }

    /** Warm-up on two minibatches, then fits minibatches in order (cycling) until the window is full. */
    private <B> Timing time(ComputationGraph net, List<B> batches, Function<B, MultiDataSet> build,
                           Function<B, Long> tokensOf) {
        for (int i = 0; i < Math.min(3, batches.size()); i++) {
            net.fit(build.apply(batches.get(i)));
        }
        long tokens = 0;
        int n = 0;
        long t0 = System.nanoTime();
        double elapsed = 0;
        while (elapsed < windowSeconds) {
            B b = batches.get(n % batches.size());
            net.fit(build.apply(b));
            NativeMemoryReclaimer.SHARED.maybeCollect();
            tokens += tokensOf.apply(b);
            n++;
            elapsed = (System.nanoTime() - t0) / 1e9;
        }
        return new Timing(elapsed, tokens, n);
    }

    /**
     * Standalone run (no Spark): {@code UpdateBench [pos|title] [window seconds] [sentences] [pool]}.
     * Reference-size model (TaggerConfig defaults); vocabulary from a Brown-shaped synthetic pool.
     */
    public static void main(String[] args) {
        boolean pos = args.length > 0 && args[0].equals("pos");
        double window = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        int sentences = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int poolSize = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        TaggerConfig c = TaggerConfig.defaults();
        List<Example> pool = new ShapedCorpus(pos).examples(poolSize, 42, "train");
        Vocabularies v = Vocabularies.build(pool, c);
        UpdateBench bench = new UpdateBench(window, 42);
        Map<String, Object> m = bench.run(c, v, bench.candidates(v, pool, sentences));
        m.forEach((k, val) -> System.out.println(String.format(Locale.ROOT, "%-44s %s", k, val)));
    }
}
