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
import java.util.function.BiFunction;

/**
 * Beam-K generation throughput, laid out as the Spark job runs it: {@code threads} task slots, each
 * with its own copy of the model (as {@code ExecutorModels} gives every task thread), each decoding
 * its share of the sentences in batches of {@code batchSentences}. The production path
 * ({@link TaggerModel#topK}) and the naive rnnTimeStep baseline ({@link TimeStepBeamSearch}) run on
 * the same machine in the same run; the baseline on a subset (it is slow), in tokens/s.
 */
public final class GenerationBench {

    private final int threads;
    private final int k;
    private final int beam;
    private final int batchSentences;

    public GenerationBench(int threads, int k, int beam, int batchSentences) {
        this.threads = threads;
        this.k = k;
        this.beam = beam;
        this.batchSentences = batchSentences;
    }

    public Map<String, Object> run(TaggerModel model, List<List<String>> sentences, List<List<String>> naiveSentences) {
        TransitionConstraint constraint = TransitionConstraint.forModel(model.vocabularies(), true);
        List<TaggerModel> copies = new ArrayList<>();
        List<TimeStepBeamSearch> naive = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            TaggerModel copy = model.withNetwork(model.networkCopy(), model.manifest());
            copies.add(copy);
            naive.add(new TimeStepBeamSearch(copy.networkCopy(), copy.config(), copy.vocabularies()));
        }
        // Warm-up (JIT, native workspaces) on a few sentences, as a long-running executor would be.
        List<List<String>> warm = sentences.subList(0, Math.min(32, sentences.size()));
        parallel(warm, (slot, part) -> copies.get(slot).topK(part, k, beam));
        parallel(naiveSentences.subList(0, Math.min(2, naiveSentences.size())),
                (slot, part) -> naive.get(slot).topK(part, k, beam, constraint));

        Timed<List<List<ScoredSequence>>> prod = parallel(sentences, (slot, part) -> {
            List<List<ScoredSequence>> out = new ArrayList<>(part.size());
            for (int from = 0; from < part.size(); from += batchSentences) {
                out.addAll(copies.get(slot).topK(part.subList(from, Math.min(part.size(), from + batchSentences)), k, beam));
            }
            return out;
        });
        Timed<List<List<ScoredSequence>>> base = parallel(naiveSentences,
                (slot, part) -> naive.get(slot).topK(part, k, beam, constraint));
        // Correctness of the comparison: both searches must find the same best sequences.
        List<List<ScoredSequence>> prodOnNaive = copies.get(0).topK(naiveSentences, k, beam);
        int agree = 0;
        for (int i = 0; i < naiveSentences.size(); i++) {
            ScoredSequence a = prodOnNaive.get(i).get(0);
            ScoredSequence b = base.value().get(i).get(0);
            if (a.tags().equals(b.tags()) && Math.abs(a.logProb() - b.logProb()) < 1e-3 * Math.max(1, Math.abs(a.logProb()))) {
                agree++;
            }
        }
        long prodTokens = tokens(sentences);
        long naiveTokens = tokens(naiveSentences);
        double prodRate = prodTokens / prod.seconds();
        double naiveRate = naiveTokens / base.seconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation_tokens_per_s", prodRate);
        m.put("generation_speedup_vs_naive", prodRate / naiveRate);
        m.put("generation_naive_tokens_per_s", naiveRate);
        m.put("generation_sentences", sentences.size());
        m.put("generation_tokens", prodTokens);
        m.put("generation_seconds", prod.seconds());
        m.put("generation_naive_sentences", naiveSentences.size());
        m.put("generation_naive_tokens", naiveTokens);
        m.put("generation_naive_seconds", base.seconds());
        // Load-independent view: tokens per CPU second of this JVM, and the share of the slots' time it got.
        m.put("generation_tokens_per_cpu_s", prodTokens / prod.cpuSeconds());
        m.put("generation_naive_tokens_per_cpu_s", naiveTokens / base.cpuSeconds());
        m.put("generation_cpu_share", prod.cpuSeconds() / (prod.seconds() * threads));
        m.put("generation_naive_top1_agreement", naiveSentences.isEmpty() ? 1.0 : agree / (double) naiveSentences.size());
        m.put("generation_threads", threads);
        m.put("generation_beam", beam);
        m.put("generation_k", k);
        m.put("generation_batch_sentences", batchSentences);
        return m;
    }

    /** Sentence i goes to slot i % threads (like rows spread over partitions); results in input order. */
    private <T> Timed<List<T>> parallel(List<List<String>> sentences, BiFunction<Integer, List<List<String>>, List<T>> work) {
        List<List<List<String>>> parts = new ArrayList<>();
        for (int s = 0; s < threads; s++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < sentences.size(); i++) {
            parts.get(i % threads).add(sentences.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double cpu0 = MachineInfo.processCpuSeconds();
            long t0 = System.nanoTime();
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int s = 0; s < threads; s++) {
                int slot = s;
                futures.add(pool.submit(() -> work.apply(slot, parts.get(slot))));
            }
            List<List<T>> results = new ArrayList<>();
            for (Future<List<T>> f : futures) {
                results.add(f.get());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = MachineInfo.processCpuSeconds() - cpu0;
            List<T> ordered = new ArrayList<>(sentences.size());
            for (int i = 0; i < sentences.size(); i++) {
                ordered.add(results.get(i % threads).get(i / threads));
            }
            return new Timed<>(ordered, seconds, cpu);
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

    record Timed<T>(T value, double seconds, double cpuSeconds) {
    }
}
