package dev.groot.model.reward;

import java.io.Serializable;
import java.util.List;

/**
 * Span counts of one (gold, predicted) pair and the precision/recall/F-beta they define.
 * Empty-set rule used everywhere in groot (per sentence and micro-averaged): when a ratio's
 * denominator is zero, the value is 1.0 if both gold and predicted have no spans (nothing to
 * find and nothing wrongly claimed), otherwise 0.0 (conlleval's 0/0 = 0). So precision with no
 * predicted spans but some gold spans is 0, recall with no gold spans but some predicted is 0.
 */
public record SpanCounts(long gold, long predicted, long correct) implements Serializable {

    public static SpanCounts of(List<String> goldTags, List<String> predictedTags) {
        Rewards.checkLengths(goldTags, predictedTags);
        List<Span> g = Spans.extract(goldTags);
        List<Span> p = Spans.extract(predictedTags);
        return new SpanCounts(g.size(), p.size(), Spans.countCorrect(g, p));
    }

    public double precision() {
        return ratio(correct, predicted);
    }

    public double recall() {
        return ratio(correct, gold);
    }

    /** F-beta = (1+b^2) c / (b^2 g + p); beta < 1 favours precision. */
    public double fBeta(double beta) {
        double b2 = beta * beta;
        double denominator = b2 * gold + predicted;
        return denominator == 0 ? ratio(0, 0) : (1 + b2) * correct / denominator;
    }

    private double ratio(long numerator, long denominator) {
        if (denominator == 0) {
            return gold == 0 && predicted == 0 ? 1.0 : 0.0;
        }
        return (double) numerator / denominator;
    }
}
