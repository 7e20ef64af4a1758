package dev.groot.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the tasks of one application ran, read from its Spark event log (JSON lines):
 * finished tasks per executor id, optionally only of stages whose name contains some text
 * (e.g. the generation stage of {@code groot train}). Executor id "driver" means the task
 * ran in the driver JVM, which a real cluster run must not need.
 */
public final class EventLogTasks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Integer, String> stageNames;
    private final List<TaskEnd> tasks;
    private final Set<String> executorsAdded;

    private record TaskEnd(int stageId, String executorId, boolean succeeded) {
    }

    private EventLogTasks(Path file, Map<Integer, String> stageNames, List<TaskEnd> tasks, Set<String> executorsAdded) {
        this.file = file;
        this.stageNames = stageNames;
        this.tasks = tasks;
        this.executorsAdded = executorsAdded;
    }

    /** The newest event log in {@code dir} written since {@code sinceMillis}, if any. */
    static Optional<EventLogTasks> newest(Path dir, long sinceMillis) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toFile().lastModified() >= sinceMillis - 2000)
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .map(EventLogTasks::read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Parses one uncompressed event log; a bad line fails naming file and line. */
    public static EventLogTasks read(Path file) {
        Map<Integer, String> names = new HashMap<>();
        List<TaskEnd> ends = new java.util.ArrayList<>();
        Set<String> added = new TreeSet<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalStateException(file + ":" + lineNo + ": not a JSON event: " + e.getMessage(), e);
                }
                switch (event.path("Event").asText()) {
                    case "SparkListenerStageSubmitted" -> {
                        JsonNode info = event.path("Stage Info");
                        names.put(info.path("Stage ID").asInt(), info.path("Stage Name").asText());
                    }
                    case "SparkListenerTaskEnd" -> ends.add(new TaskEnd(event.path("Stage ID").asInt(),
                            event.path("Task Info").path("Executor ID").asText(),
                            "Success".equals(event.path("Task End Reason").path("Reason").asText())));
                    case "SparkListenerExecutorAdded" -> added.add(event.path("Executor ID").asText());
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event log " + file, e);
        }
        return new EventLogTasks(file, names, List.copyOf(ends), added);
    }

    public Path file() {
        return file;
    }

    /** Ids of the executors that registered with the driver. */
    public Set<String> executorsAdded() {
        return executorsAdded;
    }

    /** Successful tasks per executor id, over all stages. */
    public Map<String, Long> successfulTasksByExecutor() {
        return successfulTasksByExecutor("");
    }

    /** Successful tasks per executor id, over stages whose name contains {@code stageNamePart}. */
    public Map<String, Long> successfulTasksByExecutor(String stageNamePart) {
        Map<String, Long> counts = new TreeMap<>();
        for (TaskEnd t : tasks) {
            if (t.succeeded() && stageNames.getOrDefault(t.stageId(), "").contains(stageNamePart)) {
                counts.merge(t.executorId(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Stage names by id, to choose a {@code stageNamePart}. */
    public Map<Integer, String> stageNames() {
        return new TreeMap<>(stageNames);
    }

    @Override
    public String toString() {
        return file.getFileName() + ": executors " + executorsAdded + ", tasks " + successfulTasksByExecutor()
                + ", stages " + stageNames();
    }
}
