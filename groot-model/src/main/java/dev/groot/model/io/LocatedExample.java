package dev.groot.model.io;

import dev.groot.model.data.Example;

import java.io.Serializable;

/** An example with the file and line it starts on, kept so later checks (duplicate ids) can point at it. */
public record LocatedExample(Example example, String file, long line) implements Serializable {
}
