package dev.groot.spark.bench;

import dev.groot.model.decode.TransitionConstraint;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Beam-K generation throughput, laid out as the Spark job runs it: task slots (threads), each with
 * its own copy of the model (as {@code ExecutorModels} gives every task thread), each decoding its
 * share of the sentences. The production path ({@link TaggerModel#topK} with the decode batch) and
 * the naive rnnTimeStep baseline ({@link TimeStepBeamSearch}) decode the SAME comparison sentences,
 * each over a timed window (whole passes over the set, repeated until the window has passed, after
 * a warm-up of a quarter window), so the ratio compares equal work. Production is also timed on
 * one thread, which shows what the second slot adds, and once over the larger generation set.
 */
public final class GenerationBench {

    private final int threads;
    private final int k;
    private final int beam;
    private final int batchSentences;
    private final double windowSeconds;

    /**
     * @param windowSeconds minimum length of each timed window (the recorded bench uses 20 s)
     */
    public GenerationBench(int threads, int k, int beam, int batchSentences, double windowSeconds) {
        if (threads < 1 || k < 1 || beam < k || batchSentences < 1 || !(windowSeconds > 0)) {
            throw new IllegalArgumentException("need threads >= 1, 1 <= k <= beam, batch >= 1, window > 0; got threads="
                    + threads + " k=" + k + " beam=" + beam + " batch=" + batchSentences + " window=" + windowSeconds);
        }
        this.threads = threads;
        this.k = k;
        this.beam = beam;
        this.batchSentences = batchSentences;
        this.windowSeconds = windowSeconds;
    }

    /**
     * @param sentences  the generation set (production, one pass)
     * @param comparison the sentences both production and the naive baseline decode for the ratio
     */
    public Map<String, Object> run(TaggerModel model, List<List<String>> sentences, List<List<String>> comparison) {
        TransitionConstraint constraint = TransitionConstraint.forModel(model.vocabularies(), true);
        List<TaggerModel> copies = new ArrayList<>();
        List<TimeStepBeamSearch> naive = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            TaggerModel copy = model.withNetwork(model.networkCopy(), model.manifest());
            copies.add(copy);
            naive.add(new TimeStepBeamSearch(copy.networkCopy(), copy.config(), copy.vocabularies()));
        }
        Work production = (slot, part) -> copies.get(slot).topK(part, k, beam, true, batchSentences);
        Work baseline = (slot, part) -> naive.get(slot).topK(part, k, beam, constraint);

        // Warm-up (JIT, buffers), as in a long-running executor: a quarter window, at least one pass.
        long warm0 = System.nanoTime();
        do {
            parallel(comparison, threads, production);
        } while ((System.nanoTime() - warm0) / 1e9 < windowSeconds / 4);
        parallel(comparison.subList(0, Math.min(2 * threads, comparison.size())), threads, baseline);

        Timed prodOne = window(comparison, 1, production);
        Timed prod = window(comparison, threads, production);
        Timed base = window(comparison, threads, baseline);
        Timed full = parallel(sentences, threads, production);

        // Correctness of the comparison: both searches must find the same best sequences.
        int agree = 0;
        for (int i = 0; i < comparison.size(); i++) {
            ScoredSequence a = prod.value().get(i).get(0);
            ScoredSequence b = base.value().get(i).get(0);
            if (a.tags().equals(b.tags()) && Math.abs(a.logProb() - b.logProb()) < 1e-3 * Math.max(1, Math.abs(a.logProb()))) {
                agree++;
            }
        }
        double prodRate = prod.tokensPerSecond();
        double oneRate = prodOne.tokensPerSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation_tokens_per_s", prodRate);
        m.put("generation_speedup_vs_naive", prodRate / base.tokensPerSecond());
        m.put("generation_naive_tokens_per_s", base.tokensPerSecond());
        m.put("generation_one_thread_tokens_per_s", oneRate);
        m.put("generation_threads_over_one", prodRate / oneRate);
        m.put("generation_comparison_sentences", comparison.size());
        m.put("generation_comparison_tokens", tokens(comparison));
        m.put("generation_seconds", prod.seconds());
        m.put("generation_passes", prod.passes());
        m.put("generation_one_thread_seconds", prodOne.seconds());
        m.put("generation_one_thread_passes", prodOne.passes());
        m.put("generation_naive_seconds", base.seconds());
        m.put("generation_naive_passes", base.passes());
        m.put("generation_full_set_sentences", sentences.size());
        m.put("generation_full_set_tokens_per_s", full.tokensPerSecond());
        // Load-independent view: tokens per CPU second of this JVM, and the share of the slots' time it got.
        m.put("generation_tokens_per_cpu_s", prod.tokens() / prod.cpuSeconds());
        m.put("generation_one_thread_tokens_per_cpu_s", prodOne.tokens() / prodOne.cpuSeconds());
        m.put("generation_naive_tokens_per_cpu_s", base.tokens() / base.cpuSeconds());
        m.put("generation_cpu_share", prod.cpuSeconds() / (prod.seconds() * threads));
        m.put("generation_naive_top1_agreement", comparison.isEmpty() ? 1.0 : agree / (double) comparison.size());
        m.put("generation_window_seconds", windowSeconds);
        m.put("generation_threads", threads);
        m.put("generation_beam", beam);
        m.put("generation_k", k);
        m.put("generation_batch_sentences", batchSentences);
        return m;
    }

    /** Whole passes over {@code sentences} until at least the window has passed; the first pass's results. */
    private Timed window(List<List<String>> sentences, int slots, Work work) {
        double cpu0 = MachineInfo.processCpuSeconds();
        long t0 = System.nanoTime();
        Timed first = parallel(sentences, slots, work);
        int passes = 1;
        while ((System.nanoTime() - t0) / 1e9 < windowSeconds) {
            parallel(sentences, slots, work);
            passes++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Timed(first.value(), passes * tokens(sentences), passes, seconds, MachineInfo.processCpuSeconds() - cpu0);
    }

    /** One pass: sentence i goes to slot i % slots (like rows spread over partitions); results in input order. */
    private Timed parallel(List<List<String>> sentences, int slots, Work work) {
        List<List<List<String>>> parts = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < sentences.size(); i++) {
            parts.get(i % slots).add(sentences.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try {
            double cpu0 = MachineInfo.processCpuSeconds();
            long t0 = System.nanoTime();
            List<Future<List<List<ScoredSequence>>>> futures = new ArrayList<>();
            for (int s = 0; s < slots; s++) {
                int slot = s;
                futures.add(pool.submit(() -> work.decode(slot, parts.get(slot))));
            }
            List<List<List<ScoredSequence>>> results = new ArrayList<>();
            for (Future<List<List<ScoredSequence>>> f : futures) {
                results.add(f.get());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = MachineInfo.processCpuSeconds() - cpu0;
            List<List<ScoredSequence>> ordered = new ArrayList<>(sentences.size());
            for (int i = 0; i < sentences.size(); i++) {
                ordered.add(results.get(i % slots).get(i / slots));
            }
            return new Timed(ordered, tokens(sentences), 1, seconds, cpu);
        } catch (Exception e) {
            throw new IllegalStateException("generation benchmark failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    static long tokens(List<List<String>> sentences) {
        long n = 0;
        for (List<String> s : sentences) {
            n += s.size();
        }
        return n;
    }

    /** One slot's decoding of its part of the sentences. */
    private interface Work {
        List<List<ScoredSequence>> decode(int slot, List<List<String>> part);
    }

    private record Timed(List<List<ScoredSequence>> value, long tokens, int passes, double seconds, double cpuSeconds) {
        double tokensPerSecond() {
            return tokens / seconds;
        }
    }
}
