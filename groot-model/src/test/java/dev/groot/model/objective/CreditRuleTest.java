package dev.groot.model.objective;

import dev.groot.model.update.SentenceGroup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditRuleTest {
    private static final List<String> GOLD = List.of("O", "B-TL", "I-TL", "O", "O");
    private static final List<String> NEAR_MISS = List.of("O", "B-TL", "O", "O", "B-TL");
    private static final CreditRule BOTH = new CreditRule(NegativeCredit.ERROR_POSITIONS, PositiveCredit.AGREEING_POSITIONS);

    @Test
    void positiveWeightGoesOnlyWhereTheCandidateAgreesWithGold() {
        SentenceGroup.Row placed = PositiveCredit.AGREEING_POSITIONS.place(new SentenceGroup.Row(NEAR_MISS, 0.3), GOLD);
        assertArrayEquals(new float[]{0.3f, 0.3f, 0f, 0.3f, 0f}, placed.positionWeights());
        assertEquals(0.3, placed.weight(), 0.0, "the row keeps its stored weight");
        SentenceGroup.Row negative = new SentenceGroup.Row(NEAR_MISS, -0.3);
        assertSame(negative, PositiveCredit.AGREEING_POSITIONS.place(negative, GOLD), "negative weights are not its job");
        SentenceGroup.Row positive = new SentenceGroup.Row(NEAR_MISS, 0.3);
        assertSame(positive, PositiveCredit.SEQUENCE.place(positive, GOLD));
    }

    @Test
    void bothRestrictedNoPositionMovesAwayFromTheGold() {
        SentenceGroup g = new SentenceGroup(List.of("a", "b", "c", "d", "e"), List.of(
                new SentenceGroup.Row(GOLD, 1.1), new SentenceGroup.Row(NEAR_MISS, 0.2),
                new SentenceGroup.Row(NEAR_MISS, -0.4)));
        SentenceGroup placed = BOTH.place(g, GOLD);
        SentenceGroup.Row gold = placed.rows().get(0);
        for (int t = 0; t < GOLD.size(); t++) {
            assertEquals(1.1, gold.weightAt(t), 1e-6, "the gold row agrees everywhere");
        }
        assertArrayEquals(new float[]{0.2f, 0.2f, 0f, 0.2f, 0f}, placed.rows().get(1).positionWeights());
        assertArrayEquals(new float[]{0f, 0f, -0.4f, 0f, -0.4f}, placed.rows().get(2).positionWeights());
        // a position raises a tag only where it is the gold's and lowers one only where it is not
        for (SentenceGroup.Row r : placed.rows()) {
            for (int t = 0; t < GOLD.size(); t++) {
                boolean agrees = r.tags().get(t).equals(GOLD.get(t));
                assertTrue(agrees ? r.weightAt(t) >= 0 : r.weightAt(t) <= 0, r.tags() + " at " + t);
            }
        }
    }

    @Test
    void methodRuleNeedsNoGoldAndChangesNothing() {
        SentenceGroup g = new SentenceGroup(List.of("a", "b", "c", "d", "e"),
                List.of(new SentenceGroup.Row(NEAR_MISS, 0.2), new SentenceGroup.Row(NEAR_MISS, -0.4)));
        assertFalse(CreditRule.METHOD.needsGold());
        assertSame(g, CreditRule.METHOD.place(g, null));
        assertTrue(BOTH.needsGold());
        assertTrue(new CreditRule(NegativeCredit.SEQUENCE, PositiveCredit.AGREEING_POSITIONS).needsGold());
        SentenceGroup negativeOnly = new CreditRule(NegativeCredit.ERROR_POSITIONS, PositiveCredit.SEQUENCE).place(g, GOLD);
        assertNull(negativeOnly.rows().get(0).positionWeights(), "positive row left whole");
        assertArrayEquals(new float[]{0f, 0f, -0.4f, 0f, -0.4f}, negativeOnly.rows().get(1).positionWeights());
    }

    @Test
    void parsesOptionNamesAndRejectsOthers() {
        assertEquals(PositiveCredit.AGREEING_POSITIONS, PositiveCredit.parse(" Agreeing-Positions "));
        assertEquals(PositiveCredit.SEQUENCE, PositiveCredit.parse("sequence"));
        assertEquals("agreeing-positions", PositiveCredit.AGREEING_POSITIONS.optionName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PositiveCredit.parse("gold"));
        assertTrue(e.getMessage().contains("agreeing-positions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PositiveCredit.AGREEING_POSITIONS
                .place(new SentenceGroup.Row(NEAR_MISS, 1), GOLD.subList(0, 3)));
        assertThrows(NullPointerException.class, () -> new CreditRule(null, PositiveCredit.SEQUENCE));
    }
}
