package dev.groot.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.model.data.Example;
import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.eval.PairedBootstrap;
import dev.groot.model.inference.Decoding;
import dev.groot.model.eval.RewardMetrics;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.RewardApplicability;
import dev.groot.model.reward.Rewards;
import dev.groot.model.reward.Spans;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.executor.SentencePrediction;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code groot compare}: the acceptance figures of a GROOT run (issue 4). The NLL model
 * (iteration 0) and the best iteration's model (or a chosen one) are decoded on dev and test; for each: the corpus
 * top-1 reward, per-rank rewards (all sentences and sentences with a gold span), mean reward over
 * the top k, oracle@k; and the GROOT-minus-NLL gains with paired bootstrap 95% intervals over
 * sentences (corpus-level metrics are recomputed on every resample). With {@code --decode mbr} or
 * {@code both}, {@code reward_aware} adds MAP vs MBR top-1 of both models for every MBR reward, with
 * intervals, and the calibration of both models (see {@link MbrComparison}). With a control run
 * ({@code --objective nll}, same start and data), {@code gains_vs_control} has the shape of
 * {@code gains} for GROOT's compared iteration minus the control's best-on-dev iteration.
 */
public final class CompareJob {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompareJob() {
    }

    /** @param iteration the committed iteration to compare with iteration 0; null = the run's best */
    public static Map<String, Object> run(SparkSession spark, String runDir, String data, String task, int k,
                                          int beam, int resamples, Integer iteration, String output,
                                          Consumer<String> out) {
        return run(spark, runDir, data, task, k, beam, resamples, iteration, output, out, DecodeOptions.MAP);
    }

    /** @param decode --decode map (figures above only), mbr or both (adds {@code reward_aware}) */
    public static Map<String, Object> run(SparkSession spark, String runDir, String data, String task, int k,
                                          int beam, int resamples, Integer iteration, String output,
                                          Consumer<String> out, DecodeOptions decoding) {
        return run(spark, runDir, null, data, task, k, beam, resamples, iteration, output, out, decoding);
    }

    /**
     * @param controlRun a control run ({@code --objective nll}) from the same starting model on the same
     *                   data, or null; adds {@code gains_vs_control}: GROOT's compared iteration vs
     *                   the control's best iteration on dev (each run's own selection rule)
     */
    public static Map<String, Object> run(SparkSession spark, String runDir, String controlRun, String data,
                                          String task, int k, int beam, int resamples, Integer iteration,
                                          String output, Consumer<String> out, DecodeOptions decoding) {
        return run(spark, runDir, controlRun, data, task, k, beam, resamples, iteration, output, out, decoding,
                CompareScope.DEFAULT);
    }

