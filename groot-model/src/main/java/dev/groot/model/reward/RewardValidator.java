package dev.groot.model.reward;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a reward before any job runs (on the driver): it must be Serializable (it is shipped to
 * executors), return a value in [0, 1] for every probe pair, return the same value when asked
 * twice, and a serialized copy must agree with the original. Probes are BIO and POS-like
 * sequences plus, optionally, the caller's own gold sequences (e.g. a sample of the data), so a
 * reward is only required to accept equal-length tag sequences.
 */
public final class RewardValidator {

    private static final List<List<String>> BUILT_IN_PROBES = List.of(
            List.of("B-TL", "I-TL", "O", "O", "B-TL"),
            List.of("O", "O", "O", "O", "O"),
            List.of("NN", "VB", "DT", "JJ", "NN"),
            List.of("B-PER", "I-PER", "B-LOC", "O", "I-LOC"));

    private RewardValidator() {
    }

    public static Reward validate(Reward reward) {
        return validate(reward, List.of());
    }

    /** Same as {@link #validate(Reward)} with extra gold sequences to probe on (any lengths). */
    public static Reward validate(Reward reward, List<List<String>> extraProbes) {
        String who = describe(reward);
        Reward copy = roundTrip(reward, who);
        for (List<String> gold : probes(extraProbes)) {
            for (List<String> predicted : variants(gold)) {
                double first = call(reward, who, gold, predicted);
                double second = call(reward, who, gold, predicted);
                double copied = call(copy, who + " (deserialized copy)", gold, predicted);
                if (!(first >= 0 && first <= 1)) {
                    throw new IllegalArgumentException(who + " returned " + first + " for gold=" + gold + " predicted="
                            + predicted + "; rewards must be in [0, 1]");
                }
                if (Double.compare(first, second) != 0 || Double.compare(first, copied) != 0) {
                    throw new IllegalArgumentException(who + " is not deterministic: gold=" + gold + " predicted="
                            + predicted + " gave " + first + ", then " + second + ", and " + copied
                            + " after serialization; rewards must be pure functions of (gold, predicted)");
                }
            }
        }
        return reward;
    }

    private static List<List<String>> probes(List<List<String>> extra) {
        List<List<String>> all = new ArrayList<>(BUILT_IN_PROBES);
        all.addAll(extra);
        return all;
    }

    /** The gold itself, each other probe cut/padded to the same length, and the gold reversed. */
    private static List<List<String>> variants(List<String> gold) {
        List<List<String>> out = new ArrayList<>();
        out.add(gold);
        for (List<String> other : BUILT_IN_PROBES) {
            List<String> v = new ArrayList<>(gold.size());
            for (int i = 0; i < gold.size(); i++) {
                v.add(other.get(i % other.size()));
            }
            out.add(v);
        }
        List<String> reversed = new ArrayList<>(gold);
        java.util.Collections.reverse(reversed);
        out.add(reversed);
        return out;
    }

    private static double call(Reward reward, String who, List<String> gold, List<String> predicted) {
        try {
            return reward.score(gold, predicted);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(who + " threw " + e + " for gold=" + gold + " predicted=" + predicted
                    + "; a reward must accept any two tag sequences of equal length", e);
        }
    }

    private static Reward roundTrip(Reward reward, String who) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(reward);
            }
            ClassLoader loader = reward.getClass().getClassLoader();
            // resolve classes through the reward's own loader (a user jar may not be on the default one)
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                    try {
                        return Class.forName(desc.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        return super.resolveClass(desc);
                    }
                }
            }) {
                return (Reward) in.readObject();
            }
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(who + " is not serializable (" + e.getMessage()
                    + " is not Serializable); rewards are shipped to Spark executors", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException(who + " cannot be serialized and read back: " + e, e);
        }
    }

    private static String describe(Reward reward) {
        String name;
        try {
            name = reward.name();
        } catch (RuntimeException e) {
            name = "?";
        }
        return "reward '" + name + "' (" + reward.getClass().getName() + ")";
    }
}
