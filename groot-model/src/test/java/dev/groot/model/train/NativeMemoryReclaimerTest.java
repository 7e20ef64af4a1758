package dev.groot.model.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NativeMemoryReclaimerTest {
    @Test
    void collectsAtMostOncePerInterval() throws InterruptedException {
        NativeMemoryReclaimer r = new NativeMemoryReclaimer(250);
        r.maybeCollect();
        assertEquals(0, r.collections(), "no collection before one interval has passed");
        Thread.sleep(300);
        r.maybeCollect();
        r.maybeCollect();
        assertEquals(1, r.collections(), "one collection per interval, however often it is asked");
        assertThrows(IllegalArgumentException.class, () -> new NativeMemoryReclaimer(0));
    }
}