    /** @param scope the splits to decode and the control's iteration (see {@link CompareScope}) */
    public static Map<String, Object> run(SparkSession spark, String runDir, String controlRun, String data,
                                          String task, int k, int beam, int resamples, Integer iteration,
                                          String output, Consumer<String> out, DecodeOptions decoding,
                                          CompareScope scope) {
        List<String> splits = scope.splits();
        boolean rewardAware = switch (decoding.method()) {
            case Decoding.MAP -> false;
            case Decoding.MBR, "both" -> true;
            default -> throw new IllegalArgumentException("compare: --decode must be map, mbr or both, got '"
                    + decoding.method() + "'");
        };
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ComparedRun groot = ComparedRun.open(runDir, iteration, conf);
        RunManifest m = groot.manifest();
        String rewardSpec = m.options().get("reward");
        Reward reward = Rewards.validate(Rewards.parse(rewardSpec));
        boolean bio = Boolean.parseBoolean(m.options().getOrDefault("constrain_bio", "true"));
        TaggerModel nll = groot.model(0, conf);
        RewardApplicability.check(reward, nll.vocabularies().tags(), "the model of " + runDir);
        int compared = groot.chosen();
        TaggerModel compareModel = groot.model(compared, conf);
        ComparedRun control = null;
        TaggerModel controlModel = null;
        if (controlRun != null) {
            control = ComparedRun.open(controlRun, scope.controlIteration(), conf);
            control.checkControlOf(groot, nll, control.model(0, conf));
            controlModel = control.model(control.chosen(), conf);
        }
        List<Reward> mbrRewards = rewardAware ? decoding.rewards(reward, nll.vocabularies().tags(), "the model of " + runDir)
                : List.of();

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("task", task);
        root.put("reward", reward.name());
        root.put("run", runDir);
        root.put("run_id", m.runId());
        root.put("best_iteration", m.bestIteration());
        root.put("compared_iteration", compared);
        root.put("options", groot.options());
        root.put("k", k);
        root.put("splits", splits);

        Map<String, Object> gains = new LinkedHashMap<>();
        Map<String, Object> gainsVsControl = new LinkedHashMap<>();
        Map<String, Map<String, Object>> figuresControl = new LinkedHashMap<>();
        Map<String, Object> rewardAwareFigures = new LinkedHashMap<>();
        Map<String, Map<String, Object>> figures0 = new LinkedHashMap<>();
        Map<String, Map<String, Object>> figuresCompared = new LinkedHashMap<>();
        for (String split : splits) {
            JavaRDD<Example> examples = ExampleData.split(ExampleData.read(spark, data), split, 0, 0)
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            if (examples.isEmpty()) {
                out.accept(split + ": no examples in " + data + ", skipped");
                examples.unpersist();
                continue;
            }
            DevEvaluation decode = new DevEvaluation(JavaSparkContext.fromSparkContext(spark.sparkContext()), examples,
                    List.of(reward), k, Math.max(beam, k), bio, 256);
            out.accept("decoding " + split + " with the NLL model (iteration 0) and the model of iteration "
                    + compared);
            List<SentencePrediction> base = sorted(decode.predictions(nll));
            List<SentencePrediction> system = sorted(decode.predictions(compareModel));
            checkPaired(split, base, system, "the NLL model", "the compared model");
            List<SentencePrediction> controlled = null;
            if (controlModel != null) {
                out.accept("decoding " + split + " with the control's model of iteration " + control.chosen());
                controlled = sorted(decode.predictions(controlModel));
                checkPaired(split, controlled, system, "the control model", "the compared model");
            }
            examples.unpersist();
            SplitFigures b = SplitFigures.of(base, reward, k);
            SplitFigures s = SplitFigures.of(system, reward, k);
            figures0.put(split, b.toMap());
            figuresCompared.put(split, s.toMap());

            Gain gain = Gain.of(b, s, reward, k, resamples);
            PairedBootstrap.Interval top1 = gain.top1();
            PairedBootstrap.Interval meanTop = gain.meanTop();
            gains.put(split, gain.toMap(k, b.top1.length));
            if (controlled != null) {
                SplitFigures c = SplitFigures.of(controlled, reward, k);
                figuresControl.put(split, c.toMap());
                Gain vs = Gain.of(c, s, reward, k, resamples);
                gainsVsControl.put(split, vs.toMap(k, c.top1.length));
                out.accept(String.format("%s vs control: top-1 %.4f -> %.4f (delta %+.4f, 95%% CI [%+.4f, %+.4f]); mean "
                                + "top-%d delta %+.4f (CI [%+.4f, %+.4f])", split, c.top1Reward, s.top1Reward,
                        vs.top1().delta(), vs.top1().lo(), vs.top1().hi(), k, vs.meanTop().delta(), vs.meanTop().lo(),
                        vs.meanTop().hi()));
            }
            if (rewardAware) {
                Map<String, Object> f = MbrComparison.split(base, system, mbrRewards, decoding.temperature(), reward,
                        new PairedBootstrap(resamples, 20221001L));
                rewardAwareFigures.put(split, f);
                MbrComparison.lines(split, f).forEach(out);
            }
            out.accept(String.format("%s: top-1 %.4f -> %.4f (delta %+.4f, 95%% CI [%+.4f, %+.4f]); mean top-%d %.4f -> %.4f "
                            + "(delta %+.4f, CI [%+.4f, %+.4f])", split, b.top1Reward, s.top1Reward, top1.delta(),
                    top1.lo(), top1.hi(), k, b.meanOfMeanTopK(), s.meanOfMeanTopK(), meanTop.delta(), meanTop.lo(),
                    meanTop.hi()));
        }

        List<Object> iterations = new ArrayList<>();
        for (IterationRecord r : m.iterations()) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("iteration", r.iteration());
            if (r.iteration() == 0 || r.iteration() == compared) {
                Map<String, Map<String, Object>> figures = r.iteration() == 0 ? figures0 : figuresCompared;
                figures.forEach(it::put);
            } else {
                it.put("dev", fromManifest(r, reward.name(), k));
            }
            it.put("seconds", r.seconds());
            iterations.add(it);
        }
        if (compared == 0) {
            root.put("note", "the compared iteration is the NLL model itself");
        }
        root.put("aggregation", aggregation(reward, k));
        root.put("iterations", iterations);
        root.put("gains", gains);
        if (control != null) {
            root.put("selection", "each run's iteration with the highest dev top-1 " + reward.name()
                    + " committed during training (the earliest on ties)"
                    + (iteration == null ? "" : "; the GROOT iteration was set with --iteration")
                    + (scope.controlIteration() == null ? "" : "; the control's iteration was set with --control-iteration"));
            Map<String, Object> c = control.describe();
            c.putAll(figuresControl);
            root.put("control", c);
            root.put("gains_vs_control", gainsVsControl);
        }
        if (rewardAware) {
            Map<String, Object> ra = new LinkedHashMap<>();
            ra.put("decoding", List.of(Decoding.MAP, Decoding.MBR));
            ra.put("mbr_rewards", mbrRewards.stream().map(Reward::name).toList());
            ra.put("mbr_temperature", decoding.temperature());
            Map<String, Object> models = new LinkedHashMap<>();
            models.put("nll", "iteration 0");
            models.put("groot", "iteration " + compared);
            ra.put("models", models);
            ra.putAll(rewardAwareFigures);
            root.put("reward_aware", ra);
        }
        if (output != null) {
            try {
                SmallFiles.writeAtomically(new Path(output), JSON.writeValueAsBytes(root), conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /**
     * Names the aggregation of every figure in the file: the top-1 value (and its gains) is the
     * reward's corpus value, micro-averaged for the built-ins; the top-k figures are means over sentences.
     */
    static Map<String, String> aggregation(Reward reward, int k) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("top1_reward", RewardMetrics.aggregation(reward));
        a.put("gains.top1", RewardMetrics.aggregation(reward));
        a.put("mean_reward_top" + k, RewardMetrics.PER_SENTENCE_MEAN);
        a.put("gains.mean_top" + k, RewardMetrics.PER_SENTENCE_MEAN);
        a.put("oracle_at" + k, RewardMetrics.PER_SENTENCE_MEAN);
        a.put("reward_at_rank", RewardMetrics.PER_SENTENCE_MEAN);
        a.put("reward_at_rank_gold_spans", RewardMetrics.PER_SENTENCE_MEAN + " (sentences with a gold span)");
        a.put("reward_aware.top1", "per MBR reward: its own aggregation, named there");
        return a;
    }

    /** Dev figures of an iteration that was not re-decoded, from the metrics it committed. */
    private static Map<String, Object> fromManifest(IterationRecord r, String reward, int k) {
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, Double> d = r.devMetrics();
        f.put("top1_reward", d.get("top1/" + reward));
        f.put("mean_reward_top" + k, d.get("mean_reward_top_k/" + reward + "@" + k));
        f.put("oracle_at" + k, d.get("oracle_at_k/" + reward + "@" + k));
        List<Double> ranks = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            ranks.add(d.get("mean_reward_at_k/" + reward + "@" + i));
        }
        f.put("reward_at_rank", ranks);
        f.put("source", "committed dev metrics (decoded during training with the run's K)");
        return f;
    }

    private static Map<String, Object> interval(PairedBootstrap.Interval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delta", i.delta());
        m.put("ci95", List.of(i.lo(), i.hi()));
        m.put("excludes_zero", i.excludesZero());
        return m;
    }

    static void checkPaired(String split, List<SentencePrediction> base, List<SentencePrediction> system) {
        checkPaired(split, base, system, "the NLL model", "the compared model");
    }

    /** The bootstrap pairs two models sentence by sentence: position i must be the same sentence in both. */
    static void checkPaired(String split, List<SentencePrediction> base, List<SentencePrediction> system,
                            String baseName, String systemName) {
        if (base.size() != system.size()) {
            throw new IllegalStateException(split + ": " + baseName + " decoded " + base.size()
                    + " sentences but " + systemName + " " + system.size() + "; they cannot be paired");
        }
        for (int i = 0; i < base.size(); i++) {
            String a = base.get(i).id();
            String b = system.get(i).id();
            if (!a.equals(b)) {
                throw new IllegalStateException(split + ": pair " + i + " holds sentence " + a + " of " + baseName
                        + " and " + b + " of " + systemName + "; paired figures need the same sentence on both sides");
            }
        }
    }

    /** One system-minus-base gain: top-1 reward and mean reward over the top k, with paired bootstrap intervals. */
    record Gain(PairedBootstrap.Interval top1, PairedBootstrap.Interval meanTop) {
        static Gain of(SplitFigures base, SplitFigures system, Reward reward, int k, int resamples) {
            PairedBootstrap bootstrap = new PairedBootstrap(resamples, 20221001L);
            PairedBootstrap.Interval top1 = RewardMetrics.isCorpusLevel(reward)
                    ? bootstrap.microDifference(base.counts, system.counts,
                    c -> RewardMetrics.corpusValue(reward, c, Double.NaN))
                    : bootstrap.meanDifference(base.top1, system.top1);
            return new Gain(top1, bootstrap.meanDifference(base.meanTopK, system.meanTopK));
        }

        Map<String, Object> toMap(int k, int sentences) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("top1", interval(top1));
            g.put("mean_top" + k, interval(meanTop));
            g.put("sentences", sentences);
            return g;
        }
    }

