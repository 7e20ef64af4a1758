package dev.groot.model.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The two benchmark tasks built from the Brown tags (DATA.md). */
public enum BrownTask {
    /** One POS tag per token: the Brown tag with the -tl, -hl and -nc markers removed (232 tags). */
    POS("brown-pos"),
    /** BIO tagging (B-TL, I-TL, O) of maximal runs of tokens whose Brown tag contains -tl. */
    TITLE("brown-title");

    private static final Pattern MARKERS = Pattern.compile("-(tl|hl|nc)");

    private final String id;

    BrownTask(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static BrownTask parse(String s) {
        for (BrownTask t : values()) {
            if (t.id.equals(s.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + s + "' (use brown-pos or brown-title)");
    }

    /** Maps one sentence's raw Brown tags to this task's tags. */
    public List<String> tags(List<String> brownTags) {
        List<String> out = new ArrayList<>(brownTags.size());
        boolean inSpan = false;
        for (String raw : brownTags) {
            if (this == POS) {
                out.add(MARKERS.matcher(raw).replaceAll(""));
            } else {
                boolean title = raw.contains("-tl");
                out.add(title ? (inSpan ? "I-TL" : "B-TL") : "O");
                inSpan = title;
            }
        }
        return out;
    }
}
