package dev.groot.spark.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zeppelin 0.10 note (.zpln) as the tests see it: its paragraphs, note forms and paragraph
 * forms, and Zeppelin's simple-template form substitution ({@code $${note_form=default}},
 * {@code ${paragraph_form=default}}) so the SQL can run outside Zeppelin.
 */
record ZeppelinNote(Path file, String name, Map<String, String> noteForms, List<Paragraph> paragraphs) {

    /** A form reference in paragraph text: $$ = note scope, $ = paragraph scope. */
    static final Pattern FORM = Pattern.compile("(\\$\\$|\\$)\\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?}");

    private static final ObjectMapper JSON = new ObjectMapper();

    record Paragraph(String id, String title, String text, Map<String, String> forms, JsonNode graph) {

        /** The interpreter, e.g. {@code %spark.sql} (first token of the text). */
        String interpreter() {
            return text.strip().split("\\s", 2)[0];
        }

        /** The text after the interpreter line. */
        String body() {
            int nl = text.indexOf('\n');
            return nl < 0 ? "" : text.substring(nl + 1);
        }

        /** Form name -> (scope, default as written in the text) for every reference in the text. */
        List<String[]> formReferences() {
            List<String[]> out = new ArrayList<>();
            Matcher m = FORM.matcher(text);
            while (m.find()) {
                out.add(new String[]{m.group(1), m.group(2), m.group(3)});
            }
            return out;
        }
    }

    static ZeppelinNote read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not JSON: " + e.getMessage(), e);
        }
        require(file, root.path("paragraphs").isArray(), "no paragraphs array");
        require(file, root.path("name").isTextual(), "no name");
        require(file, root.path("id").isTextual(), "no id");
        List<Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode p : root.get("paragraphs")) {
            require(file, p.path("text").isTextual() && p.path("id").isTextual(), "a paragraph without id or text");
            paragraphs.add(new Paragraph(p.get("id").asText(), p.path("title").asText(""), p.get("text").asText(),
                    defaults(p.path("settings").path("forms")), p.path("config").path("results").path("0").path("graph")));
        }
        return new ZeppelinNote(file, root.get("name").asText(), defaults(root.path("noteForms")), paragraphs);
    }

    /** The paragraph's SQL with note and paragraph forms replaced: given values first, else the written default. */
    static String substitute(String text, Map<String, String> values) {
        Matcher m = FORM.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(2), m.group(3) == null ? "" : m.group(3));
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Map<String, String> defaults(JsonNode forms) {
        Map<String, String> out = new LinkedHashMap<>();
        forms.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("defaultValue").asText("")));
        return out;
    }

    private static void require(Path file, boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(file + ": " + problem);
        }
    }
}
