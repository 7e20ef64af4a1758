package dev.groot.model.tagger;

/** A tag that is not in the model's tag set (e.g. gold data from another tag scheme). */
public class UnknownTagException extends IllegalArgumentException {
    private final String tag;

    public UnknownTagException(String tag, String message) {
        super(message);
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
