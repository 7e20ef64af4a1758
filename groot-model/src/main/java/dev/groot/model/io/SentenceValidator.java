package dev.groot.model.io;

import dev.groot.model.data.Example;

import java.util.List;

/** The checks every format shares before a sentence becomes an {@link Example}. */
final class SentenceValidator {

    private final int maxLength;

    SentenceValidator(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Returns the example, or throws {@link InputProblem} naming the first problem. */
    Example example(String id, String source, String split, List<String> tokens, List<String> tags) {
        if (tokens.size() != tags.size()) {
            throw new InputProblem(Problem.LENGTH_MISMATCH, "tokens and tags of different lengths: "
                    + tokens.size() + " tokens but " + tags.size() + " tags");
        }
        if (tokens.isEmpty()) {
            throw new InputProblem(Problem.EMPTY_TOKEN, "sentence with no tokens");
        }
        if (tokens.size() > maxLength) {
            throw new InputProblem(Problem.TOO_LONG, "sentence of " + tokens.size()
                    + " tokens is longer than the maximum " + maxLength + " (--max-length)");
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isBlank()) {
                throw new InputProblem(Problem.EMPTY_TOKEN, "empty token at position " + (i + 1));
            }
            if (tags.get(i).isBlank()) {
                throw new InputProblem(Problem.EMPTY_TAG, "empty tag at position " + (i + 1)
                        + " (token '" + tokens.get(i) + "')");
            }
        }
        return new Example(id, source, split, tokens, tags);
    }
}