    private static List<SentencePrediction> sorted(List<SentencePrediction> p) {
        List<SentencePrediction> copy = new ArrayList<>(p);
        copy.sort(Comparator.comparing(SentencePrediction::id));
        return copy;
    }

    /** Per-sentence figures of one model on one split. */
    static final class SplitFigures {
        final List<CorpusMetrics> counts = new ArrayList<>();
        double[] top1;
        double[] meanTopK;
        double[] oracle;
        double[][] byRank;
        boolean[] hasGoldSpan;
        double top1Reward;
        int k;

        static SplitFigures of(List<SentencePrediction> predictions, Reward reward, int k) {
            SplitFigures f = new SplitFigures();
            int n = predictions.size();
            f.k = k;
            f.top1 = new double[n];
            f.meanTopK = new double[n];
            f.oracle = new double[n];
            f.byRank = new double[n][];
            f.hasGoldSpan = new boolean[n];
            CorpusMetrics total = new CorpusMetrics();
            for (int i = 0; i < n; i++) {
                SentencePrediction p = predictions.get(i);
                List<ScoredSequence> top = p.topK();
                f.counts.add(CorpusMetrics.of(p.gold(), top.get(0).tags()));
                total.merge(CorpusMetrics.of(p.gold(), top.get(0).tags()));
                double[] r = new double[Math.min(k, top.size())];
                double sum = 0;
                double max = 0;
                for (int j = 0; j < r.length; j++) {
                    r[j] = reward.score(p.gold(), top.get(j).tags());
                    sum += r[j];
                    max = Math.max(max, r[j]);
                }
                f.byRank[i] = r;
                f.top1[i] = r[0];
                f.meanTopK[i] = sum / r.length;
                f.oracle[i] = max;
                f.hasGoldSpan[i] = !Spans.extract(p.gold()).isEmpty();
            }
            f.top1Reward = RewardMetrics.corpusValue(reward, total, mean(f.top1));
            return f;
        }

        double meanOfMeanTopK() {
            return mean(meanTopK);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("top1_reward", top1Reward);
            m.put("mean_reward_top" + k, mean(meanTopK));
            m.put("oracle_at" + k, mean(oracle));
            m.put("reward_at_rank", rankMeans(false));
            m.put("reward_at_rank_gold_spans", rankMeans(true));
            m.put("sentences", top1.length);
            m.put("sentences_with_gold_spans", countTrue(hasGoldSpan));
            return m;
        }

        private List<Double> rankMeans(boolean goldSpansOnly) {
            List<Double> out = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < byRank.length; i++) {
                    if ((!goldSpansOnly || hasGoldSpan[i]) && byRank[i].length > j) {
                        sum += byRank[i][j];
                        n++;
                    }
                }
                out.add(n == 0 ? Double.NaN : sum / n);
            }
            return out;
        }

        private static int countTrue(boolean[] b) {
            int n = 0;
            for (boolean x : b) {
                n += x ? 1 : 0;
            }
            return n;
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return v.length == 0 ? Double.NaN : s / v.length;
        }
    }
}
