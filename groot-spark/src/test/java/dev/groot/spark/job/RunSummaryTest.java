package dev.groot.spark.job;

import dev.groot.model.reward.Reward;
import dev.groot.model.reward.Rewards;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunManifest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSummaryTest {

    @Test
    void tableKeepsWholeRewardNamesAndAlignsTheirColumns() {
        List<Reward> rewards = List.of(Rewards.parse("span-fbeta:beta=0.5"), Rewards.parse("token-accuracy"));
        IterationRecord it = new IterationRecord(0, "m", "sha", 0, 0.75,
                Map.of("top1/span-fbeta:beta=0.5", 0.75, "top1/token-accuracy", 0.5), Map.of(), "now", Map.of());
        RunManifest m = new RunManifest(RunManifest.SCHEMA_VERSION, "r", "now", Map.of(), List.of(it), 0);
        List<String> lines = RunSummary.table(m, rewards, 5).lines().toList();
        String header = lines.get(0);
        assertTrue(header.contains("top1 span-fbeta:beta=0.5 "), header);
        assertTrue(header.contains("top1 token-accuracy"), header);
        // each value ends where its header ends
        String row = lines.get(1);
        int end = header.indexOf("beta=0.5") + "beta=0.5".length();
        assertEquals("0.7500", row.substring(end - 6, end), row);
        int end2 = header.indexOf("token-accuracy") + "token-accuracy".length();
        assertEquals("0.5000", row.substring(end2 - 6, end2), row);
    }
}
