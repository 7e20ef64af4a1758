package dev.groot.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * CoNLL-style column files: one token per line, whitespace-separated columns, blank lines between
 * sentences, {@code -DOCSTART-} lines ignored (they also end a sentence). The first token line of a
 * file fixes the column count; a line with another count is rejected with its sentence. Ids are
 * {@code <file>:<sentence number>}.
 */
public final class ConllReader implements CorpusFormatReader {

    private final ReaderConfig config;
    private final SentenceValidator validator;

    public ConllReader(ReaderConfig config) {
        this.config = config;
        this.validator = new SentenceValidator(config.maxLength());
    }

    @Override
    public FileReadResult read(InputStream in, String file) throws IOException {
        State s = new State(file);
        try (TextLineReader lines = TextLineReader.open(in, file)) {
            while (lines.hasNext()) {
                TextLine line = lines.next();
                if (line.blank() || (line.ok() && line.text().trim().startsWith("-DOCSTART-"))) {
                    s.finish();
                } else {
                    s.add(line);
                }
            }
            s.finish();
        } catch (ReadException e) {
            return FileReadResult.failed(e.error());
        }
        if (s.sentence == 0) {
            return FileReadResult.failed(ReadError.of(file, 0, Problem.EMPTY_FILE, "empty file (no sentences)"));
        }
        return new FileReadResult(s.examples, s.rejected);
    }

    /** The sentence being collected plus the file-wide column count. */
    private final class State {
        final String file;
        final String source;
        final List<LocatedExample> examples = new ArrayList<>();
        final List<ReadError> rejected = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        final StringBuilder raw = new StringBuilder();
        int columns = -1;
        long columnsLine;
        int sentence;
        long firstLine;
        ReadError problem;

        State(String file) {
            this.file = file;
            this.source = CorpusFormatReader.baseName(file);
        }

        void add(TextLine line) {
            if (tokens.isEmpty() && problem == null && raw.length() == 0) {
                firstLine = line.number();
            }
            if (raw.length() < 400) {
                raw.append(line.text()).append('\n');
            }
            if (problem != null) {
                return;
            }
            if (!line.ok()) {
                problem = new ReadError(file, line.number(), line.problem(), line.detail(), line.text());
                return;
            }
            String[] cols = line.text().trim().split("\\s+");
            if (columns < 0) {
                columns = cols.length;
                columnsLine = line.number();
            }
            int tagCol = config.tagColumn() < 0 ? cols.length + config.tagColumn() : config.tagColumn();
            if (cols.length != columns) {
                problem = new ReadError(file, line.number(), Problem.WRONG_COLUMN_COUNT, "wrong column count: "
                        + cols.length + " columns, expected " + columns + " (as on line " + columnsLine + ")", line.text());
            } else if (cols.length < 2 || tagCol < 0 || tagCol >= cols.length || config.tokenColumn() >= cols.length
                    || tagCol == config.tokenColumn()) {
                problem = new ReadError(file, line.number(), cols.length < 2 ? Problem.TOKEN_WITHOUT_TAG : Problem.WRONG_COLUMN_COUNT,
                        "wrong column count: " + cols.length + " column(s), need token column " + config.tokenColumn()
                                + " and a different tag column " + config.tagColumn(), line.text());
            } else {
                tokens.add(cols[config.tokenColumn()]);
                tags.add(cols[tagCol]);
            }
        }

        void finish() {
            if (tokens.isEmpty() && problem == null) {
                return;
            }
            sentence++;
            String id = source + ":" + sentence;
            if (problem != null) {
                rejected.add(new ReadError(problem.file(), problem.line(), problem.problem(), problem.detail(), raw.toString()));
            } else {
                try {
                    String split = config.splitRule().split(source, id, null);
                    examples.add(new LocatedExample(validator.example(id, source, split, tokens, tags), file, firstLine));
                } catch (InputProblem p) {
                    rejected.add(p.at(file, firstLine, raw.toString()));
                }
            }
            tokens.clear();
            tags.clear();
            raw.setLength(0);
            problem = null;
        }
    }
}
