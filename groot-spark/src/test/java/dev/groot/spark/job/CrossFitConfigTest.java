package dev.groot.spark.job;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cross-fit options: one clear error per misuse, and no identity entries when off (old runs resume). */
class CrossFitConfigTest {

    @Test
    void offByDefaultAndInvisibleInTheIdentity() {
        assertFalse(CrossFitConfig.NONE.holdsOutAFold());
        assertFalse(CrossFitConfig.NONE.usesFoldModels());
        assertTrue(CrossFitConfig.NONE.keeps("any"));
        assertEquals(Map.of(), CrossFitConfig.NONE.identity());
    }

    @Test
    void aFoldRunKeepsTheOtherFolds() {
        CrossFitConfig fold1 = new CrossFitConfig(2, 1, List.of());
        CrossFitConfig fold0 = new CrossFitConfig(2, 0, List.of());
        for (String id : List.of("ca01:1", "ca01:2", "ca01:3", "cr09:120")) {
            assertTrue(fold0.keeps(id) != fold1.keeps(id), id + " is held out by exactly one of two folds");
        }
        assertEquals(Map.of("cross_fit_folds", "2", "cross_fit_held_out", "fold 1 of 2"), fold1.identity());
    }

    @Test
    void anUnseenFoldRunKeepsOnlyItsFold() {
        CrossFitConfig only0 = CrossFitConfig.unseenFold(2, 0);
        CrossFitConfig without0 = new CrossFitConfig(2, 0, List.of());
        for (String id : List.of("ca01:1", "ca01:2", "ca01:3", "cr09:120")) {
            assertTrue(only0.keeps(id) != without0.keeps(id), id + ": the unseen-fold run trains on what fold 0's model left out");
        }
        assertTrue(only0.trainsOnOneFold() && only0.filtersTrainingSplit() && !only0.holdsOutAFold());
        assertEquals(Map.of("cross_fit_folds", "2", "cross_fit_train_fold", "fold 0 of 2"), only0.identity());
        assertTrue(only0.trainingSplitNote().contains("only cross-fit fold 0 of 2"), only0.trainingSplitNote());
        assertEquals("", CrossFitConfig.NONE.trainingSplitNote());
    }

    @Test
    void foldModelPIsPartOfTheIdentity() {
        assertEquals("fold-model", new CrossFitConfig(2, -1, List.of("a", "b"), true).identity().get("cross_fit_p"));
        assertFalse(new CrossFitConfig(2, -1, List.of("a", "b")).identity().containsKey("cross_fit_p"));
    }

    @Test
    void misusesAreRefusedWithTheOptionNames() {
        assertMessage("need --folds", () -> new CrossFitConfig(0, 1, List.of()));
        assertMessage("need --folds", () -> new CrossFitConfig(0, -1, List.of("a", "b")));
        assertMessage("--folds must be >= 2", () -> new CrossFitConfig(1, 0, List.of()));
        assertMessage("exactly one of", () -> new CrossFitConfig(2, -1, List.of()));
        assertMessage("exactly one of", () -> new CrossFitConfig(2, 0, List.of("a", "b")));
        assertMessage("0..2, got 3", () -> new CrossFitConfig(3, 3, List.of()));
        assertMessage("one model per fold (3), got 2", () -> new CrossFitConfig(3, -1, List.of("a", "b")));
        assertMessage("--fold-model-p needs --fold-models", () -> new CrossFitConfig(2, 0, List.of(), true));
        assertMessage("need --folds", () -> new CrossFitConfig(0, -1, List.of(), false, 0));
        assertMessage("exactly one of", () -> new CrossFitConfig(2, 1, List.of(), false, 0));
        assertMessage("exactly one of", () -> new CrossFitConfig(2, -1, List.of("a", "b"), false, 0));
        assertMessage("--train-fold must be in 0..1, got 2", () -> CrossFitConfig.unseenFold(2, 2));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
