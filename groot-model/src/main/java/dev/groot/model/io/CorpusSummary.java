package dev.groot.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groot.model.data.Example;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over an ingested corpus: sentences, tokens, labelled spans (only for BIO tag sets, else
 * 0), tag frequencies, per-split sizes and rejections by problem. Mergeable, so Spark can build it
 * per partition and combine.
 */
public final class CorpusSummary implements Serializable {

    private long sentences;
    private long tokens;
    private long spans;
    private boolean bio = true;
    private final TreeMap<String, Long> tags = new TreeMap<>();
    private final TreeMap<String, long[]> splits = new TreeMap<>();
    private final TreeMap<String, Long> rejectedByProblem = new TreeMap<>();

    public CorpusSummary add(Example e) {
        long s = BioSpans.count(e.tags());
        sentences++;
        tokens += e.length();
        spans += s;
        for (String t : e.tags()) {
            tags.merge(t, 1L, Long::sum);
            bio &= BioSpans.isBioTag(t);
        }
        long[] sp = splits.computeIfAbsent(e.split(), k -> new long[3]);
        sp[0]++;
        sp[1] += e.length();
        sp[2] += s;
        return this;
    }

    public CorpusSummary reject(Problem problem, long count) {
        rejectedByProblem.merge(problem.key(), count, Long::sum);
        return this;
    }

    public CorpusSummary merge(CorpusSummary o) {
        sentences += o.sentences;
        tokens += o.tokens;
        spans += o.spans;
        bio &= o.bio;
        o.tags.forEach((k, v) -> tags.merge(k, v, Long::sum));
        o.splits.forEach((k, v) -> {
            long[] sp = splits.computeIfAbsent(k, x -> new long[3]);
            for (int i = 0; i < 3; i++) {
                sp[i] += v[i];
            }
        });
        o.rejectedByProblem.forEach((k, v) -> rejectedByProblem.merge(k, v, Long::sum));
        return this;
    }

    public static CorpusSummary of(List<Example> examples) {
        CorpusSummary s = new CorpusSummary();
        examples.forEach(s::add);
        return s;
    }

    public long sentences() {
        return sentences;
    }

    public long tokens() {
        return tokens;
    }

    /** Labelled spans; 0 unless every tag is O, B-X or I-X. */
    public long spans() {
        return bio ? spans : 0;
    }

    public Map<String, Long> tags() {
        return tags;
    }

    public long rejected() {
        return rejectedByProblem.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> rejectedByProblem() {
        return rejectedByProblem;
    }

    /** split -> {sentences, tokens, spans}. */
    public Map<String, long[]> splits() {
        return splits;
    }

    /** The {@code _summary.json} document; {@code extra} fields (input, format, ...) come first. */
    public String toJson(Map<String, ?> extra) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        extra.forEach((k, v) -> root.set(k, m.valueToTree(v)));
        root.put("sentences", sentences);
        root.put("tokens", tokens);
        root.put("spans", spans());
        root.put("tag_count", tags.size());
        ObjectNode sp = root.putObject("splits");
        splits.forEach((k, v) -> {
            ObjectNode n = sp.putObject(k);
            n.put("sentences", v[0]);
            n.put("tokens", v[1]);
            n.put("spans", bio ? v[2] : 0);
        });
        root.put("rejected", rejected());
        ObjectNode rj = root.putObject("rejected_by_problem");
        rejectedByProblem.forEach(rj::put);
        ObjectNode tg = root.putObject("tags");
        tags.forEach(tg::put);
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
