package dev.groot.model.io;

/** Thrown when bad input stops a read under {@code --on-error fail}; the message names file, line, problem. */
public class ReadException extends RuntimeException {

    private final transient ReadError error;

    public ReadException(ReadError error) {
        super(error.message());
        this.error = error;
    }

    public ReadError error() {
        return error;
    }
}
