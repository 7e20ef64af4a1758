package dev.groot.spark.bench;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.NativeMemoryReclaimer;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.Sections;
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
 * minibatches ({@code TrainingBatches}, sizes 32 (the project default) and 256) against the
 * sentence-grouped graph ({@code dev.groot.model.update}) fed minibatches of whole sentence groups of
 * up to 32 and 256 rows. Headline {@code update_speedup_vs_graph}: grouped over standard at 256 rows.
 * Candidate rows are GROOT-like: per sentence of 10-60 tokens, the gold row (weight 1) and 9-23
 * corrupted tag sequences with weights in [-1, 1]. Both paths see the data in the same order
 * (groups sorted by length within windows, rows of a group consecutive: little padding for either).
 * Each path: warm-up, then minibatches interleaved across the paths (always the one with the least
 * time so far) until every path has fitted for the timing window; batch building is included (both
 * paths build their arrays per minibatch, as the fitters do). Figures: row-tokens/s (tokens x rows trained),
 * sentence-tokens/s (tokens of the sentences whose candidates were trained) and their ratio.
 */
public final class UpdateBench {
    private static final int MIN_LEN = 10;
    private static final int MAX_LEN = 60;
    private static final int MIN_ROWS = 10;
    private static final int MAX_ROWS = 24;

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

        Lane<List<WeightedSequence>> b32 = lane("graph_b32", NetworkFactory.build(c, v), chunks(rows, 32),
                b -> TrainingBatches.build(v, b), b -> b.stream().mapToLong(x -> x.tokens().size()).sum());
        Lane<List<WeightedSequence>> b256 = lane("graph_b256", NetworkFactory.build(c, v), chunks(rows, 256),
                b -> TrainingBatches.build(v, b), b -> b.stream().mapToLong(x -> x.tokens().size()).sum());
        Lane<List<SentenceGroup>> g32 = lane("grouped_r32", NetworkFactory.buildGrouped(c, v),
                GroupedBatches.chunks(groups, 32), b -> GroupedBatches.build(v, b),
                b -> b.stream().mapToLong(SentenceGroup::rowTokens).sum());
        Lane<List<SentenceGroup>> g256 = lane("grouped_r256", NetworkFactory.buildGrouped(c, v),
                GroupedBatches.chunks(groups, 256), b -> GroupedBatches.build(v, b),
                b -> b.stream().mapToLong(SentenceGroup::rowTokens).sum());
        List<Lane<?>> lanes = List.of(b32, b256, g32, g256);
        for (Lane<?> l : lanes) {
            l.warmUp();
        }
        Sections.reset();
        // Interleaved, always advancing the lane with the least time so far: on a shared machine
        // every lane sees the same load over the run, so the ratios stay fair.
        while (lanes.stream().anyMatch(l -> l.seconds < windowSeconds)) {
            lanes.stream().min(Comparator.comparingDouble(l -> l.seconds)).orElseThrow().step();
        }
        for (Lane<?> l : lanes) {
            double perS = l.tokens / l.seconds;
            m.put("update_" + l.name + "_row_tokens_per_s", perS);
            m.put("update_" + l.name + "_sentence_tokens_per_s", perS / rowsPerSentenceToken);
            m.put("update_" + l.name + "_row_tokens_per_cpu_s", l.tokens / l.cpuSeconds);
            m.put("update_" + l.name + "_seconds", l.seconds);
            m.put("update_" + l.name + "_minibatches", l.minibatches);
        }
        // Headline: the same rows at the same minibatch size (256 rows), where the standard graph is
        // at its fastest; the other pairings are reported next to it.
        m.put("update_graph_sentence_tokens_per_s", b256.tokens / b256.seconds / rowsPerSentenceToken);
        m.put("update_grouped_sentence_tokens_per_s", g256.tokens / g256.seconds / rowsPerSentenceToken);
        m.put("update_speedup_vs_graph", rate(g256) / rate(b256));
        m.put("update_speedup_at_32_rows", rate(g32) / rate(b32));
        m.put("update_speedup_vs_default_b32", rate(g256) / rate(b32));
        m.put("update_load_average_end", MachineInfo.loadAverage());
        if (Sections.enabled()) {
            m.put("update_grouped_sections", Sections.report());
        }
        return m;
    }

    private static double rate(Lane<?> l) {
        return l.tokens / l.seconds;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            out.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return out;
    }

    private static <B> Lane<B> lane(String name, ComputationGraph net, List<B> batches, Function<B, MultiDataSet> build,
                                    Function<B, Long> tokensOf) {
        return new Lane<>(name, net, batches, build, tokensOf);
    }

    /** One path under test: its network, its minibatches (cycled) and what it has done so far. */
    private static final class Lane<B> {
        final String name;
        final ComputationGraph net;
        final List<B> batches;
        final Function<B, MultiDataSet> build;
        final Function<B, Long> tokensOf;
        double seconds;
        double cpuSeconds;
        long tokens;
        int minibatches;

        Lane(String name, ComputationGraph net, List<B> batches, Function<B, MultiDataSet> build, Function<B, Long> tokensOf) {
            this.name = name;
            this.net = net;
            this.batches = batches;
            this.build = build;
            this.tokensOf = tokensOf;
        }

        void warmUp() {
            for (int i = 0; i < Math.min(3, batches.size()); i++) {
                net.fit(build.apply(batches.get(i)));
            }
        }

        void step() {
            B b = batches.get(minibatches % batches.size());
            double cpu0 = MachineInfo.processCpuSeconds();
            long t0 = System.nanoTime();
            net.fit(build.apply(b));
            NativeMemoryReclaimer.SHARED.maybeCollect();
            seconds += (System.nanoTime() - t0) / 1e9;
            cpuSeconds += MachineInfo.processCpuSeconds() - cpu0;
            tokens += tokensOf.apply(b);
            minibatches++;
        }
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
