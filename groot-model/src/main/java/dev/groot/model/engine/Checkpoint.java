package dev.groot.model.engine;

/**
 * A stored model.
 *
 * @param location where the store put it (a path for a file store)
 * @param sha256   checksum of the stored bytes, verified when a run resumes
 */
public record Checkpoint(String location, String sha256) {
}
