package dev.groot.model.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Feeds text or raw bytes to a reader under a display name. */
final class ReadersTestSupport {

    private ReadersTestSupport() {
    }

    static FileReadResult read(ReaderConfig config, String file, String text) {
        return read(config, file, text.getBytes(StandardCharsets.UTF_8));
    }

    static FileReadResult read(ReaderConfig config, String file, byte[] bytes) {
        try {
            return config.format().reader(config).read(new ByteArrayInputStream(bytes), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
