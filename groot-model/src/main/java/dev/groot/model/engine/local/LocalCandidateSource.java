package dev.groot.model.engine.local;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.engine.CandidateSource;
import dev.groot.model.engine.GeneratedCandidates;
import dev.groot.model.engine.GrootMethod;
import dev.groot.model.engine.GrootStep;
import dev.groot.model.engine.HeldOutCandidates;
import dev.groot.model.engine.StepSettings;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.List;

/** Runs {@link GrootStep} over the training examples in this JVM. */
public final class LocalCandidateSource implements CandidateSource<List<Candidate>> {

    private final List<Example> train;
    private final StepSettings settings;
    private final GrootMethod method;
    private final HeldOutCandidates heldOut;

    public LocalCandidateSource(List<Example> train, StepSettings settings, GrootMethod method) {
        this(train, settings, method, null);
    }

    /** @param heldOut cross-fitted candidates added to every sentence's beam (null = none) */
    public LocalCandidateSource(List<Example> train, StepSettings settings, GrootMethod method,
                                HeldOutCandidates heldOut) {
        this.train = List.copyOf(train);
        this.settings = settings;
        this.method = method;
        this.heldOut = heldOut;
    }

    @Override
    public GeneratedCandidates<List<Candidate>> generate(TaggerModel model, int iteration) {
        List<Candidate> out = new ArrayList<>();
        long[] dropped = {0};
        new GrootStep(model, settings.forIteration(iteration), method).onInvalidDropped(n -> dropped[0] += n)
                .withHeldOut(heldOut).apply(train.iterator()).forEachRemaining(out::add);
        List<Candidate> all = List.copyOf(out);
        return new GeneratedCandidates<>() {
            @Override
            public List<Candidate> candidates() {
                return all;
            }

            @Override
            public long rows() {
                return all.size();
            }

            @Override
            public long droppedInvalid() {
                return dropped[0];
            }

            @Override
            public void close() {
                // nothing held beyond the list itself
            }
        };
    }
}
