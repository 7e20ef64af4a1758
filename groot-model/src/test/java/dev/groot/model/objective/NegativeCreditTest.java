package dev.groot.model.objective;

import dev.groot.model.update.SentenceGroup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NegativeCreditTest {
    private static final List<String> GOLD = List.of("O", "B-TL", "I-TL", "O", "O");
    private static final List<String> WRONG = List.of("O", "O", "O", "B-TL", "O");

    @Test
    void negativeWeightGoesOnlyWhereTheCandidateDiffersFromGold() {
        SentenceGroup.Row placed = NegativeCredit.ERROR_POSITIONS.place(new SentenceGroup.Row(WRONG, -0.25), GOLD);
        assertArrayEquals(new float[]{0f, -0.25f, -0.25f, -0.25f, 0f}, placed.positionWeights());
        assertEquals(-0.25, placed.weight(), 0.0, "the row keeps its stored weight");
        assertEquals(0.0, placed.weightAt(4), 0.0);
        assertEquals(-0.25, placed.weightAt(3), 1e-7);
    }

    @Test
    void positiveWeightsAndTheSequenceRuleCoverEveryPosition() {
        SentenceGroup.Row positive = new SentenceGroup.Row(WRONG, 0.4);
        assertSame(positive, NegativeCredit.ERROR_POSITIONS.place(positive, GOLD));
        SentenceGroup.Row negative = new SentenceGroup.Row(WRONG, -0.4);
        SentenceGroup.Row same = NegativeCredit.SEQUENCE.place(negative, GOLD);
        assertNull(same.positionWeights());
        for (int t = 0; t < WRONG.size(); t++) {
            assertEquals(-0.4, same.weightAt(t), 0.0);
        }
    }

    @Test
    void placesEveryRowOfAGroup() {
        SentenceGroup g = new SentenceGroup(List.of("a", "b", "c", "d", "e"),
                List.of(new SentenceGroup.Row(GOLD, 1.2), new SentenceGroup.Row(WRONG, -0.5)));
        SentenceGroup placed = NegativeCredit.ERROR_POSITIONS.place(g, GOLD);
        assertNull(placed.rows().get(0).positionWeights(), "the gold row has no error to place on");
        assertArrayEquals(new float[]{0f, -0.5f, -0.5f, -0.5f, 0f}, placed.rows().get(1).positionWeights());
        assertSame(g, NegativeCredit.SEQUENCE.place(g, GOLD));
    }

    @Test
    void parsesOptionNamesAndRejectsOthers() {
        assertEquals(NegativeCredit.ERROR_POSITIONS, NegativeCredit.parse(" Error-Positions "));
        assertEquals(NegativeCredit.SEQUENCE, NegativeCredit.parse("sequence"));
        assertEquals("error-positions", NegativeCredit.ERROR_POSITIONS.optionName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NegativeCredit.parse("tokens"));
        assertTrue(e.getMessage().contains("error-positions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NegativeCredit.ERROR_POSITIONS
                .place(new SentenceGroup.Row(WRONG, -1), GOLD.subList(0, 4)));
        assertThrows(IllegalArgumentException.class, () -> new SentenceGroup.Row(WRONG, -1, new float[]{1f, 2f}));
        assertThrows(IllegalArgumentException.class, () -> new SentenceGroup.Row(WRONG, -1, new float[]{0, 0, Float.NaN, 0, 0}));
    }
}
