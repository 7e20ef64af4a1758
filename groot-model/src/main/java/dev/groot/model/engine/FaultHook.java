package dev.groot.model.engine;

/**
 * Named points of an iteration where a test can stop or break the process (a kill-and-resume
 * test pauses the driver there and kills it). Production runs use {@link #NONE}.
 */
@FunctionalInterface
public interface FaultHook {

    FaultHook NONE = point -> { };

    /**
     * Called when the trainer reaches {@code point}: {@code after-generate}, {@code during-write},
     * {@code during-update}, {@code during-checkpoint} or {@code during-commit}.
     */
    void reached(String point);
}
