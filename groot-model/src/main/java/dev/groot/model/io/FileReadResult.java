package dev.groot.model.io;

import java.io.Serializable;
import java.util.List;

/** What reading one file gave: the good examples in file order and the rejected records. */
public record FileReadResult(List<LocatedExample> examples, List<ReadError> rejected) implements Serializable {

    public FileReadResult {
        examples = List.copyOf(examples);
        rejected = List.copyOf(rejected);
    }

    public static FileReadResult failed(ReadError error) {
        return new FileReadResult(List.of(), List.of(error));
    }
}
