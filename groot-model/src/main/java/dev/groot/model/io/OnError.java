package dev.groot.model.io;

/** What to do with bad input: stop at the first error, or set it aside (quarantine) and go on. */
public enum OnError {
    FAIL,
    SKIP
}
