package dev.groot.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Brown tagged format: one sentence per non-blank line, whitespace-separated {@code word/tag}
 * tokens, the tag after the LAST slash (words may contain '/'). Example ids are
 * {@code <file>:<sentence number>}, the split comes from the file number (or the configured rule),
 * and the tags are mapped by the configured {@link BrownTask}.
 */
public final class BrownReader implements CorpusFormatReader {

    private final ReaderConfig config;
    private final SentenceValidator validator;

    public BrownReader(ReaderConfig config) {
        this.config = config;
        this.validator = new SentenceValidator(config.maxLength());
    }

    @Override
    public FileReadResult read(InputStream in, String file) throws IOException {
        String source = CorpusFormatReader.baseName(file);
        List<LocatedExample> examples = new ArrayList<>();
        List<ReadError> rejected = new ArrayList<>();
        int sentence = 0;
        try (TextLineReader lines = TextLineReader.open(in, file)) {
            while (lines.hasNext()) {
                TextLine line = lines.next();
                if (line.blank()) {
                    continue;
                }
                sentence++;
                String id = source + ":" + sentence;
                if (!line.ok()) {
                    rejected.add(new ReadError(file, line.number(), line.problem(), line.detail(), line.text()));
                    continue;
                }
                try {
                    examples.add(new LocatedExample(parse(line.text(), id, source), file, line.number()));
                } catch (InputProblem p) {
                    rejected.add(p.at(file, line.number(), line.text()));
                }
            }
        } catch (ReadException e) {
            return FileReadResult.failed(e.error());
        }
        if (sentence == 0) {
            return FileReadResult.failed(ReadError.of(file, 0, Problem.EMPTY_FILE, "empty file (no sentences)"));
        }
        return new FileReadResult(examples, rejected);
    }

    private dev.groot.model.data.Example parse(String text, String id, String source) {
        String[] parts = text.trim().split("\\s+");
        List<String> tokens = new ArrayList<>(parts.length);
        List<String> brownTags = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int slash = p.lastIndexOf('/');
            if (slash < 0 || slash == p.length() - 1) {
                throw new InputProblem(Problem.TOKEN_WITHOUT_TAG, "token without tag: '" + p
                        + "' at position " + (i + 1) + " (expected word/tag)");
            }
            if (slash == 0) {
                throw new InputProblem(Problem.EMPTY_TOKEN, "empty token: '" + p + "' at position " + (i + 1));
            }
            tokens.add(p.substring(0, slash));
            brownTags.add(p.substring(slash + 1));
        }
        String split = config.splitRule().split(source, id, null);
        return validator.example(id, source, split, tokens, config.task().tags(brownTags));
    }
}
