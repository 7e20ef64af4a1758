package dev.groot.model.io;

import java.util.Locale;

/** The corpus formats ingest reads. */
public enum InputFormat {
    BROWN(new SplitRule.BrownFileNumber()),
    CONLL(new SplitRule.FileName()),
    JSONL(new SplitRule.Field());

    private final SplitRule defaultSplitRule;

    InputFormat(SplitRule defaultSplitRule) {
        this.defaultSplitRule = defaultSplitRule;
    }

    public SplitRule defaultSplitRule() {
        return defaultSplitRule;
    }

    public static InputFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (use brown, conll or jsonl)");
        }
    }

    public CorpusFormatReader reader(ReaderConfig config) {
        return switch (this) {
            case BROWN -> new BrownReader(config);
            case CONLL -> new ConllReader(config);
            case JSONL -> new JsonLinesReader(config);
        };
    }

    /** Which files of an input directory belong to the corpus (Brown: only c<genre><nn>, not README etc.). */
    public boolean isCorpusFile(String fileName) {
        return this != BROWN || fileName.matches("c[a-r]\\d\\d");
    }
}
