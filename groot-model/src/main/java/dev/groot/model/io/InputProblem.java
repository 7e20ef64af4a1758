package dev.groot.model.io;

/**
 * A problem found in one record before its location is known (split rules, validation); the reader
 * that catches it adds file and line and turns it into a {@link ReadError}.
 */
public class InputProblem extends RuntimeException {

    private final Problem problem;

    public InputProblem(Problem problem, String detail) {
        super(detail, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public ReadError at(String file, long line, String record) {
        return new ReadError(file, line, problem, getMessage(), record);
    }
}
