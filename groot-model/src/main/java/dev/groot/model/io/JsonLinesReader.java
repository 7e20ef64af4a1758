package dev.groot.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one object per non-blank line, {@code {"id": "...", "tokens": [...], "tags": [...],
 * "split": "train"}} ({@code split} optional; {@code id} a string or an integer).
 */
public final class JsonLinesReader implements CorpusFormatReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReaderConfig config;
    private final SentenceValidator validator;

    public JsonLinesReader(ReaderConfig config) {
        this.config = config;
        this.validator = new SentenceValidator(config.maxLength());
    }

    @Override
    public FileReadResult read(InputStream in, String file) throws IOException {
        String source = CorpusFormatReader.baseName(file);
        List<LocatedExample> examples = new ArrayList<>();
        List<ReadError> rejected = new ArrayList<>();
        int records = 0;
        try (TextLineReader lines = TextLineReader.open(in, file)) {
            while (lines.hasNext()) {
                TextLine line = lines.next();
                if (line.blank()) {
                    continue;
                }
                records++;
                if (!line.ok()) {
                    rejected.add(new ReadError(file, line.number(), line.problem(), line.detail(), line.text()));
                    continue;
                }
                try {
                    examples.add(new LocatedExample(parse(line.text(), source), file, line.number()));
                } catch (InputProblem p) {
                    rejected.add(p.at(file, line.number(), line.text()));
                }
            }
        } catch (ReadException e) {
            return FileReadResult.failed(e.error());
        }
        if (records == 0) {
            return FileReadResult.failed(ReadError.of(file, 0, Problem.EMPTY_FILE, "empty file (no records)"));
        }
        return new FileReadResult(examples, rejected);
    }

    private dev.groot.model.data.Example parse(String text, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputProblem(Problem.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InputProblem(Problem.INVALID_JSON, "invalid JSON: expected an object per line");
        }
        JsonNode idNode = required(node, "id");
        if (!(idNode.isTextual() || idNode.isIntegralNumber())) {
            throw new InputProblem(Problem.WRONG_TYPE, "field 'id' must be a string or an integer, got "
                    + idNode.getNodeType().name().toLowerCase());
        }
        String id = idNode.asText();
        if (id.isBlank()) {
            throw new InputProblem(Problem.MISSING_FIELD, "field 'id' is empty");
        }
        List<String> tokens = strings(node, "tokens");
        List<String> tags = strings(node, "tags");
        JsonNode splitNode = node.get("split");
        String splitField = null;
        if (splitNode != null && !splitNode.isNull()) {
            if (!splitNode.isTextual()) {
                throw new InputProblem(Problem.WRONG_TYPE, "field 'split' must be a string");
            }
            splitField = splitNode.asText();
        }
        String split = config.splitRule().split(source, id, splitField);
        return validator.example(id, source, split, tokens, tags);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InputProblem(Problem.MISSING_FIELD, "missing field '" + field + "'");
        }
        return v;
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isArray()) {
            throw new InputProblem(Problem.WRONG_TYPE, "field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw new InputProblem(Problem.WRONG_TYPE, "field '" + field + "' element " + (i + 1)
                        + " must be a string, got " + e.getNodeType().name().toLowerCase());
            }
            out.add(e.asText());
        }
        return out;
    }
}
