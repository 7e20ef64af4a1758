package dev.groot.model.reward;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds rewards from spec strings (grammar in {@link RewardSpec}). Built-ins:
 * {@code span-fbeta[:beta=B]} (default beta 1; {@code span-f1} is an alias for beta 1),
 * {@code span-precision}, {@code span-recall}, {@code token-accuracy}, {@code exact-match}.
 * A user's class: {@code class:com.acme.MyReward[:k=v,...]}, built with its
 * {@code (Map<String,String>)} constructor when options are given (or when it has no no-arg
 * constructor), else its public no-arg constructor, and then checked by
 * {@link RewardValidator#validate(Reward)}.
 */
public final class Rewards {

    public static final List<String> BUILT_INS =
            List.of("span-fbeta", "span-f1", "span-precision", "span-recall", "token-accuracy", "exact-match");

    private Rewards() {
    }

    public static Reward parse(String spec) {
        RewardSpec parsed = RewardSpec.parse(spec);
        if (parsed.isUserClass()) {
            Reward reward = instantiate(spec, parsed);
            validate(reward);
            return reward;
        }
        Map<String, String> o = parsed.options();
        switch (parsed.name()) {
            case "span-fbeta":
                allowOnly(spec, o, Set.of("beta"));
                return new SpanFBetaReward(o.containsKey("beta") ? number(spec, "beta", o.get("beta")) : 1.0);
            case "span-f1":
                allowOnly(spec, o, Set.of());
                return new SpanFBetaReward(1.0);
            case "span-precision":
                allowOnly(spec, o, Set.of());
                return new SpanPrecisionReward();
            case "span-recall":
                allowOnly(spec, o, Set.of());
                return new SpanRecallReward();
            case "token-accuracy":
                allowOnly(spec, o, Set.of());
                return new TokenAccuracyReward();
            case "exact-match":
                allowOnly(spec, o, Set.of());
                return new ExactMatchReward();
            default:
                throw new IllegalArgumentException("unknown reward '" + parsed.name() + "' in spec '" + spec
                        + "'; built-ins are " + BUILT_INS + ", or class:fully.qualified.ClassName");
        }
    }

    /** Parses a list of specs separated by {@code ;} or by commas (see {@link RewardSpec#splitList}). */
    public static List<Reward> parseList(String specs) {
        List<Reward> rewards = new ArrayList<>();
        for (String spec : RewardSpec.splitList(specs)) {
            rewards.add(parse(spec));
        }
        return rewards;
    }

    /** Checks purity, range and serializability on probe sequences; see {@link RewardValidator}. */
    public static Reward validate(Reward reward) {
        return RewardValidator.validate(reward);
    }

    static void checkLengths(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold has " + gold.size() + " tags but predicted has "
                    + predicted.size() + "; a reward compares sequences of equal length");
        }
    }

    private static void allowOnly(String spec, Map<String, String> options, Set<String> allowed) {
        for (String key : options.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("reward spec '" + spec + "': unknown option '" + key + "'"
                        + (allowed.isEmpty() ? " (this reward takes no options)" : "; allowed: " + allowed));
            }
        }
    }

    private static double number(String spec, String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reward spec '" + spec + "': option " + key + "='" + value + "' is not a number");
        }
    }

    private static Reward instantiate(String spec, RewardSpec parsed) {
        String name = parsed.className();
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(name, true, loader != null ? loader : Rewards.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("reward spec '" + spec + "': class " + name
                    + " cannot be loaded (" + e + "); put its jar on the classpath of the driver and the executors", e);
        }
        if (!Reward.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("reward spec '" + spec + "': class " + name + " does not implement "
                    + Reward.class.getName());
        }
        Constructor<?> withMap = constructor(type, Map.class);
        Constructor<?> noArg = constructor(type);
        Object[] args;
        Constructor<?> chosen;
        if (withMap != null && (!parsed.options().isEmpty() || noArg == null)) {
            chosen = withMap;
            args = new Object[]{parsed.options()};
        } else if (noArg != null && parsed.options().isEmpty()) {
            chosen = noArg;
            args = new Object[0];
        } else if (noArg != null) {
            throw new IllegalArgumentException("reward spec '" + spec + "': class " + name + " takes no options "
                    + "(it has no public constructor taking Map<String,String>) but options " + parsed.options() + " were given");
        } else {
            throw new IllegalArgumentException("reward spec '" + spec + "': class " + name
                    + " needs a public no-argument constructor or a public constructor taking Map<String,String>");
        }
        try {
            return (Reward) chosen.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("reward spec '" + spec + "': constructor of " + name + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("reward spec '" + spec + "': cannot construct " + name + ": " + e, e);
        }
    }

    private static Constructor<?> constructor(Class<?> type, Class<?>... params) {
        try {
            return type.getConstructor(params);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
