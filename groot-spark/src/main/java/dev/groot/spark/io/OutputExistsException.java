package dev.groot.spark.io;

/** An output that is already there and may not be replaced (no {@code --overwrite}). */
public class OutputExistsException extends IllegalStateException {

    public OutputExistsException(String path) {
        super("output " + path + " already exists (use --overwrite to replace it)");
    }
}
