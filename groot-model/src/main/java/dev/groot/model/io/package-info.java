/**
 * Corpus readers: the Brown tagged format (tasks brown-pos and brown-title), CoNLL column files and
 * JSON Lines, turned into canonical {@link dev.groot.model.data.Example}s. Also split rules, the
 * rejection record ({@link dev.groot.model.io.ReadError}) that names file, line and problem, and
 * the corpus summary. No Spark here: readers take an InputStream plus a display name, or a Hadoop
 * {@code FileSystem} path, so they are testable on their own. {@link dev.groot.model.io.AtomicFiles}
 * is the one atomic whole-file write (temporary sibling, hsync, rename) every single-file output uses.
 */
package dev.groot.model.io;
