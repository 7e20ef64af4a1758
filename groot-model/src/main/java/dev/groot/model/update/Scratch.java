package dev.groot.model.update;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Named, grow-only scratch buffers outside every DL4J workspace: a forward pass leaves its
 * caches here for the backward pass, and the next minibatch reuses the memory instead of
 * allocating ~30 arrays per call. Each key is one buffer; views of different keys never alias.
 * Not thread-safe: one per thread ({@link #ofCurrentThread}).
 */
final class Scratch {
    private final DataType type;
    private final Map<String, INDArray> buffers = new HashMap<>();

    private static final ThreadLocal<Map<DataType, Scratch>> PER_THREAD = ThreadLocal.withInitial(HashMap::new);

    Scratch(DataType type) {
        this.type = type;
    }

    /**
     * The calling thread's scratch for {@code type}, shared by every grouped layer that runs on the
     * thread. DL4J's Spark worker builds a new graph (so a new layer) every averaging round; with
     * per-layer buffers each round re-allocated and page-faulted hundreds of MB. Sharing is safe
     * because a layer needs its buffers only within one call on one thread (its backward pass
     * recomputes the forward), and calls on one thread never interleave.
     */
    static Scratch ofCurrentThread(DataType type) {
        return PER_THREAD.get().computeIfAbsent(type, Scratch::new);
    }

    /** A c-ordered [rows, cols] view of the buffer named {@code key}; contents are undefined. */
    INDArray take(String key, long rows, long cols) {
        long need = Math.max(1, rows * cols);
        INDArray flat = buffers.get(key);
        if (flat == null || flat.length() < need) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                // 25% headroom: minibatches vary in size, and regrowing every call would defeat reuse.
                flat = Nd4j.createUninitialized(type, need + need / 4);
            }
            buffers.put(key, flat);
        }
        return Nd4j.create(flat.data(), new long[]{rows, cols}, new long[]{cols, 1}, 0, 'c', type);
    }

    /** Like {@link #take} but zero-filled. */
    INDArray zeros(String key, long rows, long cols) {
        return take(key, rows, cols).assign(0);
    }

    DataType type() {
        return type;
    }
}
